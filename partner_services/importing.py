"""Importing services in the data·inclusion format (a JSON list of services, see
reference/data/data-inclusion/service.schema.json).

The whole file is checked before anything is written; one faulty record rejects the
file with French messages naming the record (its index from 0) and the field. Then
every record is upserted by (source, id), in one transaction."""

import datetime
import json
from dataclasses import dataclass
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.db import transaction

from barriers.thematiques import thematiques
from partner_services.enums import modes_accueil, publics
from partner_services.models import Service
from partner_services.services import set_service_themes
from territories.models import Commune

REQUIRED = ("source", "structure_id", "id", "nom", "description", "date_maj")
# Errors listed before giving up: enough to fix a file, not a wall of text.
MAX_ERRORS = 30


class ServiceImportError(Exception):
    """A file that cannot be imported; the message is French and lists the faults."""


@dataclass(frozen=True)
class ImportReport:
    records: int
    created: int
    updated: int
    unchanged: int


def _text(value) -> str:
    return value.strip() if isinstance(value, str) else ""


def _check_list(record, field, known, errors, where):
    values = record.get(field)
    if values is None:
        return
    if not isinstance(values, list):
        errors.append(f"{where}, champ « {field} » : une liste est attendue.")
        return
    unknown = [str(v) for v in values if v not in known]
    if unknown:
        errors.append(f"{where}, champ « {field} » : valeurs inconnues {', '.join(unknown)}.")


def _check(records) -> list[str]:
    if not isinstance(records, list):
        return ["Le fichier doit contenir une liste de services."]
    errors: list[str] = []
    codes = {
        record.get("code_insee")
        for record in records
        if isinstance(record, dict) and record.get("code_insee")
    }
    known_communes = set(Commune.objects.filter(code__in=codes).values_list("code", flat=True))
    seen: dict[tuple[str, str], int] = {}
    for index, record in enumerate(records):
        where = f"Service n° {index}"
        if not isinstance(record, dict):
            errors.append(f"{where} : un objet JSON est attendu.")
            continue
        for field in REQUIRED:
            if not _text(record.get(field)):
                errors.append(f"{where}, champ « {field} » : obligatoire.")
        name = _text(record.get("nom"))
        if name and not 3 <= len(name) <= 150:
            errors.append(f"{where}, champ « nom » : entre 3 et 150 caractères.")
        if _text(record.get("date_maj")):
            try:
                datetime.date.fromisoformat(record["date_maj"])
            except ValueError:
                errors.append(f"{where}, champ « date_maj » : date AAAA-MM-JJ attendue.")
        key = (_text(record.get("source")), _text(record.get("id")))
        if all(key):
            if key in seen:
                errors.append(
                    f"{where}, champ « id » : déjà utilisé par le service n° {seen[key]}."
                )
            seen.setdefault(key, index)
        if not record.get("thematiques"):
            errors.append(f"{where}, champ « thematiques » : au moins une thématique.")
        _check_list(record, "thematiques", thematiques(), errors, where)
        _check_list(record, "publics", publics(), errors, where)
        _check_list(record, "modes_accueil", modes_accueil(), errors, where)
        code = record.get("code_insee")
        if code and code not in known_communes:
            errors.append(f"{where}, champ « code_insee » : commune {code} inconnue.")
        email = _text(record.get("courriel"))
        if email:
            try:
                EmailValidator()(email)
            except ValidationError:
                errors.append(f"{where}, champ « courriel » : adresse invalide.")
        link = _text(record.get("lien_source"))
        if link:
            try:
                URLValidator()(link)
            except ValidationError:
                errors.append(f"{where}, champ « lien_source » : adresse web invalide.")
        if len(errors) >= MAX_ERRORS:
            errors.append("… (lecture arrêtée)")
            break
    return errors


def _fields(record: dict, *, demo: bool) -> dict:
    address = " ".join(
        part
        for part in (_text(record.get("adresse")), _text(record.get("complement_adresse")))
        if part
    )
    return {
        "structure_id": _text(record["structure_id"]),
        # Not in the service schema (the structure is another record): an optional
        # `structure_nom` names it, else its id stands for it.
        "structure_name": _text(record.get("structure_nom")) or _text(record["structure_id"]),
        "name": _text(record["nom"]),
        "description": _text(record["description"]),
        "thematiques": list(record.get("thematiques") or []),
        "publics": list(record.get("publics") or []),
        "modes_accueil": list(record.get("modes_accueil") or []),
        "commune_id": record.get("code_insee") or None,
        "address": address[:255],
        "post_code": _text(record.get("code_postal")),
        "contact_email": _text(record.get("courriel")),
        "contact_phone": _text(record.get("telephone"))[:30],
        "website": _text(record.get("lien_source")),
        "updated_on": datetime.date.fromisoformat(record["date_maj"]),
        "is_demo": demo,
    }


def import_services(records, *, demo: bool = False) -> ImportReport:
    """Check then upsert `records` (a decoded data·inclusion JSON list). Raises
    ServiceImportError, with nothing written, if any record is faulty."""
    errors = _check(records)
    if errors:
        raise ServiceImportError("Fichier refusé, rien n'a été importé :\n" + "\n".join(errors))
    created = updated = 0
    with transaction.atomic():
        for record in records:
            fields = _fields(record, demo=demo)
            service = Service.objects.filter(
                source=_text(record["source"]), source_id=_text(record["id"])
            ).first()
            if service is None:
                service = Service(source=_text(record["source"]), source_id=_text(record["id"]))
                created += 1
            elif any(getattr(service, name) != value for name, value in fields.items()):
                updated += 1
            else:
                continue
            for name, value in fields.items():
                setattr(service, name, value)
            service.save()
            set_service_themes(service)
    return ImportReport(len(records), created, updated, len(records) - created - updated)


def import_services_file(path: Path, *, demo: bool = False) -> ImportReport:
    try:
        records = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ServiceImportError(f"{path} : fichier introuvable.") from None
    except json.JSONDecodeError as error:
        raise ServiceImportError(f"{path} : JSON invalide (ligne {error.lineno}).") from None
    return import_services(records, demo=demo)
