"""Demo partner services that answer: the garage solidaire's service (imported from the
demo data·inclusion file) is run by the « Garage solidaire de l'Anjou » organization,
which has an account (Éric Tessier); every other demo service has none and answers
through the emailed link. Service referrals in every state, through the same services
the screens use: one waiting in the garage's inbox for 9 days, one accepted then done,
one refused (no room), and, through the link, an answer from a service without an
account. The people's own referrals to the nearest service (`build_people`) stay sent.

Ages are history, not actions: the rows are dated back after the services wrote them,
as `build_people` does for the last contact."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from audit.context import SYSTEM
from demo.territory import DEMO_EMAIL_DOMAIN
from partner_services.enums import ReferralState, RefusalReason
from partner_services.models import Service, ServiceReferral, ServiceReferralTransition
from partner_services.services import (
    service_attach,
    service_referral_send,
    service_referral_transition,
)
from persons.models import Person

User = get_user_model()

GARAGE_SERVICE = "parcours-demo--service-1"
# (first name, last name, sending organization key, counsellor key, message, days ago)
TO_GARAGE = [
    (
        "Nadège",
        "Poulain",
        "aci-jardins",
        "camille.siae",
        "Nadège a une voiture en panne (embrayage). Sans elle, pas de chantier à 7 h 30. "
        "Pouvez-vous faire un devis au tarif solidaire ?",
        9,
    ),
    (
        "Inès",
        "Haddad",
        "mission-trelaze",
        "sophie.mission",
        "Inès commence un emploi à 15 km : elle a besoin d'une voiture à louer le temps "
        "d'acheter la sienne.",
        12,
    ),
    (
        "Jordan",
        "Lemoine",
        "mission-trelaze",
        "sophie.mission",
        "Jordan doit faire réparer son scooter pour se rendre à ses missions.",
        6,
    ),
]


def _user(key: str):
    return User.objects.get(email=f"{key}@{DEMO_EMAIL_DOMAIN}")


def _date_back(referral: ServiceReferral, days: int) -> None:
    at = timezone.now() - timedelta(days=days)
    ServiceReferral.objects.filter(pk=referral.pk).update(created_at=at)
    ServiceReferralTransition.objects.filter(referral=referral).update(at=at)
    referral.refresh_from_db()


def _answered_back(referral: ServiceReferral, days: int) -> None:
    at = timezone.now() - timedelta(days=days)
    ServiceReferral.objects.filter(pk=referral.pk).update(answered_at=at)
    ServiceReferralTransition.objects.filter(referral=referral, to_state=referral.state).update(
        at=at
    )


def build_service_referrals(organizations: dict) -> None:
    garage = organizations["garage-solidaire"]
    service = service_attach(
        service=Service.objects.get(source_id=GARAGE_SERVICE), organization=garage
    )
    eric = _user("eric.garage")
    sent = []
    for first, last, sender, counsellor, message, days in TO_GARAGE:
        referral = service_referral_send(
            person=Person.objects.get(first_name=first, last_name=last, is_demo=True),
            service=service,
            organization=organizations[sender],
            user=_user(counsellor),
            message=message,
        )
        _date_back(referral, days)
        sent.append(referral)
    _, to_be_done, to_be_refused = sent
    service_referral_transition(
        referral=to_be_done,
        to_state=ReferralState.ACCEPTED,
        user=eric,
        comment="Un véhicule est réservé pour elle à partir de lundi.",
    )
    _answered_back(to_be_done, 8)
    service_referral_transition(
        referral=to_be_done,
        to_state=ReferralState.DONE,
        user=eric,
        done_on=timezone.localdate() - timedelta(days=4),
    )
    _answered_back(to_be_done, 4)
    service_referral_transition(
        referral=to_be_refused,
        to_state=ReferralState.REFUSED,
        user=eric,
        refusal_reason=RefusalReason.FULL,
        comment="Atelier complet jusqu'à fin du mois ; rappelez-nous dans trois semaines.",
    )
    _answered_back(to_be_refused, 2)
    # A service without an account answers through the link it was emailed.
    by_link = ServiceReferral.objects.get(
        person__first_name="Yanis", person__last_name="Ferhat", person__is_demo=True
    )
    _date_back(by_link, 5)
    service_referral_transition(
        referral=by_link,
        to_state=ReferralState.ACCEPTED,
        user=SYSTEM,
        comment="Rendez-vous proposé jeudi à 10 h pour ouvrir un compte.",
        via_link=True,
    )
    _answered_back(by_link, 1)
