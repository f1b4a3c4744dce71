"""The demo's bakery offer at Trélazé has candidates of every verdict for the mission
that wrote it: someone who can start, someone who can once childcare is found, and
someone whose own limits rule it out."""

from accounts.models import User
from matching import engine, selectors
from offers.enums import OfferState
from offers.models import JobOffer
from persons.models import Person
from tests.browser.conftest import demo_territory, reference_data_dir  # noqa: F401


def test_the_bakery_offer_has_candidates_of_each_verdict(demo_territory):  # noqa: F811
    sophie = User.objects.get(email__startswith="sophie.mission@")
    bakery = JobOffer.objects.get(
        appellation_id="20560", commune_id="49353", state=OfferState.PUBLISHED
    )
    pairs = selectors.ranked_candidates(sophie, bakery, limit=50)
    names = dict(
        Person.objects.filter(pk__in=[p.person_id for p in pairs]).values_list("pk", "last_name")
    )
    verdicts = {names[p.person_id]: p for p in pairs}
    assert {p.feasibility for p in pairs} == {
        engine.FEASIBLE,
        engine.FEASIBLE_IF,
        engine.NOT_FEASIBLE,
    }
    assert verdicts["Besnard"].lifting == ("famille-garde-moins-3-ans",)
    assert verdicts["Lemoine"].reasons == ("travail le week-end, exclu par la personne",)


def test_the_demo_has_an_introduction_in_every_state(demo_territory):  # noqa: F811
    from offers.enums import IntroductionState
    from offers.models import Introduction

    states = set(Introduction.objects.filter(is_demo=True).values_list("state", flat=True))
    assert states == set(IntroductionState.values)
