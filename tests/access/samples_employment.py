"""Route arguments of the contract pages and endpoints: a contract of the followed person
with a checkpoint side recorded (its actions are the team's), an alert, and the
employer's side sent by its link to the employer's contact (whose address is the
team's). The link's own page is walked with the unknown token every walk shares: a real
link is a key, and whoever holds it sees the employer's view (`test_employer_walls`)."""

from datetime import date

from employment import services
from employment.enums import ContractType, Side, Step
from tests.offers.helpers import company


def samples(team, followed):
    contract = services.contract_create(
        pathway=followed.pathway,
        user=team.colleague,
        contract_type=ContractType.CDD,
        start_date=date(2026, 1, 5),
        end_date=date(2026, 7, 4),
        hours_per_week=35,
        company=company(),
    )
    side = contract.checkpoints.get(step=Step.WEEK_1).sides.get(side=Side.EMPLOYEE)
    services.checkpoint_side_record(
        side=side,
        user=team.colleague,
        done_on=date(2026, 1, 12),
        channel="phone",
        how_it_goes="difficult",
        issues=["health"],
        actions="Action décidée : action-secrete-suivi",
        serious=True,
    )
    services.contract_change(
        contract=contract,
        kind="hours",
        effective_on=date(2026, 2, 1),
        hours_per_week=28,
        comment="Avenant : commentaire-secret-avenant",
        user=team.colleague,
    )
    alert = contract.alerts.get()
    employer_side = contract.checkpoints.get(step=Step.MONTH_1).sides.get(side=Side.EMPLOYER)
    services.employer_link_send(
        side=employer_side, user=team.colleague, email="contact-suivi-secret@employeur.example"
    )
    # (The employer's name is no secret: the company register is shared.)
    markers = [
        "action-secrete-suivi",
        "commentaire-secret-avenant",
        "contact-suivi-secret@employeur.example",
    ]
    arguments = {
        "contract_pk": contract.pk,
        "contract_id": contract.pk,
        "side_pk": side.pk,
        "side_id": side.pk,
        "alert_pk": alert.pk,
        "alert_id": alert.pk,
    }
    return markers, arguments
