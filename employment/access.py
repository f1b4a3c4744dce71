"""The one way pages and API handlers fetch and authorise a contract, a checkpoint side
or an alert: through its pathway (`pathways.access.pathway_to_manage`: the person at
Level.TEAM, 404 otherwise; the holding structure only, 403 otherwise)."""

from django.http import Http404

from employment.models import Alert, CheckpointSide, Contract
from pathways.access import pathway_to_manage

NOT_FOUND = "Contrat introuvable."


def _pk(value) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        raise Http404(NOT_FOUND) from None


def contract_to_manage(user, pk, *, person_pk=None):
    """(person, level, contract) for reading or changing the contract `pk`."""
    contract = (
        Contract.objects.select_related("pathway", "company", "employer_organization")
        .filter(pk=_pk(pk))
        .first()
    )
    if contract is None:
        raise Http404(NOT_FOUND)
    person, level, pathway = pathway_to_manage(user, contract.pathway_id, person_pk=person_pk)
    contract.pathway = pathway
    return person, level, contract


def side_to_manage(user, pk, *, contract: Contract) -> CheckpointSide:
    side = (
        CheckpointSide.objects.select_related("checkpoint__contract")
        .filter(pk=_pk(pk), checkpoint__contract=contract)
        .first()
    )
    if side is None:
        raise Http404("Point de suivi introuvable.")
    side.checkpoint.contract = contract
    return side


def alert_to_manage(user, pk) -> Alert:
    alert = Alert.objects.filter(pk=_pk(pk)).first()
    if alert is None:
        raise Http404("Alerte introuvable.")
    _, _, alert.pathway = pathway_to_manage(user, alert.pathway_id)
    return alert
