"""Seed 003's person and offers, in the database."""

import pytest

from offers.enums import OfferState, PublicTransport, SchedulePattern
from persons.enums import DrivingLicence
from persons.services import person_update, wish_add
from tests.barriers.helpers import identify
from tests.factories.jobs import AppellationFactory, RomeFamilyFactory
from tests.factories.territories import commune_at
from tests.offers.helpers import offer

TRELAZE = (47.4456, -0.4657)


@pytest.fixture
def seed(team, followed):
    """Seed 003: she wants « aide à domicile »; a child under three without childcare;
    no licence; public transport only; 10 km at most."""
    home = commune_at("49353", "Trélazé", *TRELAZE)
    near = commune_at("49901", "À 4 km", TRELAZE[0] + 4 / 111.2, TRELAZE[1])
    far = commune_at("49902", "À 25 km", TRELAZE[0] - 25 / 111.2, TRELAZE[1])
    home_help = AppellationFactory(
        code="38112",
        name="Aide à domicile",
        rome=RomeFamilyFactory(code="K1302", name="Assistance auprès d'adultes"),
    )
    packing = AppellationFactory(
        code="11111",
        name="Agent / Agente de conditionnement",
        rome=RomeFamilyFactory(code="H3302", name="Opérations manuelles d'assemblage"),
    )
    person = followed.person
    person_update(
        person=person,
        actor=team.colleague,
        data={
            "commune": home,
            "driving_licence": DrivingLicence.NONE,
            "moves_by_public_transport": True,
            "max_travel_km": 10,
        },
    )
    wish_add(person=person, appellation=home_help, actor=team.colleague)
    childcare = identify(person, "famille-garde-moins-3-ans", team.colleague, team.organization)
    packing_job = offer(
        team.organization,
        team.colleague,
        appellation=packing,
        commune=far,
        schedule_patterns=[SchedulePattern.THREE_SHIFTS],
        vehicle_required=True,
        state=OfferState.PUBLISHED,
    )
    day_job = offer(
        team.organization,
        team.colleague,
        appellation=home_help,
        commune=near,
        schedule_patterns=[SchedulePattern.DAY],
        public_transport=PublicTransport.YES,
        state=OfferState.PUBLISHED,
    )
    return person, childcare, packing_job, day_job
