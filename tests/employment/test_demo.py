"""The demo's hires carry on after « embauché·e »: Fatou's CDD of eight months, followed
on both sides, has become a CDI; Mickaël's CDD ended in its trial period, reopened his
pathway and raised an alert to his counsellor."""

from employment.enums import ChangeKind, ContractState
from employment.models import Alert, Contract
from pathways.enums import PathwayState
from tests.browser.conftest import demo_territory, reference_data_dir  # noqa: F401


def test_the_demo_has_a_hire_followed_into_a_cdi_and_one_broken_early(demo_territory):  # noqa: F811
    fatou = Contract.objects.get(person__last_name="Diallo")
    assert fatou.state == ContractState.RUNNING and fatou.contract_type == "CDI"
    assert list(fatou.changes.values_list("kind", flat=True)) == [ChangeKind.PERMANENT]
    done = [s for c in fatou.checkpoints.all() for s in c.sides.all() if s.done_on]
    assert {s.side for s in done} == {"employee", "employer"} and len(done) >= 4
    assert fatou.introduction.offer.title.startswith("Aide à domicile")
    assert fatou.pathway.state == PathwayState.IN_EMPLOYMENT

    assert Contract.objects.get(person__last_name="Leclerc").state == ContractState.RUNNING
    mickael = Contract.objects.get(person__last_name="Renard")
    assert mickael.state == ContractState.BROKEN and mickael.break_reason == "trial_end"
    assert mickael.pathway.state == PathwayState.ACTIVE
    assert Alert.objects.filter(contract=mickael).exists()
