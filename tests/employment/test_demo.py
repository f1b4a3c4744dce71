"""The demo's hires carry on after « embauché·e »: Fatou's CDD of eight months, followed
on both sides, has become a CDI; Sandrine's CDI ended in its trial period, reopened her
pathway and raised an alert to her counsellor."""

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

    sandrine = Contract.objects.get(person__last_name="Leclerc")
    assert sandrine.state == ContractState.BROKEN and sandrine.break_reason == "trial_end"
    assert sandrine.pathway.state == PathwayState.ACTIVE
    assert Alert.objects.filter(contract=sandrine).exists()
