"""Build the demo people (demo/people.py) through the same services the screens use, so
the demo's timelines, logs and trails are what real use produces."""

from datetime import date, datetime, time, timedelta
from pathlib import Path

from django.contrib.auth import get_user_model
from django.utils import timezone

from access import ledger
from barriers.models import BarrierItem
from barriers.services import barrier_identify
from demo.people import PEOPLE, DemoPerson
from demo.territory import DEMO_EMAIL_DOMAIN
from jobs.models import Appellation
from lib.text import normalize
from partner_services.importing import import_services_file
from partner_services.selectors import services_lifting
from partner_services.services import service_referral_send
from pathways import services as pathways
from pathways.enums import PathwayKind, PathwayState
from persons.services import experience_save, person_create, touch_contact, wish_add
from plans.enums import ActionKind, NoteVisibility
from plans.services import action_create, appointment_create, note_create, objective_create
from territories.models import Commune

User = get_user_model()
DEMO_SERVICES = Path(__file__).resolve().parent.parent / "partner_services/demo/services_demo.json"


def build_people(organizations: dict) -> int:
    import_services_file(DEMO_SERVICES, demo=True)
    for spec in PEOPLE:
        _build(spec, organizations)
    return len(PEOPLE)


def _slug(name: str) -> str:
    return normalize(name).replace(" ", "-")


def _user(key: str):
    return User.objects.get(email=f"{key}@{DEMO_EMAIL_DOMAIN}")


def _build(spec: DemoPerson, organizations: dict) -> None:
    today = timezone.localdate()
    holder = organizations[spec.holder]
    counsellor = _user(spec.referent)
    started = today - timedelta(days=spec.started_days_ago)
    person = person_create(
        organization=holder,
        user=counsellor,
        is_demo=True,
        data={
            "first_name": spec.first_name,
            "last_name": spec.last_name,
            "birth_date": date(today.year - spec.age, 3 + len(spec.last_name) % 9, 12),
            "email": f"{_slug(spec.first_name)}.{_slug(spec.last_name)}"
            f"@personne.{DEMO_EMAIL_DOMAIN}",
            "phone": f"06 00 00 {len(spec.first_name):02d} {len(spec.last_name):02d}",
            "commune": Commune.objects.get(pk=spec.commune),
            "available_from": today + timedelta(days=7),
            **spec.situation,
        },
    )
    for code, words in spec.wishes:
        wish_add(
            person=person,
            appellation=Appellation.objects.get(pk=code),
            own_words=words,
            actor=counsellor,
            organization=holder,
        )
    for code, employer, months in spec.experiences:
        experience_save(
            person=person,
            actor=counsellor,
            organization=holder,
            data={
                "appellation": Appellation.objects.get(pk=code),
                "employer": employer,
                "duration_months": months,
                "ended_year": today.year - 3,
            },
        )
    pathway = pathways.pathway_open(
        person=person,
        organization=holder,
        kind=spec.kind,
        referent=counsellor,
        user=counsellor,
        entry_channel=spec.channel,
        prescriber_organization=organizations.get(spec.prescriber),
        started_on=started,
        is_demo=True,
    )
    if spec.eligibility:
        level1, level2 = spec.eligibility
        pathways.eligibility_diagnose(
            person=person,
            organization=organizations.get(spec.prescriber) or holder,
            author=counsellor,
            structure_kind=holder.kind,
            level1=list(level1),
            level2=list(level2),
            made_on=started - timedelta(days=5),
        )
    if spec.pass_started_days_ago is not None and spec.kind == PathwayKind.IAE:
        pathways.pass_set(
            pathway=pathway,
            number=f"99999{person.pk:07d}",
            start=today - timedelta(days=spec.pass_started_days_ago),
            actor=counsellor,
        )
    barriers = [
        barrier_identify(
            person=person,
            item=BarrierItem.objects.get(code=code),
            user=counsellor,
            organization=holder,
            identified_on=started,
        )
        for code in spec.barriers
    ]
    _plan(person, pathway, holder, counsellor, barriers, spec)
    for state in spec.states:
        if state == PathwayState.CLOSED:
            break  # the exit goes by its facts: `demo.build_exits`
        pathways.pathway_transition(pathway=pathway, to_state=state, user=counsellor)


def _plan(person, pathway, holder, counsellor, barriers, spec: DemoPerson) -> None:
    """An objective per wish, a first appointment, a shared note, and a referral to the
    nearest partner service for the first barrier that one lifts."""
    today = timezone.localdate()
    if spec.wishes:
        objective = objective_create(
            person=person,
            title="Trouver un emploi dans le métier souhaité",
            user=counsellor,
            organization=holder,
            pathway=pathway,
        )
        action_create(
            person=person,
            kind=ActionKind.JOB_SEARCH,
            title="Contacter deux employeurs du secteur",
            owner=counsellor,
            actor=counsellor,
            organization=holder,
            objective=objective,
            pathway=pathway,
            due_on=today + timedelta(days=10)
            if spec.started_days_ago < 30
            else today - timedelta(days=3),
        )
    when = timezone.make_aware(datetime.combine(today, time(10, 30)))
    appointment_create(
        person=person,
        at=when if spec.started_days_ago < 10 else when + timedelta(days=14),
        subject="Point d'étape",
        organization=holder,
        with_user=counsellor,
        actor=counsellor,
        pathway=pathway,
        place="Dans nos locaux",
    )
    note_create(
        person=person,
        pathway=pathway,
        author=counsellor,
        organization=holder,
        visibility=NoteVisibility.TEAM,
        text=f"Premier entretien. {person.first_name} exprime clairement son projet.",
    )
    touch_contact(person)
    if spec.started_days_ago > 40:
        # History, not an action: the last contact of a long pathway was weeks ago, so
        # the worklist's « sans contact depuis 30 jours » has someone to show.
        person.last_contact_at = timezone.now() - timedelta(days=35)
        person.save(update_fields=["last_contact_at"])
        ledger.copy_person(person)  # the copy « sans contact » reads
    nearest = services_lifting(barriers, person.commune)
    for barrier in barriers:
        if nearest[barrier.pk]:
            service_referral_send(
                person=person,
                service=nearest[barrier.pk][0].service,
                organization=holder,
                user=counsellor,
                barrier=barrier,
                message="Pouvez-vous recevoir cette personne ? Merci.",
            )
            break
