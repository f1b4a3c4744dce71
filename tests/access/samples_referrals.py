"""Route arguments of the referral pages and endpoints: a referral from the followed
person's prescriber to the team's structure — two organizations the stranger has
nothing to do with. Its motivation and the person's name are private to both."""

from persons.services import person_create
from referrals.services import referral_create


def samples(team, followed):
    person = person_create(
        organization=followed.prescriber,
        user=followed.prescriber_user,
        data={"first_name": "Noémie", "last_name": "Orientée-Secrètement"},
    )
    referral = referral_create(
        person=person,
        to_organization=team.organization,
        motivation="Motif privé de l'orientation : motif-secret-orientation-structure",
        from_organization=followed.prescriber,
        from_user=followed.prescriber_user,
    )
    markers = ["motif-secret-orientation-structure", "Orientée-Secrètement"]
    return markers, {"referral_pk": referral.pk, "referral_id": referral.pk}
