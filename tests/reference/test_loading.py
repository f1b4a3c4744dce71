import pytest
from django.core.management.base import CommandError

from jobs.models import Appellation, RomeFamily, RomeMobility, SectorHiring, ShortageRate
from reference.models import LoadedFile
from territories.models import EPCI, Commune, Department, Region
from tests.reference.conftest import replace_line

pytestmark = pytest.mark.django_db

MODELS = (
    Region,
    Department,
    EPCI,
    Commune,
    RomeFamily,
    Appellation,
    RomeMobility,
    SectorHiring,
    ShortageRate,
)


def snapshot() -> dict:
    """Every row of every reference table, to compare the database before and after."""
    return {model.__name__: list(model.objects.order_by("pk").values()) for model in MODELS}


def test_it_loads_every_file_with_its_relations(data_dir, load):
    load(data_dir)

    trelaze = Commune.objects.get(code="49353")
    assert trelaze.name == "Trélazé"
    assert trelaze.search_name == "trelaze"
    assert trelaze.department.region.name == "Pays de la Loire"
    assert trelaze.epci.type == EPCI.Type.CU
    assert trelaze.post_code_list == ["49800"]
    assert (trelaze.population, trelaze.latitude, trelaze.longitude) == (16333, 47.4522, -0.478)
    assert Commune.objects.get(code="98611").epci is None
    assert Commune.objects.get(code="2A004").post_code_list == ["20000", "20090", "20167"]
    assert Appellation.objects.get(code="10805").search_name == "aide a domicile"
    assert set(
        RomeFamily.objects.get(code="K1304").close_families.values_list("code", flat=True)
    ) == {"J1501", "K2204"}
    # One ROME family can fall in several FAP job families.
    assert ShortageRate.objects.filter(rome_id="K1304").count() == 2
    assert SectorHiring.objects.get(rome_id="K2204", naf_code="8121Z").hirings == 5400
    assert [model.objects.count() for model in MODELS] == [4, 5, 4, 10, 4, 7, 3, 3, 3]


def test_it_skips_unchanged_files_on_the_second_run(data_dir, load):
    load(data_dir)
    before = snapshot()

    output = load(data_dir)

    assert output.count("inchangé depuis le dernier chargement") == 9
    assert "Données de référence à jour." in output
    assert snapshot() == before


def test_it_changes_nothing_when_forced_to_reload_the_same_files(data_dir, load):
    load(data_dir)
    before = snapshot()

    output = load(data_dir, force=True)

    assert output.count(" 0 ajoutées, 0 modifiées, 0 supprimées") == 9
    assert snapshot() == before


def test_it_reloads_a_file_whose_table_was_emptied_by_hand(data_dir, load):
    load(data_dir)
    RomeMobility.objects.all().delete()

    output = load(data_dir)

    assert "rome_mobilities.csv : 3 lignes, 3 ajoutées" in output
    assert RomeMobility.objects.count() == 3


def test_it_updates_changed_rows_and_inserts_new_ones(data_dir, load):
    load(data_dir)
    replace_line(
        data_dir / "communes.csv",
        "49353,Trélazé,49,52,244900015,49800,16333,47.45220,-0.47800",
        "49353,Trélazé-sur-Loire,49,52,244900015,49800|49801,17000,47.45220,-0.47800\n"
        "49020,Baugé-en-Anjou,49,52,200071868,49150,12000,47.54120,-0.10350",
    )
    replace_line(
        data_dir / "rome_naf_hirings.csv",
        "Nettoyage courant des bâtiments,5400",
        "Nettoyage courant des bâtiments,6000",
    )

    output = load(data_dir)

    assert "communes.csv : 11 lignes, 1 ajoutées, 1 modifiées, 0 supprimées" in output
    trelaze = Commune.objects.get(code="49353")
    assert (trelaze.name, trelaze.search_name) == ("Trélazé-sur-Loire", "trelaze sur loire")
    assert (trelaze.post_codes, trelaze.population) == ("49800|49801", 17000)
    assert Commune.objects.get(code="49020").epci_id == "200071868"
    assert SectorHiring.objects.get(rome_id="K2204", naf_code="8121Z").hirings == 6000
    assert SectorHiring.objects.count() == 3
    assert "regions.csv : inchangé" in output


def test_it_deletes_statistics_no_longer_published_but_keeps_communes(data_dir, load):
    load(data_dir)
    replace_line(data_dir / "rome_mobilities.csv", "K1304,K2204\n", "")
    replace_line(
        data_dir / "communes.csv", "98611,Alo,986,986,,98610,1875,-14.30420,-178.07920\n", ""
    )

    output = load(data_dir)

    assert "rome_mobilities.csv : 2 lignes, 0 ajoutées, 0 modifiées, 1 supprimées" in output
    assert not RomeMobility.objects.filter(rome_id="K1304", close_rome_id="K2204").exists()
    # An organization may be attached to a commune that a later edition merged away.
    assert "1 absentes du fichier, conservées" in output
    assert Commune.objects.filter(code="98611").exists()


@pytest.mark.parametrize(
    ("file_name", "old", "new", "expected"),
    [
        (
            "communes.csv",
            "code_insee,name,department,region,epci,post_codes,population,latitude,longitude",
            "code_insee,name,department,region,epci,post_codes,population,lat,longitude",
            "communes.csv, ligne 1 : colonne(s) manquante(s) : latitude",
        ),
        (
            "communes.csv",
            "49353,Trélazé,49,",
            "4935,Trélazé,49,",
            "ligne 8 : « 4935 » n'est pas un code INSEE de commune valide",
        ),
        (
            "communes.csv",
            "49353,Trélazé,49,",
            "49353,Trélazé,99,",
            "ligne 8 : code de département « 99 » inconnu (colonne « department »)",
        ),
        (
            "communes.csv",
            "16333,47.45220,-0.47800",
            "16333,quarante-sept,-0.47800",
            "ligne 8 : « quarante-sept » n'est pas un nombre (colonne « latitude »)",
        ),
        (
            "communes.csv",
            "16333,47.45220,-0.47800",
            "16333,147.45220,-0.47800",
            "ligne 8 : 147.45220 est hors des bornes",
        ),
        (
            "appellations.csv",
            "11166,Boulanger / Boulangère,D1102",
            "11166,Boulanger / Boulangère,D9999",
            "appellations.csv rejeté (1 erreur) :\n- ligne 7 : code ROME « D9999 » inconnu",
        ),
        (
            "epci.csv",
            "242010056,CA du Pays Ajaccien,CA",
            "242010056,CA du Pays Ajaccien,XX",
            "ligne 5 : « XX » n'est pas un type d'EPCI valide",
        ),
        (
            "metiers_tension.csv",
            "T4Z60,Agents d'entretien,55.0",
            "T4Z60,Agents d'entretien,55.0,en trop",
            "metiers_tension.csv rejeté (1 erreur) :\n- ligne 4 : 5 colonnes attendues",
        ),
        (
            "rome_mobilities.csv",
            "J1501,K1304",
            "K1304,J1501",
            "ligne 4 : doublon de la ligne 2",
        ),
    ],
)
def test_it_rejects_a_malformed_file_whole_and_changes_nothing(
    data_dir, load, file_name, old, new, expected
):
    load(data_dir)
    # Also change a valid earlier file: it must not be written either.
    replace_line(data_dir / "regions.csv", "Île-de-France", "Ile de France")
    replace_line(data_dir / file_name, old, new)
    before = snapshot()
    checksums = list(LoadedFile.objects.values_list("name", "sha256"))

    with pytest.raises(CommandError) as error:
        load(data_dir)

    assert expected in str(error.value)
    assert "aucune donnée de référence n'a été modifiée" in str(error.value)
    assert snapshot() == before
    assert list(LoadedFile.objects.values_list("name", "sha256")) == checksums


def test_it_writes_nothing_into_an_empty_database_when_a_late_file_is_wrong(data_dir, load):
    replace_line(data_dir / "metiers_tension.csv", "78.5", "beaucoup")

    with pytest.raises(CommandError, match=r"metiers_tension.csv rejeté .*\n- ligne 2 :"):
        load(data_dir)

    assert [model.objects.count() for model in MODELS] == [0] * len(MODELS)
    assert not LoadedFile.objects.exists()


def test_it_reports_every_faulty_line_of_a_file(data_dir, load):
    replace_line(data_dir / "communes.csv", "49007,Angers,49,", "49007,Angers,00,")
    replace_line(
        data_dir / "communes.csv",
        "49015,Avrillé,49,52,244900015,49240",
        "49015,Avrillé,49,52,244900015,4924",
    )

    with pytest.raises(CommandError) as error:
        load(data_dir)

    message = str(error.value)
    assert "communes.csv rejeté (2 erreurs)" in message
    assert "ligne 3 : code de département « 00 » inconnu" in message
    assert "ligne 4 : « 4924 » n'est pas un code postal valide" in message


def test_it_names_a_missing_file(data_dir, load):
    (data_dir / "epci.csv").unlink()

    with pytest.raises(CommandError, match="epci.csv : fichier introuvable"):
        load(data_dir)
