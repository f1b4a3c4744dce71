"""The offer's text, composed from its fields into clear French that makes people want
to apply: a title, what the job is, what the employer offers, the hours and conditions,
and who may apply. Pure: plain values in, text out (no database), so it is tested alone
and the guided form can show it before anything is saved.

Wording is gender-inclusive (« débutant·e », « vous serez accompagné·e ») and never shows
a raw code: every choice is spelled out."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from lib.text import at, lower_start, of
from offers.enums import ContractType, PayUnit, PhysicalDemand, PublicTransport, SchedulePattern

MONTHS = (
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
)

_SCHEDULE_PHRASES = {
    SchedulePattern.DAY: "en journée",
    SchedulePattern.TWO_SHIFTS: "en 2x8 (équipes du matin et de l'après-midi, en alternance)",
    SchedulePattern.THREE_SHIFTS: "en 3x8 (matin, après-midi et nuit, en alternance)",
    SchedulePattern.NIGHT: "de nuit",
    SchedulePattern.WEEKEND: "le week-end",
    SchedulePattern.SPLIT: "en horaires coupés (une pause de plusieurs heures dans la journée)",
}

_DEMAND_PHRASES = {
    PhysicalDemand.LOADS: "du port de charges",
    PhysicalDemand.STANDING: "de rester debout longtemps",
    PhysicalDemand.OUTDOOR: "de travailler en extérieur, par tous les temps",
    PhysicalDemand.REPETITIVE: "des gestes répétitifs",
    PhysicalDemand.COLD: "de travailler au froid",
    PhysicalDemand.HEIGHTS: "de travailler en hauteur",
}

_CONTRACT_PHRASES = {
    ContractType.CDI: "un CDI",
    ContractType.CDD: "un CDD",
    ContractType.CDDI: (
        "un CDD d'insertion (CDDI), avec un accompagnement tout au long du contrat"
    ),
    ContractType.TEMP: "une mission d'intérim",
    ContractType.PRO: (
        "un contrat de professionnalisation, pour apprendre le métier en étant payé·e"
    ),
    ContractType.APPRENTICE: "un contrat d'apprentissage",
    ContractType.SUBSIDISED: "un contrat aidé (parcours emploi compétences)",
    ContractType.CDI_TEMP: "un CDI intérimaire",
}

_TRANSPORT_PHRASES = {
    PublicTransport.YES: "Le lieu de travail est desservi par les transports en commun.",
    PublicTransport.PARTIAL: (
        "Le lieu de travail est desservi par les transports en commun, mais pas à toutes "
        "les heures : renseignez-vous sur les horaires."
    ),
    PublicTransport.NO: "Le lieu de travail n'est pas desservi par les transports en commun.",
}


@dataclass(frozen=True)
class OfferFields:
    """What the composition needs, as plain values (labels already resolved)."""

    job: str
    company: str
    commune: str
    tasks: str = ""
    skills: str = ""
    address: str = ""
    schedule_patterns: tuple[str, ...] = ()
    hours_per_week: int | None = None
    physical_demands: tuple[str, ...] = ()
    driving_licence_required: bool = False
    vehicle_required: bool = False
    written_french_required: bool = False
    public_transport: str = ""
    contract_type: str = ""
    duration_months: int | None = None
    start_date: date | None = None
    positions: int = 1
    pay_min: Decimal | None = None
    pay_max: Decimal | None = None
    pay_unit: str = PayUnit.MONTHLY
    open_to_beginners: bool = False
    training_provided: bool = False
    open_to_iae: bool = False
    immersion_possible: bool = False


@dataclass(frozen=True)
class ComposedText:
    title: str
    text: str


def compose(fields: OfferFields, *, today: date | None = None) -> ComposedText:
    sections = [
        _intro(fields),
        _section("Vos missions", _lines(fields.tasks)),
        _section("Ce que nous attendons", _lines(fields.skills)),
        _section("Ce que nous offrons", _offer(fields, today)),
        _section("Horaires et conditions", _conditions(fields)),
    ]
    # « Vous serez formé·e » is a promise: made only when the employer says so.
    training = "vous serez formé·e et accompagné·e à votre arrivée."
    if fields.open_to_beginners:
        welcome = "Vous débutez ? Ce poste vous est ouvert"
        line = f"{welcome} : {training}" if fields.training_provided else f"{welcome}."
        sections.append(_section("Accessible sans expérience", [line]))
    elif fields.training_provided:
        sections.append(_section("Formation à l'arrivée", [_capitalize(training)]))
    if fields.open_to_iae:
        sections.append(
            _section(
                "Ouvert aux parcours d'insertion",
                [
                    "Vous êtes accompagné·e par une structure d'insertion, une mission locale, "
                    "France Travail ou un autre service ? Votre candidature est la bienvenue, "
                    "et votre accompagnement peut continuer une fois en poste."
                ],
            )
        )
    if fields.immersion_possible:
        sections.append(
            _section(
                "Découvrir le poste avant de vous engager",
                [
                    "Une immersion de quelques jours (PMSMP) est possible pour découvrir le "
                    "métier et l'équipe avant de vous décider."
                ],
            )
        )
    return ComposedText(title=_title(fields), text="\n\n".join(s for s in sections if s))


def _title(fields: OfferFields) -> str:
    where = f" {at(fields.commune)}" if fields.commune else ""
    contract = f" en {_short_contract(fields.contract_type)}" if fields.contract_type else ""
    return f"{fields.job}{contract}{where}"[:200]


_TITLE_CONTRACTS = {
    ContractType.CDI: "CDI",
    ContractType.CDD: "CDD",
    ContractType.CDDI: "CDDI",
    ContractType.TEMP: "intérim",
    ContractType.PRO: "contrat de professionnalisation",
    ContractType.APPRENTICE: "apprentissage",
    ContractType.SUBSIDISED: "contrat aidé",
    ContractType.CDI_TEMP: "CDI intérimaire",
}


def _short_contract(contract_type: str) -> str:
    return _TITLE_CONTRACTS.get(contract_type, contract_type)


def _intro(fields: OfferFields) -> str:
    people = "une personne" if fields.positions <= 1 else f"{fields.positions} personnes"
    where = f" {at(fields.commune)}" if fields.commune else ""
    job = of(lower_start(fields.job))
    return f"{fields.company} recrute {people} pour le poste {job}{where}."


def _section(heading: str, lines: list[str]) -> str:
    if not lines:
        return ""
    body = "\n".join(f"- {line}" for line in lines)
    return f"{heading}\n{body}"


def _lines(text: str) -> list[str]:
    """One item per line typed, without the bullets people type themselves."""
    items = []
    for raw in text.splitlines():
        line = raw.strip().lstrip("-•*").strip()
        if line:
            items.append(line[0].upper() + line[1:])
    return items


def _offer(fields: OfferFields, today: date | None) -> list[str]:
    lines = []
    if fields.contract_type:
        contract = _CONTRACT_PHRASES.get(
            fields.contract_type, _short_contract(fields.contract_type)
        )
        duration = ""
        if fields.duration_months:
            duration = f" de {fields.duration_months} mois"
            if fields.contract_type in (ContractType.CDI, ContractType.CDI_TEMP):
                duration = ""
        lines.append(_capitalize(_with_duration(contract, duration)) + ".")
    pay = _pay(fields)
    if pay:
        lines.append(pay)
    if fields.start_date:
        if today is not None and fields.start_date <= today:
            lines.append("Poste à pourvoir dès que possible.")
        else:
            lines.append(f"Début du contrat le {_date(fields.start_date)}.")
    return lines


def _with_duration(contract: str, duration: str) -> str:
    if not duration:
        return contract
    # « un CDD d'insertion (CDDI), avec … » : the duration goes after the contract's name.
    head, sep, tail = contract.partition(",")
    return f"{head}{duration}{sep}{tail}"


def _pay(fields: OfferFields) -> str:
    unit = dict(PayUnit.choices).get(fields.pay_unit, "brut")
    if fields.pay_min and fields.pay_max and fields.pay_min != fields.pay_max:
        return f"Salaire de {_euros(fields.pay_min)} à {_euros(fields.pay_max)} {unit}."
    amount = fields.pay_min or fields.pay_max
    if amount:
        return f"Salaire de {_euros(amount)} {unit}."
    return ""


def _conditions(fields: OfferFields) -> list[str]:
    lines = []
    schedules = [_SCHEDULE_PHRASES[s] for s in fields.schedule_patterns if s in _SCHEDULE_PHRASES]
    hours = f"{fields.hours_per_week} heures par semaine" if fields.hours_per_week else ""
    if schedules and hours:
        lines.append(_capitalize(f"{hours}, {_join(schedules)}") + ".")
    elif schedules:
        lines.append(_capitalize(f"travail {_join(schedules)}") + ".")
    elif hours:
        lines.append(_capitalize(hours) + ".")
    demands = [_DEMAND_PHRASES[d] for d in fields.physical_demands if d in _DEMAND_PHRASES]
    if demands:
        lines.append(f"Le poste demande {_join(demands)}.")
    if fields.vehicle_required:
        lines.append("Permis B et véhicule personnel indispensables.")
    elif fields.driving_licence_required:
        lines.append("Permis B exigé (un véhicule est fourni pour le travail).")
    else:
        lines.append("Pas besoin de permis ni de voiture.")
    if fields.written_french_required:
        lines.append("Le poste demande de lire et d'écrire le français.")
    if fields.public_transport in _TRANSPORT_PHRASES:
        lines.append(_TRANSPORT_PHRASES[fields.public_transport])
    where = ", ".join(part for part in (fields.address, fields.commune) if part)
    if where:
        lines.append(f"Lieu de travail : {where}.")
    return lines


def _join(parts: list[str]) -> str:
    if len(parts) <= 1:
        return "".join(parts)
    return f"{', '.join(parts[:-1])} et {parts[-1]}"


def _capitalize(text: str) -> str:
    return text[:1].upper() + text[1:]


def _euros(amount: Decimal) -> str:
    """« 1 900 € », « 11,65 € » (narrow no-break space between thousands)."""
    value = Decimal(amount)
    whole = f"{int(value):,}".replace(",", "\u202f")
    if value == value.to_integral_value():
        return f"{whole} €"
    cents = f"{value:.2f}".split(".")[1]
    return f"{whole},{cents} €"


def _date(day: date) -> str:
    first = "1er" if day.day == 1 else str(day.day)
    return f"{first} {MONTHS[day.month - 1]} {day.year}"


@dataclass(frozen=True)
class Block:
    """A part of an offer's text as the pages show it: a heading with its items, or a
    paragraph."""

    heading: str = ""
    items: tuple[str, ...] = ()
    paragraph: str = ""


def blocks(text: str) -> list[Block]:
    """Read a text back into blocks: paragraphs are separated by a blank line; a
    paragraph whose following lines are « - » items is a heading with its list. Text
    retouched by hand reads the same way, whatever its shape."""
    found = []
    for chunk in text.replace("\r\n", "\n").split("\n\n"):
        lines = [line.strip() for line in chunk.split("\n") if line.strip()]
        if not lines:
            continue
        rest = lines[1:]
        if rest and all(line.startswith("- ") for line in rest) and not lines[0].startswith("- "):
            found.append(Block(heading=lines[0], items=tuple(line[2:] for line in rest)))
        elif all(line.startswith("- ") for line in lines):
            found.append(Block(items=tuple(line[2:] for line in lines)))
        else:
            found.append(Block(paragraph="\n".join(lines)))
    return found
