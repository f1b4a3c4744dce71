import pytest

from tests.factories.territories import DepartmentFactory, RegionFactory, commune_at


@pytest.fixture
def anjou(db):
    """A few real communes around Angers (INSEE figures), plus two far away."""
    val_de_marne = DepartmentFactory(
        code="94", name="Val-de-Marne", region=RegionFactory(code="11", name="Île-de-France")
    )
    communes = {
        "angers": commune_at(
            "49007", "Angers", 47.4819, -0.5629, post_codes="49000|49100", population=159022
        ),
        "trelaze": commune_at(
            "49353", "Trélazé", 47.4522, -0.4780, post_codes="49800", population=16333
        ),
        "sarrigne": commune_at(
            "49326", "Sarrigné", 47.5003, -0.3889, post_codes="49800", population=800
        ),
        "st_barthelemy": commune_at(
            "49267",
            "Saint-Barthélemy-d'Anjou",
            47.4741,
            -0.4826,
            post_codes="49124",
            population=9720,
        ),
        "ponts_de_ce": commune_at(
            "49246", "Les Ponts-de-Cé", 47.4270, -0.5110, post_codes="49130", population=13149
        ),
        # Bigger than Angers: it must still come after the exact name "Angers".
        "lion": commune_at(
            "49176", "Le Lion-d'Angers", 47.6340, -0.7517, post_codes="49220", population=200000
        ),
        "lhay": commune_at(
            "94038",
            "L'Haÿ-les-Roses",
            48.7777,
            2.3416,
            post_codes="94240",
            population=31188,
            department=val_de_marne,
            epci=None,
        ),
    }
    return communes
