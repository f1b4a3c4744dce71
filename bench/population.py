"""A synthetic population at production scale for the benchmarks: organizations of one
department, 100,000 persons with their pathways, 1,000,000 timeline events. Built with
bulk inserts (no audit trail: it measures reads), deterministic for a given seed."""

import random
from datetime import date, datetime, timedelta

from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.utils import timezone

from access import ledger
from lib.text import normalize
from organizations.enums import OrganizationKind, Role
from organizations.models import Membership, Organization
from organizations.siret import with_check_digit
from pathways.enums import EntryChannel, PathwayKind, PathwayState
from pathways.models import Pathway
from persons.models import Person
from reference.loading import load_reference_data
from territories.models import Commune
from timeline.models import Audience, EventKind, TimelineEvent

FIRST_NAMES = [
    "Amina",
    "Bruno",
    "Chloé",
    "David",
    "Élodie",
    "Farid",
    "Gaëlle",
    "Hugo",
    "Inès",
    "Jules",
    "Karim",
    "Léa",
    "Mehdi",
    "Nadia",
    "Olivier",
    "Pauline",
    "Quentin",
    "Rachid",
    "Sandrine",
    "Thomas",
    "Ulysse",
    "Valérie",
    "William",
    "Yasmine",
    "Zoé",
]
LAST_NAMES = [
    "Martin",
    "Bernard",
    "Dubois",
    "Thomas",
    "Robert",
    "Richard",
    "Petit",
    "Durand",
    "Leroy",
    "Moreau",
    "Simon",
    "Laurent",
    "Lefèvre",
    "Michel",
    "Garcia",
    "David",
    "Bertrand",
    "Roux",
    "Vincent",
    "Fournier",
    "Morel",
    "Girard",
    "André",
    "Mercier",
    "Dupont",
    "Lambert",
    "Bonnet",
    "François",
    "Martinez",
    "Legrand",
    "Garnier",
    "Faure",
    "Rousseau",
    "Blanc",
    "Guérin",
    "Muller",
    "Henry",
    "Roussel",
    "Nicolas",
    "Perrin",
    "Morin",
    "Mathieu",
    "Clément",
    "Gauthier",
    "Dumont",
    "Lopez",
    "Fontaine",
    "Chevalier",
    "Robin",
    "Masson",
    "Sanchez",
    "Gérard",
    "Nguyen",
    "Boyer",
    "Denis",
]
KINDS = [
    OrganizationKind.ACI,
    OrganizationKind.AI,
    OrganizationKind.EI,
    OrganizationKind.EMPLOYMENT_HUB,
    OrganizationKind.ETTI,
]
EVENT_KINDS = [
    EventKind.APPOINTMENT,
    EventKind.NOTE,
    EventKind.ACTION,
    EventKind.BARRIER,
    EventKind.PATHWAY,
    EventKind.SERVICE_REFERRAL,
]
BATCH = 5000


def build(*, persons: int, events: int, organizations: int = 40, seed: int = 7) -> dict:
    """Create the population if this database has none yet; return who to measure as."""
    User = get_user_model()
    if not Commune.objects.filter(department_id="49").exists():
        load_reference_data()
    existing = Organization.objects.filter(name__startswith="Bench ").order_by("pk").first()
    if existing is None:
        with transaction.atomic():
            _create(persons, events, organizations, random.Random(seed))
            ledger.rebuild()  # bulk inserts skip the services that keep it
        # A production database has planner statistics; a freshly bulk-loaded one has
        # none until autovacuum comes by, and its plans would measure that, not the code.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        existing = Organization.objects.filter(name__startswith="Bench ").order_by("pk").first()
    counsellor = User.objects.get(email="bench.0@bench.localhost")
    return {"organization": existing, "user": counsellor}


def _create(persons: int, events: int, organizations: int, rng: random.Random) -> None:
    User = get_user_model()
    communes = list(Commune.objects.filter(department_id="49").order_by("code"))
    orgs = Organization.objects.bulk_create(
        Organization(
            name=f"Bench {index}",
            kind=KINDS[index % len(KINDS)],
            siret=with_check_digit(f"{770000000 + index:09d}0001"),
            commune=communes[index],
        )
        for index in range(organizations)
    )
    users = User.objects.bulk_create(
        User(email=f"bench.{index}@bench.localhost", first_name="Conseiller", last_name=str(index))
        for index in range(organizations)
    )
    Membership.objects.bulk_create(
        Membership(user=user, organization=org, role=Role.MEMBER)
        for user, org in zip(users, orgs, strict=True)
    )
    # The first organization is the big one the benchmark acts for: 15 % of everyone.
    weights = [0.15] + [0.85 / (organizations - 1)] * (organizations - 1)
    now = timezone.now()
    person_rows, holders = [], []
    for index in range(persons):
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        holder = rng.choices(range(organizations), weights)[0]
        holders.append(holder)
        person_rows.append(
            Person(
                first_name=first,
                last_name=last,
                search_name=normalize(f"{last} {first}"),
                birth_date=date(1960, 1, 1) + timedelta(days=rng.randrange(16000)),
                commune=rng.choice(communes),
                created_by_organization=orgs[holder],
                last_contact_at=now - timedelta(days=rng.randrange(120)),
                email=f"personne.{index}@bench.localhost",
            )
        )
    created = []
    for start in range(0, persons, BATCH):
        created += Person.objects.bulk_create(person_rows[start : start + BATCH])
    states = list(PathwayState.values)
    pathways = []
    for person, holder in zip(created, holders, strict=True):
        pathways.append(
            Pathway(
                person=person,
                organization=orgs[holder],
                referent=users[holder],
                kind=rng.choice(list(PathwayKind.values)),
                state=rng.choice(states),
                entry_channel=rng.choice(list(EntryChannel.values)),
                started_on=date(2025, 1, 1) + timedelta(days=rng.randrange(600)),
                pass_end=date(2026, 6, 1) + timedelta(days=rng.randrange(900)),
            )
        )
    for start in range(0, len(pathways), BATCH):
        Pathway.objects.bulk_create(pathways[start : start + BATCH])
    # Events: most persons have a few, some have hundreds (long pathways).
    per_person = [rng.randint(2, 14) for _ in created]
    heavy = rng.sample(range(len(created)), max(1, len(created) // 200))
    for index in heavy:
        per_person[index] = 400
    # Scaled to give exactly `events` in all, the rounding left over on the heaviest.
    scale = events / sum(per_person)
    counts = [max(1, int(count * scale)) for count in per_person]
    counts[heavy[0]] += events - sum(counts)
    batch = []
    start_date = datetime(2024, 1, 1, tzinfo=timezone.get_current_timezone())
    for person, pathway, count in zip(created, pathways, counts, strict=True):
        for _ in range(count):
            kind = rng.choice(EVENT_KINDS)
            batch.append(
                TimelineEvent(
                    person=person,
                    pathway=pathway,
                    kind=kind,
                    occurred_at=start_date + timedelta(minutes=rng.randrange(1_000_000)),
                    title=f"{EventKind(kind).label} (mesure)",
                    audience=rng.choice([Audience.TEAM, Audience.TEAM, Audience.MILESTONE]),
                    organization_id=pathway.organization_id,
                )
            )
            if len(batch) >= BATCH:
                TimelineEvent.objects.bulk_create(batch)
                batch = []
    TimelineEvent.objects.bulk_create(batch)
