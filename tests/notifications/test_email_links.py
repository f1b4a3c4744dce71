"""Every notification email's link, walked as its recipient: each email of the demo
territory's kinds (referrals, the PASS IAE ending, service referrals, the follow-up in
employment, the end-of-pathway review, the erasure warning, the offers' reminder, the
interest left on the board, the introduction's link and the employer's answer, the
register's proposal waiting and its answer, the agenda's change, reminder and
cancellation) is sent, its recipient signs in (or not, for a signed link to someone
without an account, or a visitor of the public events page), opens each link of the
email, and the page shows what the email announces."""

import html
import re

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import mail
from django.utils import timezone

from audit.context import SYSTEM
from companies import services as company_services
from companies.models import Company
from employment.models import CheckpointSide
from employment.services import employer_link_send
from employment.tasks import send_employer_link, send_referent_notice
from events import services as event_services
from events.models import Event
from events.tasks import send_reminder
from exits.models import ExitReview
from exits.tasks import send_exit_review
from offers import services as offer_services
from offers.models import Introduction, JobOffer, OfferInterest
from offers.tasks import (
    send_employer_answer_notice,
    send_interest_notice,
    send_introduction_link,
    send_offer_reminder,
)
from partner_services.models import ServiceReferral
from partner_services.tasks import send_service_referral_email
from persons.models import Person
from referrals.endings import endings_notify
from referrals.models import EndingNotice, Referral
from referrals.tasks import send_ending_email, send_referral_email
from retention.tasks import send_erasure_warning
from tests.browser.conftest import demo_territory, reference_data_dir  # noqa: F401

LINK = re.compile(r"https?://\S+")
# What an event's edit form posts again unchanged (`events.services.event_update`).
EVENT_FIELDS = (
    "title",
    "starts_at",
    "ends_at",
    "description",
    "commune",
    "online_url",
    "capacity",
    "for_people",
    "for_professionals",
    "for_employers",
    "is_public",
    "repeat_weekday",
    "repeat_interval",
    "repeat_until",
)
User = get_user_model()


def _path(link: str) -> str:
    path = link.removeprefix(settings.SITE_URL)
    return path.split("#")[0]


def _walk(client, kind: str, announced: str, *, without_link: tuple[str, ...] = ()) -> int:
    """Open every link of every email sent since the outbox was emptied, as each
    recipient; returns how many pages were opened. The addresses `without_link` are
    written to with no page to open (the email itself says it all, and says it)."""
    assert mail.outbox, f"{kind} : aucun courriel envoyé"
    opened = 0
    for message in mail.outbox:
        links = LINK.findall(message.body)
        if set(message.to) <= set(without_link):
            assert not links, (kind, message.to, links)
            assert announced in message.body, (kind, message.to, announced)
            continue
        assert links, f"{kind} : courriel sans lien ({message.subject})"
        for address in message.to:
            user = User.objects.filter(email__iexact=address).first()
            client.logout()
            if user is not None:
                client.force_login(user)
            for link in links:
                response = client.get(_path(link), follow=True)
                assert response.status_code == 200, (kind, address, link, response.status_code)
                page = html.unescape(response.content.decode())
                assert announced in page, (kind, address, link, announced)
                opened += 1
    mail.outbox.clear()
    return opened


def _followed_by_the_aci():
    camille = User.objects.get(email="camille.siae@demo.parcours.localhost")
    person = (
        Person.objects.followed_by(camille)
        .exclude(introductions__offer__company__name__startswith="GE Agri")
        .order_by("pk")
        .first()
    )
    return camille, person


def test_every_notification_email_link_shows_its_recipient_what_it_announces(
    demo_territory,  # noqa: F811
    client,
):
    mail.outbox.clear()
    walked = {}

    # Referrals: the receiver's new referral and reminders, the sender's answer and expiry.
    referral = (
        Referral.objects.filter(is_demo=True, from_user__isnull=False)
        .exclude(from_organization=None)
        .select_related("person")
        .order_by("pk")
        .first()
    )
    for event in ("new", "reminder_7", "answered", "expired"):
        send_referral_email.call(referral_id=referral.pk, event=event)
        walked[f"referral_{event}"] = _walk(client, event, str(referral.person))

    # The PASS IAE ending, told to the prescriber.
    endings_notify()
    mail.outbox.clear()
    notice = EndingNotice.objects.select_related("pathway__person").order_by("pk").first()
    send_ending_email.call(notice_id=notice.pk)
    ending = notice.pathway.person
    # The section lists them as « NOM Prénom ».
    walked["pass_ending"] = _walk(
        client, "pass_ending", f"{ending.last_name.upper()} {ending.first_name}"
    )

    # Service referrals: to a partner with an account, by the signed link to one
    # without, and the partner's answer to the structure.
    for referral in (
        ServiceReferral.objects.filter(link_sent_to="").order_by("pk").first(),
        ServiceReferral.objects.exclude(link_sent_to="").order_by("pk").first(),
    ):
        send_service_referral_email.call(referral_id=referral.pk, event="new")
        # The email names « Prénom N. »; the partner's page, the person it is to serve.
        walked[f"service_new_{bool(referral.link_sent_to)}"] = _walk(
            client, "service_new", referral.person.first_name
        )
    send_service_referral_email.call(referral_id=referral.pk, event="answered")
    walked["service_answered"] = _walk(client, "service_answered", referral.person.first_name)

    # The follow-up in employment: the employer's link to its side, the referent's notice.
    side = (
        CheckpointSide.objects.filter(
            side="employer", done_on__isnull=True, checkpoint__contract__state="running"
        )
        .select_related("checkpoint__contract__person")
        .order_by("pk")
        .first()
    )
    person = side.checkpoint.contract.person
    employer_link_send(side=side, user=SYSTEM, email="rh@employeur.example")
    mail.outbox.clear()
    send_employer_link.call(side_id=side.pk)
    walked["employer_follow_up"] = _walk(client, "employer_link", person.display_name_for_employer)
    send_referent_notice.call(side_ids=[side.pk], notice="overdue")
    walked["referent_notice"] = _walk(client, "referent_notice", str(person))

    # The end-of-pathway review, to the prescriber.
    review = ExitReview.objects.select_related("referral__person").order_by("pk").first()
    send_exit_review.call(review_id=review.pk)
    walked["exit_review"] = _walk(client, "exit_review", str(review.referral.person))

    # The erasure warning, to the structure that holds the record.
    erased = Person.objects.filter(is_demo=True, anonymised_at__isnull=True).order_by("pk").first()
    send_erasure_warning.call(person_id=erased.pk, deadline=timezone.localdate().isoformat())
    walked["erasure_warning"] = _walk(client, "erasure_warning", str(erased))

    # Offers: the reminder (both links), a visitor's interest, the introduction's link
    # and the employer's answer, on an offer of the employer group for a member company.
    ines = User.objects.get(email="ines.ge@demo.parcours.localhost")
    ge_offer = JobOffer.objects.filter(is_demo=True, organization__kind="GE").order_by("pk").first()
    send_offer_reminder.call(offer_id=ge_offer.pk)
    walked["offer_reminder"] = _walk(client, "offer_reminder", ge_offer.title)
    OfferInterest.objects.create(
        offer=ge_offer, first_name="Lucas", last_name="Perrin", phone="0612345678"
    )
    send_interest_notice.call(offer_id=ge_offer.pk)
    walked["offer_interest"] = _walk(client, "offer_interest", "Lucas Perrin")
    camille, followed = _followed_by_the_aci()
    introduction = offer_services.introduction_create(
        offer=ge_offer, person=followed, organization=followed_organization(camille), user=camille
    )
    Introduction.objects.filter(pk=introduction.pk).update(
        sent_to="rh@ge-agri.example", sent_at=timezone.now()
    )
    send_introduction_link.call(introduction_id=introduction.pk)
    walked["introduction_link"] = _walk(
        client, "introduction_link", followed.display_name_for_employer
    )
    offer_services.introduction_answer(introduction=introduction, user=ines, to_state="interview")
    mail.outbox.clear()
    send_employer_answer_notice.call(introduction_id=introduction.pk)
    walked["employer_answer"] = _walk(client, "employer_answer", "Entretien prévu avec")

    # The register: the owner is told a structure's proposal waits, the structure is
    # told the owner's answer.
    sophie = User.objects.get(email="sophie.mission@demo.parcours.localhost")
    bakery = Company.objects.get(
        name__startswith="Boulangeries du Val de Loire", organization__isnull=False
    )
    mail.outbox.clear()
    proposal = company_services.proposal_create(
        company=bakery,
        organization=followed_organization(sophie),
        user=sophie,
        data={"address": "12 rue des Propositions"},
    )
    walked["company_proposal_waiting"] = _walk(
        client, "company_proposal_waiting", "12 rue des Propositions"
    )
    owner = bakery.organization.memberships.active().order_by("pk").first().user
    company_services.proposal_refuse(
        proposal=proposal, user=owner, reason="Cette adresse est celle de l'ancien magasin."
    )
    walked["company_proposal_answered"] = _walk(
        client, "company_proposal_answered", "Cette adresse est celle de l'ancien magasin."
    )

    # The agenda: the job dating, opened to all, with a visitor registered online and a
    # person registered by a co-organizing structure, moves, is recalled the day before,
    # then is cancelled.
    dating = Event.objects.get(is_demo=True, kind="job_dating")
    Event.objects.filter(pk=dating.pk).update(is_public=True)
    dating.refresh_from_db()
    visitor = "visiteur.agenda@exemple.fr"
    event_services.register_public(event=dating, name="Hugo Visiteur", email=visitor)
    event_services.register_person(
        event=dating, person=followed, user=camille, organization=followed_organization(camille)
    )
    mail.outbox.clear()
    event_services.event_update(
        event=dating,
        user=sophie,
        **{field: getattr(dating, field) for field in EVENT_FIELDS},
        address="Hôtel de ville, salle du conseil",
    )
    assert visitor in [m.to[0] for m in mail.outbox]
    walked["event_changed"] = _walk(client, "event_changed", "salle du conseil")
    send_reminder.call(occurrence_id=dating.occurrences.order_by("starts_at").first().pk)
    walked["event_reminder"] = _walk(client, "event_reminder", dating.title)
    event_services.event_cancel(event=dating, user=sophie, reason="Salle des fêtes inondée")
    # The public page closes with the event: the visitor's email carries no link.
    walked["event_cancelled"] = _walk(
        client, "event_cancelled", "Salle des fêtes inondée", without_link=(visitor,)
    )

    assert all(walked.values()), walked


def followed_organization(user):
    """The accompanying organization the user acts for."""
    return user.memberships.active().select_related("organization").first().organization
