from django.conf import settings
from django.core.mail import send_mail, send_mass_mail
from django.urls import reverse
from django.utils import timezone
from django_tasks import task

from notifications.notices import offer_notice
from notifications.selectors import opted_out_user_ids
from offers.confirmation import token_for
from offers.enums import IntroductionState, Notice
from offers.introduction_link import expires_at
from offers.introduction_link import token_for as token_for_introduction
from offers.models import EMPLOYER_KINDS, Introduction, JobOffer
from organizations.models import Membership


def _wanting(notice: str, organizations, *, users=None) -> list[str]:
    """The emails of the active members of `organizations` (or, with `users`, of those
    users among them) who did not turn `notice` off in « Mon compte »."""
    members = Membership.objects.active().filter(organization__in=organizations)
    if users is not None:
        members = members.filter(user__in=users)
    rows = list(members.values_list("user_id", "user__email").order_by("pk"))
    opted_out = opted_out_user_ids(offer_notice(notice), [pk for pk, _ in rows])
    return list(dict.fromkeys(email for pk, email in rows if pk not in opted_out))


def _recipients(offer: JobOffer) -> list[str]:
    return _wanting(Notice.REMINDER, [offer.organization])


@task()
def send_offer_reminder(*, offer_id: int) -> int:
    """Ask the holder's members whether the offer is still current (one click)."""
    offer = JobOffer.objects.select_related("organization").get(pk=offer_id)
    recipients = _recipients(offer)
    if not recipients:
        return 0
    confirm = settings.SITE_URL + reverse("offer_still_current", args=[token_for(offer)])
    manage = settings.SITE_URL + reverse("offer_detail", args=[offer.pk])
    subject = f"Votre offre « {offer.title} » est-elle toujours d'actualité ?"
    body = (
        f"Bonjour,\n\nVotre offre « {offer.title} » n'a pas été mise à jour depuis "
        "plusieurs semaines. Sans confirmation, elle sera mise en pause dans 7 jours et "
        "n'apparaîtra plus sur le site des offres.\n\n"
        f"Elle est toujours d'actualité ? Confirmez en un clic :\n{confirm}\n\n"
        f"Pour la modifier, la mettre en pause ou la marquer pourvue :\n{manage}\n\n— Parcours"
    )
    messages = [(subject, body, settings.DEFAULT_FROM_EMAIL, [email]) for email in recipients]
    return send_mass_mail(messages)


@task()
def send_interest_notice(*, offer_id: int) -> int:
    """Tell the employer's members that someone left their interest for an offer (no
    personal data in the email: they read it in their space)."""
    offer = JobOffer.objects.select_related("company__organization", "organization").get(
        pk=offer_id
    )
    # The company's account, and the employer group holding the offer for a member.
    organizations = {offer.company.organization or offer.organization}
    if offer.organization.kind in EMPLOYER_KINDS:
        organizations.add(offer.organization)
    recipients = _wanting(Notice.INTEREST, organizations)
    if not recipients:
        return 0
    link = settings.SITE_URL + reverse("employer_space")
    subject = f"Une personne est intéressée par votre offre « {offer.title} »"
    body = (
        f"{subject}.\n\nRetrouvez ses coordonnées dans votre espace employeur :\n{link}"
        "\n\n— Parcours"
    )
    return send_mass_mail(
        [(subject, body, settings.DEFAULT_FROM_EMAIL, [email]) for email in recipients]
    )


@task()
def send_introduction_link(*, introduction_id: int) -> int:
    """Email the employer's contact the signed link to one introduction: who is
    proposed (first name and initial), for which offer, by which structure. Nothing
    else of the person: the page behind the link shows the employer's view only."""
    introduction = Introduction.objects.select_related(
        "offer__company", "person", "introduced_by"
    ).get(pk=introduction_id)
    if not introduction.sent_to or introduction.sent_at is None:
        return 0
    offer, structure = introduction.offer, introduction.introduced_by
    link = settings.SITE_URL + reverse(
        "introduction_link", args=[token_for_introduction(introduction)]
    )
    until = timezone.localtime(expires_at(introduction))
    subject = f"Une candidature pour votre offre « {offer.title} »"
    body = (
        f"Bonjour,\n\n{structure} vous présente "
        f"{introduction.person.display_name_for_employer} pour votre offre « {offer.title} » "
        f"({offer.company}).\n\n"
        f"Découvrez la candidature et donnez votre réponse (entretien, embauche ou non "
        f"retenue), sans créer de compte :\n{link}\n\n"
        f"Ce lien personnel fonctionne jusqu'au {until:%d/%m/%Y}. Ne le transférez pas.\n\n"
        f"— Parcours, pour {structure}"
    )
    return send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [introduction.sent_to])


ANSWER_SUBJECTS = {
    IntroductionState.INTERVIEW: "{company} reçoit {person} en entretien",
    IntroductionState.HIRED: "{company} embauche {person}",
    IntroductionState.DECLINED: "{company} ne retient pas la candidature de {person}",
}


@task()
def send_employer_answer_notice(*, introduction_id: int) -> int:
    """Tell the structure that introduced the person the employer's answer: the member
    who introduced them if still there, otherwise the structure's members; each as they
    chose in « Mon compte ». The link leads to the person's timeline, where the answer
    is written."""
    introduction = (
        Introduction.objects.select_related("offer__company", "person", "introduced_by")
        .filter(pk=introduction_id, state__in=list(ANSWER_SUBJECTS))
        .first()
    )
    if introduction is None:
        return 0
    structure = [introduction.introduced_by_id]
    by = introduction.introduced_by_user_id
    emails = (
        _wanting(Notice.EMPLOYER_ANSWERED, structure, users=[by])
        if by and Membership.objects.active().filter(organization_id=structure[0], user_id=by)
        else None
    )
    if emails is None:
        emails = _wanting(Notice.EMPLOYER_ANSWERED, structure)
    if not emails:
        return 0
    offer = introduction.offer
    subject = ANSWER_SUBJECTS[introduction.state].format(
        company=offer.company, person=introduction.person
    )
    link = settings.SITE_URL + reverse("person_timeline", args=[introduction.person_id])
    answer = introduction.get_state_display().lower()
    if introduction.state == IntroductionState.DECLINED:
        answer += f" ({introduction.get_decline_reason_display().lower()})"
    when = introduction.interview_on or introduction.starts_on
    body = (
        f"Bonjour,\n\n{offer.company} a répondu pour {introduction.person}, présenté·e pour "
        f"l'offre « {offer.title} » : {answer}"
        + (f", le {when:%d/%m/%Y}" if when else "")
        + ".\n\n"
        + (
            f"Son commentaire : {introduction.answer_comment}\n\n"
            if introduction.answer_comment
            else ""
        )
        + f"Retrouvez la réponse dans la chronologie de la personne :\n{link}\n\n— Parcours"
    )
    return send_mass_mail(
        [(subject, body, settings.DEFAULT_FROM_EMAIL, [email]) for email in emails]
    )
