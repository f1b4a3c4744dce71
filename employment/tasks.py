"""Emails of the in-job follow-up, sent by the task worker once the transaction commits:
the employer's link to answer its side of a checkpoint, and the referent's notices (a
side overdue, a serious difficulty raised by the employer on its link)."""

from django.conf import settings
from django.core.mail import send_mail, send_mass_mail
from django.urls import reverse
from django.utils import timezone
from django_tasks import task

from employment import employer_link
from employment.models import CheckpointSide

SUBJECTS = {
    "overdue": "Suivi dans l'emploi : {count} point(s) en retard",
    "serious_issue": "Suivi dans l'emploi : difficulté sérieuse signalée par l'employeur",
}
INTRODUCTIONS = {
    "overdue": "Ces points de suivi dans l'emploi attendent depuis plus d'une semaine :",
    "serious_issue": "L'employeur vient de signaler une difficulté sérieuse, par le lien "
    "de suivi reçu par e-mail. Une alerte est ouverte dans « À traiter » :",
}


@task()
def send_employer_link(*, side_id: int) -> int:
    """Email the employer's contact the link to its side of a checkpoint: who (first
    name and initial), which job, which step, for which structure. Nothing else of the
    person: the page behind the link shows the employer's view only."""
    side = (
        CheckpointSide.objects.select_related(
            "checkpoint__contract__person",
            "checkpoint__contract__pathway__organization",
            "checkpoint__contract__offer",
            "checkpoint__contract__company",
            "checkpoint__contract__employer_organization",
        )
        .filter(pk=side_id)
        .first()
    )
    if side is None or not side.link_sent_to or side.link_sent_at is None:
        return 0
    card = employer_link.employer_card(side)
    link = settings.SITE_URL + reverse("employer_follow_up", args=[employer_link.token_for(side)])
    until = timezone.localtime(employer_link.expires_at(side))
    subject = f"Suivi de l'embauche de {card['employee']} : comment ça se passe ?"
    body = (
        f"Bonjour,\n\n{card['structure']} accompagne {card['employee']}, embauché·e chez "
        f"{card['employer']} le {card['start_date']:%d/%m/%Y} ({card['job']}).\n\n"
        f"C'est le moment du point de suivi du {card['step_label']}. Dites-nous en deux "
        f"minutes comment ça se passe dans le poste, sans créer de compte :\n{link}\n\n"
        f"Ce lien personnel fonctionne jusqu'au {until:%d/%m/%Y}. Ne le transférez pas.\n\n"
        f"— Parcours, pour {card['structure']}"
    )
    return send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [side.link_sent_to])


def _recipients(pathway) -> list[str]:
    """The referent, while a member of the structure; else the structure's members."""
    members = pathway.organization.memberships.active()
    if pathway.referent_id and members.filter(user_id=pathway.referent_id).exists():
        members = members.filter(user_id=pathway.referent_id)
    return list(members.values_list("user__email", flat=True).order_by("pk"))


@task()
def send_referent_notice(*, side_ids: list[int], notice: str) -> int:
    """One email per pathway to its referent, listing the sides (step, side, planned
    date, a link to the contract). The person is named as on the worklist: the referent
    follows them."""
    sides = (
        CheckpointSide.objects.filter(pk__in=side_ids)
        .select_related("checkpoint__contract__person", "checkpoint__contract__pathway")
        .order_by("planned_on", "id")
    )
    by_pathway: dict = {}
    for side in sides:
        by_pathway.setdefault(side.checkpoint.contract.pathway, []).append(side)
    messages = []
    for pathway, listed in by_pathway.items():
        lines = []
        for side in listed:
            contract = side.checkpoint.contract
            url = settings.SITE_URL + reverse(
                "contract_detail", args=[contract.person_id, contract.pk]
            )
            lines.append(
                f"- {contract.person} : {side.checkpoint.get_step_display()}, côté "
                f"{side.get_side_display().lower()}, prévu le {side.planned_on:%d/%m/%Y}\n  {url}"
            )
        subject = SUBJECTS[notice].format(count=len(listed))
        body = f"Bonjour,\n\n{INTRODUCTIONS[notice]}\n\n" + "\n".join(lines) + "\n\n— Parcours"
        for email in _recipients(pathway):
            messages.append((subject, body, settings.DEFAULT_FROM_EMAIL, [email]))
    return send_mass_mail(messages) if messages else 0
