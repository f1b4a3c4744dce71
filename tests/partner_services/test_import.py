import json
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from partner_services.importing import ServiceImportError, import_services
from partner_services.models import Service, ServiceTheme
from tests.barriers.helpers import demo_communes

DEMO_FILE = Path(settings.BASE_DIR) / "partner_services" / "demo" / "services_demo.json"


def _record(**fields):
    record = {
        "source": "dora",
        "structure_id": "dora--1",
        "id": "dora--service-1",
        "nom": "Garage solidaire",
        "description": "Réparations à prix solidaire.",
        "date_maj": "2025-02-14",
        "thematiques": ["mobilite--entretenir-reparer-son-vehicule"],
        "code_insee": "49353",
    }
    record.update(fields)
    return record


def test_it_imports_the_demo_file_then_leaves_it_unchanged(db):
    demo_communes()
    out = StringIO()
    call_command("import_services", str(DEMO_FILE), "--demo", stdout=out)
    records = json.loads(DEMO_FILE.read_text(encoding="utf-8"))
    assert Service.objects.count() == len(records) >= 10
    assert f"{len(records)} créés" in out.getvalue()
    assert all(s.is_demo and "démo" in s.name for s in Service.objects.all())
    assert ServiceTheme.objects.filter(theme="famille").exists()
    call_command("import_services", str(DEMO_FILE), "--demo", stdout=out)
    assert f"{len(records)} inchangés" in out.getvalue()
    assert Service.objects.count() == len(records)


def test_it_updates_a_known_service_by_source_and_id(db):
    demo_communes()
    import_services([_record()])
    report = import_services(
        [
            _record(
                nom="Garage solidaire de Trélazé", thematiques=["mobilite--acceder-a-un-vehicule"]
            )
        ]
    )
    assert (report.created, report.updated) == (0, 1)
    service = Service.objects.get()
    assert service.name == "Garage solidaire de Trélazé"
    assert list(service.themes.values_list("value", flat=True)) == [
        "mobilite--acceder-a-un-vehicule"
    ]


def test_it_rejects_the_whole_file_naming_the_record_and_the_field(db):
    demo_communes()
    records = [
        _record(),
        _record(id="dora--service-2", thematiques=["mobilite--voler"]),
        _record(id="dora--service-3", code_insee="99999", nom=""),
    ]
    with pytest.raises(ServiceImportError) as error:
        import_services(records)
    message = str(error.value)
    assert "Service n° 1, champ « thematiques » : valeurs inconnues mobilite--voler" in message
    assert "Service n° 2, champ « code_insee » : commune 99999 inconnue" in message
    assert "Service n° 2, champ « nom » : obligatoire" in message
    assert not Service.objects.exists()


def test_it_rejects_a_duplicate_identifier_in_the_file(db):
    demo_communes()
    with pytest.raises(ServiceImportError, match="déjà utilisé par le service n° 0"):
        import_services([_record(), _record()])


def test_the_command_reports_a_refused_file_in_french(db, tmp_path):
    path = tmp_path / "services.json"
    path.write_text('{"pas": "une liste"}', encoding="utf-8")
    with pytest.raises(CommandError, match="une liste de services"):
        call_command("import_services", str(path))
