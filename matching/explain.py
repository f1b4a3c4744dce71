"""One line of French per component of a pair, from the values the engine computed.
Built for the pairs shown only (a page), never for the whole population."""

from lib.plural import count_of
from matching import components as c
from matching.arrays import ATYPICAL, CONTRACTS, barriers_of

_ORDINALS = ("1er", "2e", "3e", "4e", "5e")
_CONTRACT_LABELS = {
    "CDI": "CDI",
    "CDD": "CDD",
    "CDDI": "CDDI",
    "TEMP": "intérim",
    "PRO": "contrat de professionnalisation",
    "APPRENTICE": "apprentissage",
    "SUBSIDISED": "contrat aidé",
    "CDI_TEMP": "CDI intérimaire",
}


def _barrier_part(blocked: int, lifting: int, ok: str) -> tuple[str, bool]:
    if blocked:
        found = barriers_of(blocked)
        return "; ".join(b.blocked for b in found), any(b.sensitive for b in found)
    if lifting:
        found = barriers_of(lifting)
        return (
            "faisable " + " et ".join(b.lift for b in found),
            any(b.sensitive for b in found),
        )
    return ok, False


def job(level: int, rank: int, wished_job: str) -> str:
    nth = _ORDINALS[rank] if rank < len(_ORDINALS) else f"{rank + 1}e"
    if level == c.JOB_WISHED:
        return f"« {wished_job} » est son {nth} métier souhaité"
    if level == c.JOB_FAMILY:
        return f"même famille de métiers que son {nth} souhait (« {wished_job} »)"
    if level == c.JOB_RELATED:
        return f"famille proche de son {nth} souhait (« {wished_job} »)"
    if level == c.JOB_PAST:
        return "a déjà exercé un métier de cette famille"
    return "sans lien avec ses souhaits ni son expérience"


def reach(distance, radius, needs_transit: bool, transit: int, hard: int) -> str:
    if distance != distance:  # NaN
        return "distance à préciser (commune inconnue)"
    where = f"à {distance:.0f} km"
    if hard & c.TOO_FAR:
        return f"{where}, au-delà des {radius:.0f} km de trajet possibles"
    if hard & c.NOT_SERVED:
        return f"{where}, lieu non desservi en transports en commun"
    text = f"{where}, dans son rayon de {radius:.0f} km"
    if needs_transit:
        text += {
            1: ", desservi en transports en commun",
            2: ", desservi en partie seulement",
        }.get(transit, ", desserte à vérifier")
    return text


def schedule(hard: int, blocked: int, lifting: int, schedules: int) -> tuple[str, bool]:
    own = [
        text
        for bit, text in (
            (c.OWN_NIGHTS, "nuit exclue par la personne"),
            (c.OWN_WEEKENDS, "week-end exclu par la personne"),
            (c.OWN_EARLY, "début avant 7 h exclu par la personne"),
            (c.OWN_SPLIT, "horaires coupés exclus par la personne"),
        )
        if hard & bit
    ]
    if own:
        return "; ".join(own), False
    ok = "horaires atypiques compatibles" if schedules & ATYPICAL else "horaires de journée"
    return _barrier_part(blocked, lifting, ok)


def licence(hard: int, blocked: int, lifting: int, required: bool, unknown: bool):
    if not required:
        return "ni permis ni véhicule exigé", False
    if hard & c.NO_LICENCE:
        return "permis B exigé, pas de permis", False
    if hard & c.LICENCE_SUSPENDED:
        return "permis B exigé, permis suspendu", False
    if hard & c.NO_VEHICLE:
        return "véhicule personnel exigé, pas de véhicule", False
    if not (blocked or lifting) and unknown:
        return "permis exigé, à vérifier avec la personne", False
    return _barrier_part(blocked, lifting, "permis et véhicule exigés : en règle")


def physical(blocked: int, lifting: int, demands: int) -> tuple[str, bool]:
    ok = "exigences physiques sans restriction déclarée" if demands else "pas d'exigence physique"
    return _barrier_part(blocked, lifting, ok)


def french(blocked: int, lifting: int, needed: bool) -> tuple[str, bool]:
    ok = "français écrit demandé : pas de frein noté" if needed else "pas d'écrit particulier"
    return _barrier_part(blocked, lifting, ok)


def availability(late: int) -> str:
    if late <= 0:
        return "disponible pour la date de début"
    if late > c.LATE_START_DAYS:
        return f"disponible {late} jours après le début du poste"
    return f"disponible {late} jours après le début"


def contract(wanted: bool, hours_gap: int, contract_index: int, any_contract: bool) -> str:
    name = (
        _CONTRACT_LABELS[CONTRACTS[contract_index]]
        if contract_index < len(CONTRACTS)
        else "contrat à préciser"
    )
    if any_contract:
        text = f"{name} : pas de contrat préféré"
    elif wanted:
        text = f"{name} : souhaité"
    else:
        text = f"{name} : pas parmi ses contrats souhaités"
    if hours_gap > 4:
        text += f", {hours_gap} h d'écart avec les heures souhaitées"
    return text


def priority(pass_left: int, waiting: int) -> str:
    if 0 <= pass_left <= c.PASS_ENDING_DAYS:
        return f"PASS IAE se termine dans {pass_left} jours"
    if waiting >= 30:
        return f"en parcours depuis {waiting // 30} mois sans mise en relation"
    return "pas de priorité particulière"


def fairness(recent: int, open_introductions: int) -> str:
    parts = []
    if recent:
        recently = count_of(recent, "mise en relation", "mises en relation")
        parts.append(f"{recently} ces 30 derniers jours")
    if open_introductions:
        parts.append(f"{count_of(open_introductions, 'candidature')} en cours sur l'offre")
    return " ; ".join(parts) or "aucune mise en relation récente"
