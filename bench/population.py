"""A synthetic population at the scale of the country for the benchmarks: a thousand
organizations across France, one million persons with their pathways, referrals and
actions, ten million timeline events (`BENCH_PERSONS` sets the size; the events are
ten per person). Among the organizations, the two the benchmarks act for: a large
structure of 10,000 people and a small one of 8, the same at every size, each with a
counsellor account.

Built with `bench.bulk` (COPY on PostgreSQL, executemany on SQLite, indexes kept), no
audit trail (it measures reads), deterministic for a given seed."""

import time
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from datetime import time as clock

import numpy as np
from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.utils import timezone

from access import ledger
from bench.bulk import insert, next_id, reset_sequences
from lib.text import normalize
from organizations.enums import OrganizationKind, Role
from organizations.models import Membership, Organization
from organizations.siret import with_check_digit
from pathways.enums import EntryChannel, PathwayKind, PathwayState
from pathways.models import Pathway
from persons.models import Person
from plans.enums import ActionKind, ActionStatus
from plans.models import Action, Appointment
from reference.loading import load_reference_data
from referrals.enums import ReferralState
from referrals.models import Referral
from territories.models import Commune
from timeline.models import Audience, EventKind, TimelineEvent

EVENTS_PER_PERSON = 10
LARGE = 10_000  # people of the large structure, whatever the size of the platform
SMALL = 8  # people of the small one
LARGE_COUNSELLORS = 20
LARGE_NAME = "Bench grande structure"
SMALL_NAME = "Bench petite structure"
CHUNK = 100_000

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
FOLLOWING_KINDS = [
    OrganizationKind.ACI,
    OrganizationKind.AI,
    OrganizationKind.EI,
    OrganizationKind.EMPLOYMENT_HUB,
    OrganizationKind.ETTI,
]
REFERRING_KINDS = [
    OrganizationKind.FRANCE_TRAVAIL,
    OrganizationKind.MISSION_LOCALE,
    OrganizationKind.CAP_EMPLOI,
    OrganizationKind.DEPARTEMENT,
]
EVENT_KINDS = [
    EventKind.APPOINTMENT,
    EventKind.NOTE,
    EventKind.ACTION,
    EventKind.BARRIER,
    EventKind.PATHWAY,
    EventKind.SERVICE_REFERRAL,
]
AUDIENCES = [Audience.TEAM, Audience.TEAM, Audience.MILESTONE]
EVENTS_FROM = datetime(2024, 1, 1)


@dataclass(frozen=True)
class Population:
    large: Organization
    large_user: object
    small: Organization
    small_user: object
    persons: int
    events: int
    built_seconds: float  # 0 when the database already had it


def build(*, persons: int, events: int | None = None, seed: int = 7) -> Population:
    """Create the population if this database has none yet; return who to measure as."""
    events = persons * EVENTS_PER_PERSON if events is None else events
    started = time.perf_counter()
    built = 0.0
    if not Organization.objects.filter(name=LARGE_NAME).exists():
        if not Commune.objects.filter(latitude__isnull=False).exists():
            with _step("données de référence"):
                load_reference_data()
        print(f"Construction : {_figure(persons)} personnes, {_figure(events)} événements")
        with _fast_writes(), transaction.atomic():
            _without_foreign_key_checks()
            _create(persons, events, np.random.default_rng(seed))
            # Bulk inserts skip the services that keep who sees whom: rebuilt at once.
            with _step("qui voit qui (access.ledger.rebuild)") as counted:
                counted.append(ledger.rebuild())
        _statistics()
        built = time.perf_counter() - started
        print(f"  en tout : {built:.0f} s")
    User = get_user_model()
    return Population(
        large=Organization.objects.get(name=LARGE_NAME),
        large_user=User.objects.get(email="bench.grande.0@bench.localhost"),
        small=Organization.objects.get(name=SMALL_NAME),
        small_user=User.objects.get(email="bench.petite@bench.localhost"),
        persons=Person.objects.count(),
        events=TimelineEvent.objects.count(),
        built_seconds=built,
    )


@contextmanager
def _step(label: str):
    started = time.perf_counter()
    counted = []
    yield counted
    figure = f"{_figure(sum(counted))} " if counted else ""
    print(f"  {label} : {figure}en {time.perf_counter() - started:.1f} s", flush=True)


@contextmanager
def _fast_writes():
    """SQLite, on the bench database only and on this connection only: no fsync, the
    rollback journal in memory (settings put the platform's files in WAL), and no
    foreign key check (the rows are consistent by construction; checking 40 million
    references row by row is most of the load)."""
    if connection.vendor != "sqlite":
        yield
        return
    with connection.cursor() as cursor:
        for pragma in (
            "journal_mode=MEMORY",
            "synchronous=OFF",
            "cache_size=-400000",
            "foreign_keys=OFF",  # outside a transaction, or SQLite ignores it
        ):
            cursor.execute(f"PRAGMA {pragma}")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA foreign_keys=ON")


def _without_foreign_key_checks() -> None:
    """PostgreSQL: the foreign keys are checked at commit, one trigger per reference (40
    million for the events alone, most of the load); as replica for this transaction
    only, the triggers stay quiet. Only a superuser may: the bench's own cluster is one,
    a server named by BENCH_DATABASE_URL may not be, and then checks."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
        if cursor.fetchone()[0]:
            cursor.execute("SET LOCAL session_replication_role = replica")


def _statistics() -> None:
    """A production database has planner statistics (and, on PostgreSQL, the visibility
    map that index-only scans need); a freshly bulk-loaded one has none until autovacuum
    comes by, and its plans would measure that, not the code."""
    with _step("statistiques du planificateur"), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("VACUUM ANALYZE")
            # The load and the vacuum leave gigabytes of pages to write: without a
            # checkpoint now, the checkpointer writes them during the first measures,
            # spread over minutes, and those measure the disk rather than the pages.
            cursor.execute("CHECKPOINT")
        else:
            cursor.execute("PRAGMA analysis_limit=2000")
            cursor.execute("ANALYZE")


def _create(persons: int, events: int, rng: np.random.Generator) -> None:
    User = get_user_model()
    now = datetime.now(UTC).replace(tzinfo=None)  # naive UTC, as stored
    today = timezone.localdate()
    with _step("organisations et comptes") as counted:
        communes = list(
            Commune.objects.filter(latitude__isnull=False)
            .exclude(department__code__startswith="97")
            .order_by("code")
            .values_list("pk", flat=True)
        )
        home = Commune.objects.filter(department_id="49").order_by("code").first()
        home_id = home.pk if home else communes[0]
        others = max(38, persons // 1000)
        kinds = [OrganizationKind.EMPLOYMENT_HUB, OrganizationKind.ACI] + [
            (FOLLOWING_KINDS + REFERRING_KINDS)[index % 9] for index in range(others)
        ]
        names = [LARGE_NAME, SMALL_NAME] + [f"Bench {index}" for index in range(others)]
        orgs = Organization.objects.bulk_create(
            Organization(
                name=name,
                kind=kind,
                siret=with_check_digit(f"{770000000 + index:09d}0001"),
                commune_id=home_id if index < 2 else communes[int(rng.integers(len(communes)))],
            )
            for index, (name, kind) in enumerate(zip(names, kinds, strict=True))
        )
        emails = [f"bench.grande.{i}@bench.localhost" for i in range(LARGE_COUNSELLORS)]
        emails += ["bench.petite@bench.localhost"]
        emails += [f"bench.{index}@bench.localhost" for index in range(others)]
        users = User.objects.bulk_create(
            User(email=email, first_name="Conseiller", last_name=str(index))
            for index, email in enumerate(emails)
        )
        seats = [0] * LARGE_COUNSELLORS + list(range(1, len(orgs)))
        Membership.objects.bulk_create(
            Membership(user=user, organization=orgs[seat], role=Role.MEMBER)
            for user, seat in zip(users, seats, strict=True)
        )
        counted.append(len(orgs))
    org_ids = np.array([org.pk for org in orgs])
    # The counsellor of each organization (the large one has twenty).
    counsellor = np.array(
        [users[0].pk] + [users[LARGE_COUNSELLORS + i].pk for i in range(len(orgs) - 1)]
    )
    large_counsellors = np.array([user.pk for user in users[:LARGE_COUNSELLORS]])
    following = np.array([i for i, kind in enumerate(kinds) if kind in FOLLOWING_KINDS and i >= 2])
    referring = np.array([i for i, kind in enumerate(kinds) if kind in REFERRING_KINDS])

    # Who holds each person: the large structure, the small one, the others at random,
    # shuffled so that a structure's people are spread over the table as in life.
    rest = max(persons - LARGE, 0)
    holder = np.concatenate(
        [
            np.zeros(LARGE, dtype=np.int64),
            np.ones(SMALL, dtype=np.int64),
            following[rng.integers(len(following), size=rest)],
        ]
    )
    holder = holder[rng.permutation(len(holder))]
    count = len(holder)
    first_person = next_id(Person)
    person_ids = np.arange(first_person, first_person + count)

    with _step("personnes") as counted:
        first = rng.integers(len(FIRST_NAMES), size=count)
        last = rng.integers(len(LAST_NAMES), size=count)
        born = rng.integers(16000, size=count)
        commune = rng.integers(len(communes), size=count)
        contact = rng.integers(120 * 24 * 60, size=count)
        search = {
            (f, n): normalize(f"{LAST_NAMES[n]} {FIRST_NAMES[f]}")
            for f in range(len(FIRST_NAMES))
            for n in range(len(LAST_NAMES))
        }
        birth_dates = [date(1960, 1, 1) + timedelta(days=day) for day in range(16000)]

        def person_rows():
            for start in range(0, count, CHUNK):
                part = slice(start, start + CHUNK)
                for pk, f, n, b, c, h, m in zip(
                    person_ids[part].tolist(),
                    first[part].tolist(),
                    last[part].tolist(),
                    born[part].tolist(),
                    commune[part].tolist(),
                    org_ids[holder[part]].tolist(),
                    contact[part].tolist(),
                    strict=True,
                ):
                    contacted = now - timedelta(minutes=m)
                    yield (
                        pk,
                        FIRST_NAMES[f],
                        LAST_NAMES[n],
                        search[f, n],
                        birth_dates[b],
                        communes[c],
                        h,
                        contacted,
                        contacted,
                        contacted - timedelta(days=200),
                        f"personne.{pk}@bench.localhost",
                    )

        counted.append(
            insert(
                Person,
                [
                    "id",
                    "first_name",
                    "last_name",
                    "search_name",
                    "birth_date",
                    "commune_id",
                    "created_by_organization_id",
                    "last_contact_at",
                    "updated_at",
                    "created_at",
                    "email",
                ],
                person_rows(),
            )
        )

    with _step("parcours") as counted:
        # Everyone has a pathway with their holder; one in five another one elsewhere
        # (a team of structures around the same person); two in five were referred.
        second = np.flatnonzero((rng.random(count) < 0.2) & (holder >= 2))
        second_holder = following[rng.integers(len(following), size=len(second))]
        clash = second_holder == holder[second]
        second_holder[clash] = following[
            (np.searchsorted(following, second_holder[clash]) + 1) % len(following)
        ]
        path_person = np.concatenate([person_ids, person_ids[second]])
        path_holder = np.concatenate([holder, second_holder])
        total = len(path_person)
        referent = counsellor[path_holder]
        in_large = path_holder == 0
        referent[in_large] = large_counsellors[
            rng.integers(LARGE_COUNSELLORS, size=int(in_large.sum()))
        ]
        prescriber = np.where(
            rng.random(total) < 0.4,
            org_ids[referring[rng.integers(len(referring), size=total)]],
            -1,
        )
        kind = rng.integers(len(PathwayKind.values), size=total)
        state = rng.integers(len(PathwayState.values), size=total)
        channel = rng.integers(len(EntryChannel.values), size=total)
        started = rng.integers(600, size=total)
        pass_end = rng.integers(900, size=total)
        first_pathway = next_id(Pathway)
        pathway_ids = np.arange(first_pathway, first_pathway + total)
        kinds_, states_, channels_ = PathwayKind.values, PathwayState.values, EntryChannel.values
        opened = date(2025, 1, 1)
        # The PASS IAE of a pathway ends between three months ago and two years ahead.
        pass_from = today - timedelta(days=90)

        def pathway_rows():
            for start in range(0, total, CHUNK):
                part = slice(start, start + CHUNK)
                for pk, p, o, r, pr, k, s, ch, st, pe in zip(
                    pathway_ids[part].tolist(),
                    path_person[part].tolist(),
                    org_ids[path_holder[part]].tolist(),
                    referent[part].tolist(),
                    prescriber[part].tolist(),
                    kind[part].tolist(),
                    state[part].tolist(),
                    channel[part].tolist(),
                    started[part].tolist(),
                    pass_end[part].tolist(),
                    strict=True,
                ):
                    started_on = opened + timedelta(days=st)
                    closed = states_[s] == PathwayState.CLOSED
                    yield (
                        pk,
                        p,
                        o,
                        r,
                        None if pr < 0 else pr,
                        kinds_[k],
                        states_[s],
                        channels_[ch],
                        started_on,
                        started_on + timedelta(days=300) if closed else None,
                        pass_from + timedelta(days=pe),
                    )

        counted.append(
            insert(
                Pathway,
                [
                    "id",
                    "person_id",
                    "organization_id",
                    "referent_id",
                    "prescriber_organization_id",
                    "kind",
                    "state",
                    "entry_channel",
                    "started_on",
                    "closed_on",
                    "pass_end",
                ],
                pathway_rows(),
            )
        )

    with _step("événements de chronologie") as counted:
        # Most persons have a few, one in two hundred has hundreds (long pathways):
        # scaled to give exactly `events` in all, the rounding left on the heaviest.
        per_person = rng.integers(2, 15, size=count)
        heavy = rng.choice(count, size=max(1, count // 200), replace=False)
        per_person[heavy] = 400
        per_person = np.maximum(1, (per_person * (events / per_person.sum())).astype(np.int64))
        per_person[heavy[0]] = max(1, per_person[heavy[0]] + events - int(per_person.sum()))
        total = int(per_person.sum())
        event_person = np.repeat(person_ids, per_person)
        event_pathway = np.repeat(pathway_ids[:count], per_person)
        event_org = np.repeat(org_ids[holder], per_person)
        event_kind = rng.integers(len(EVENT_KINDS), size=total, dtype=np.int8)
        minute = rng.integers(1_000_000, size=total, dtype=np.int32)
        audience = rng.integers(len(AUDIENCES), size=total, dtype=np.int8)
        first_event = next_id(TimelineEvent)
        titles = [f"{EventKind(kind).label} (mesure)" for kind in EVENT_KINDS]
        kind_values = [str(kind) for kind in EVENT_KINDS]
        audience_values = [str(value) for value in AUDIENCES]

        def event_rows():
            for start in range(0, total, CHUNK):
                part = slice(start, start + CHUNK)
                for pk, p, pw, o, k, m, a in zip(
                    range(first_event + start, first_event + min(start + CHUNK, total)),
                    event_person[part].tolist(),
                    event_pathway[part].tolist(),
                    event_org[part].tolist(),
                    event_kind[part].tolist(),
                    minute[part].tolist(),
                    audience[part].tolist(),
                    strict=True,
                ):
                    yield (
                        pk,
                        p,
                        pw,
                        o,
                        kind_values[k],
                        titles[k],
                        EVENTS_FROM + timedelta(minutes=m),
                        audience_values[a],
                    )

        counted.append(
            insert(
                TimelineEvent,
                [
                    "id",
                    "person_id",
                    "pathway_id",
                    "organization_id",
                    "kind",
                    "title",
                    "occurred_at",
                    "audience",
                ],
                event_rows(),
            )
        )

    with _step("orientations, actions et rendez-vous") as counted:
        counted.append(
            _referrals(rng, person_ids, pathway_ids[:count], holder, org_ids, referring, now)
        )
        measured = [users[0].pk, users[LARGE_COUNSELLORS].pk]
        counted.append(
            _plans(rng, pathway_ids, path_person, path_holder, referent, org_ids, measured, now)
        )
    reset_sequences(Organization, Person, Pathway, TimelineEvent, Referral, Action, Appointment)


def _referrals(rng, person_ids, pathway_ids, holder, org_ids, referring, now) -> int:
    """One person in ten referred to their holder by a prescriber (three of the small
    structure's eight), most still awaiting an answer."""
    chosen = rng.random(len(person_ids)) < 0.1
    chosen[np.flatnonzero(holder == 1)[:3]] = True
    index = np.flatnonzero(chosen)
    sender = org_ids[referring[rng.integers(len(referring), size=len(index))]]
    state = rng.integers(10, size=len(index))
    days = rng.integers(40 * 24 * 60, size=len(index))
    first = next_id(Referral)

    def rows():
        for offset, (i, s, d, f) in enumerate(
            zip(index.tolist(), state.tolist(), days.tolist(), sender.tolist(), strict=True)
        ):
            sent = now - timedelta(minutes=d)
            answer = (
                ReferralState.SENT
                if s < 4
                else ReferralState.SEEN
                if s < 7
                else ReferralState.ACCEPTED
            )
            yield (
                first + offset,
                int(person_ids[i]),
                f,
                int(org_ids[holder[i]]),
                "Orientation (mesure)",
                str(answer),
                sent,
                sent,
                sent + timedelta(days=1) if answer != ReferralState.SENT else None,
                sent + timedelta(days=2) if answer == ReferralState.ACCEPTED else None,
                int(pathway_ids[i]) if answer == ReferralState.ACCEPTED else None,
            )

    return insert(
        Referral,
        [
            "id",
            "person_id",
            "from_organization_id",
            "to_organization_id",
            "motivation",
            "state",
            "sent_at",
            "created_at",
            "seen_at",
            "answered_at",
            "pathway_id",
        ],
        rows(),
    )


def _plans(rng, pathway_ids, path_person, path_holder, referent, org_ids, measured, now) -> int:
    """An action (a third overdue) on three pathways in ten, owned by the referent, one on
    every pathway of the counsellors measured; an appointment on one in five, and today's
    for the counsellors measured."""
    total = len(pathway_ids)
    mine = np.isin(referent, measured)
    acting = np.flatnonzero((rng.random(total) < 0.3) | mine)
    due = rng.integers(-60, 121, size=len(acting))
    done = rng.random(len(acting)) < 0.3
    today = timezone.localdate()
    kinds = list(ActionKind.values)
    kind = rng.integers(len(kinds), size=len(acting))
    first = next_id(Action)

    def actions():
        for offset, (i, d, finished, k) in enumerate(
            zip(acting.tolist(), due.tolist(), done.tolist(), kind.tolist(), strict=True)
        ):
            yield (
                first + offset,
                int(path_person[i]),
                int(pathway_ids[i]),
                kinds[k],
                "Action (mesure)",
                int(referent[i]),
                int(org_ids[path_holder[i]]),
                today + timedelta(days=d),
                str(ActionStatus.DONE if finished else ActionStatus.TODO),
                now - timedelta(days=70),
            )

    count = insert(
        Action,
        [
            "id",
            "person_id",
            "pathway_id",
            "kind",
            "title",
            "owner_id",
            "organization_id",
            "due_on",
            "status",
            "created_at",
        ],
        actions(),
    )
    morning = timezone.make_aware(datetime.combine(today, clock(9))).astimezone(UTC)
    morning = morning.replace(tzinfo=None)
    meeting = np.flatnonzero(rng.random(total) < 0.2)
    minutes = rng.integers(-60 * 24 * 60, 60 * 24 * 60, size=len(meeting))
    at = {
        int(i): now + timedelta(minutes=m) for i, m in zip(meeting, minutes.tolist(), strict=True)
    }
    for user in measured:
        for rank, i in enumerate(np.flatnonzero(referent == user)[:20].tolist()):
            at[i] = morning + timedelta(minutes=20 * rank)
    first = next_id(Appointment)
    count += insert(
        Appointment,
        ["id", "person_id", "pathway_id", "at", "subject", "with_user_id", "organization_id"],
        (
            (
                first + offset,
                int(path_person[i]),
                int(pathway_ids[i]),
                when,
                "Rendez-vous (mesure)",
                int(referent[i]),
                int(org_ids[path_holder[i]]),
            )
            for offset, (i, when) in enumerate(sorted(at.items()))
        ),
    )
    return count


def _figure(number: int) -> str:
    return f"{number:,}".replace(",", " ")
