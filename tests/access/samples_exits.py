"""Route arguments of the exit pages and endpoints: the followed person, helped by a
second structure too, left it with a check after the exit recorded (its comment is
that structure's); the referral review is reached through the referral's routes."""

from datetime import date

from employment.services import pathway_close
from exits import services
from organizations.enums import OrganizationKind
from pathways.services import pathway_open
from tests.factories.organizations import MembershipFactory, OrganizationFactory


def samples(team, followed):
    structure = OrganizationFactory(name="Chantier Voisin", kind=OrganizationKind.ACI)
    counsellor = MembershipFactory(organization=structure).user
    pathway = pathway_open(
        person=followed.person,
        organization=structure,
        kind="support",
        referent=counsellor,
        user=counsellor,
        entry_channel="walk_in",
    )
    pathway, _ = pathway_close(
        pathway=pathway, user=counsellor, exit_reason="job_seeking", on=date(2025, 1, 10)
    )
    check = pathway.post_exit_checks.get()
    services.check_record(
        check=check,
        user=counsellor,
        done_on=date(2025, 7, 15),
        situation="other_employer",
        channel="phone",
        comment="Situation : commentaire-secret-sortie",
    )
    return ["commentaire-secret-sortie"], {"check_pk": check.pk, "check_id": check.pk}
