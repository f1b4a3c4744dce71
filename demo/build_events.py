"""The demo's events (seed 004): the weekly drop-in of the Mission emploi de Trélazé,
every Tuesday morning at the town hall, with its past sessions and their attendance;
a job dating in ten days, co-organised with Les Jardins de la Maine, with three slots
at the bakery chain; and an information session open to all in two weeks, on the
public page (`/evenements/`), where a visitor has already registered. Made through the
services, as the pages make them."""

from datetime import datetime, time, timedelta

from django.utils import timezone

from accounts.models import User
from companies.models import Company
from demo.territory import DEMO_EMAIL_DOMAIN
from events import services
from events.enums import EventKind, Presence, Weekday
from offers.enums import OfferState
from offers.models import JobOffer
from persons.models import Person
from territories.models import Commune

WEEKS_PAST = 6
REGULARS = (("Inès", "Haddad"), ("Kevin", "Moulin"), ("Aurélie", "Besnard"))
VISITORS = ("Yasmine", "Thomas", "Bérénice", "Loïc", "Nour", "Paul")
# Registered on the public page of the information session.
PUBLIC_VISITOR = "Océane Le Gall"


def _user(key: str):
    return User.objects.get(email=f"{key}@{DEMO_EMAIL_DOMAIN}")


def _at(day, hour, minute=0):
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def build_events(organizations: dict) -> int:
    mission = organizations["mission-trelaze"]
    sophie = _user("sophie.mission")
    trelaze = Commune.objects.get(pk="49353")
    today = timezone.localdate()
    first_tuesday = today - timedelta(days=(today.weekday() - Weekday.TUESDAY) % 7)
    first_tuesday -= timedelta(weeks=WEEKS_PAST)
    drop_in = services.event_create(
        user=sophie,
        organization=mission,
        kind=EventKind.DROP_IN,
        title="Permanence emploi de la mairie (démo)",
        description="Sans rendez-vous : un conseil, une offre, un CV, une orientation. "
        "Les entreprises du club y déposent leurs besoins.",
        starts_at=_at(first_tuesday, 9),
        ends_at=_at(first_tuesday, 12),
        commune=trelaze,
        address="Hôtel de ville, salle du rez-de-chaussée",
        for_people=True,
        repeat_weekday=Weekday.TUESDAY,
        repeat_until=first_tuesday + timedelta(weeks=WEEKS_PAST + 20),
        is_demo=True,
    )
    regulars = [
        Person.objects.get(first_name=first, last_name=last, is_demo=True)
        for first, last in REGULARS
    ]
    registrations = [
        services.register_person(
            event=drop_in, person=person, user=sophie, organization=mission, is_demo=True
        )
        for person in regulars
    ]
    past = list(drop_in.occurrences.filter(starts_at__lt=timezone.now()))
    for week, session in enumerate(past):
        for index, registration in enumerate(registrations):
            came = (week + index) % 3 != 2
            services.attendance_mark(
                occurrence=session,
                registration=registration,
                presence=Presence.PRESENT if came else Presence.ABSENT,
                user=sophie,
                is_demo=True,
            )
        services.visitor_add(
            occurrence=session, name=VISITORS[week % len(VISITORS)], user=sophie, is_demo=True
        )
    services.debrief_save(
        event=drop_in,
        user=sophie,
        worked="Les entreprises du club passent déposer leurs besoins : trois offres en six "
        "semaines.",
        improve="Annoncer la permanence au marché du samedi ; prévoir un second poste "
        "informatique.",
    )

    day = today + timedelta(days=10)
    jardins = organizations["aci-jardins"]
    dating = services.event_create(
        user=sophie,
        organization=mission,
        co_organizers=[jardins],
        kind=EventKind.JOB_DATING,
        title="Job dating des métiers de bouche (démo)",
        description="Dix minutes pour se rencontrer : vente en boulangerie, préparation, "
        "mise en rayon.",
        starts_at=_at(day, 14),
        ends_at=_at(day, 17),
        commune=trelaze,
        address="Hôtel de ville, salle des fêtes",
        capacity=30,
        for_people=True,
        for_employers=True,
        is_demo=True,
    )
    for key in ("ai-trelaze", "ee-trelaze"):
        if key in organizations:
            services.invitation_create(event=dating, user=sophie, organization=organizations[key])
    bakery = Company.objects.filter(name__startswith="Boulangeries du Val de Loire").first()
    offer = (
        JobOffer.objects.filter(company=bakery, state=OfferState.PUBLISHED).first()
        if bakery
        else None
    )
    if bakery is not None:
        for minutes in (0, 30, 60):
            services.slot_add(
                event=dating,
                company=bakery,
                offer=offer,
                starts_at=_at(day, 14, 0) + timedelta(minutes=minutes),
                label="Vendeur·se en boulangerie",
                user=sophie,
                is_demo=True,
            )

    # Open to all: anyone registers online, with a name and a way to be answered. The
    # drop-in needs no registration (people walk in); the information session does.
    information_day = today + timedelta(days=14)
    information = services.event_create(
        user=sophie,
        organization=mission,
        kind=EventKind.INFORMATION,
        title="Réunion d'information : les métiers qui recrutent à Trélazé (démo)",
        description="Les entreprises du club présentent leurs métiers et ce qu'elles "
        "attendent : vente en boulangerie, préparation de commandes, entretien des espaces "
        "verts. Sans condition de diplôme ; apportez votre CV si vous en avez un.",
        starts_at=_at(information_day, 14),
        ends_at=_at(information_day, 16),
        commune=trelaze,
        address="Hôtel de ville, salle du conseil",
        capacity=25,
        for_people=True,
        is_public=True,
        is_demo=True,
    )
    services.register_public(
        event=information,
        name=PUBLIC_VISITOR,
        email=f"visiteuse.evenement@{DEMO_EMAIL_DOMAIN}",
        is_demo=True,
    )
    return 3
