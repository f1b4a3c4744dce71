"""The key pages as a browser gets them, through the whole stack (middleware, view,
templates), with DJANGO_DEBUG=false: the person list (a search, a filter), a person's
main tabs, « À traiter », the referral inbox, the home page, the employer space (signed
in, with the Django test client) and the public offers board (anonymous, commune and
radius), on a population of 10,000 persons and 100,000 events.

Per page and over ROUNDS requests: the median and p95 of the wall time, the median CPU
time of the process around `client.get`, and the same minus the time spent in the
database cursor (`connection.execute_wrapper`): SQLite runs inside the process, so its
work is CPU time of the process too. What is left is the application's own work —
routing, middleware, views, forms, templates — and its target is a median of 15 ms.
The rows a cursor hands out after the first are read outside the wrapper: on SQLite a
little of the database's work stays counted as the application's.

`PARCOURS_BENCH_PROFILE=<folder>` also profiles each page (cProfile, the same requests),
writes one `<page>.prof` per page there, to read with `python -m pstats`, and adds the
number of Python function calls per request: unlike the times, it does not depend on how
busy the machine is."""

import cProfile
import os
import pstats
import random
import statistics
import time
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlencode

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connection, transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from bench import Measure
from bench.population import LAST_NAMES, build
from bench.timing import p95
from companies.models import Company
from jobs.models import Appellation
from offers.enums import ContractType, OfferState
from offers.models import Introduction, JobOffer
from offers.services import board_place
from organizations.enums import OrganizationKind, Role
from organizations.models import Membership, Organization
from organizations.siret import with_check_digit
from pathways.enums import PathwayState
from pathways.models import Pathway
from persons.models import Wish
from territories.forms import commune_label
from territories.models import Commune

PERSONS = 10_000
EVENTS = 100_000
ROUNDS = 40
WARM_UP = 5
TARGET_MS = 15
SEED = 17
BOARD_OFFERS = 2_000
EMPLOYER = "Bench — entreprise cliente"
EMPLOYER_EMAIL = "bench.employeur@bench.localhost"


def run() -> list[Measure]:
    started = time.perf_counter()
    # The rate-limit counters of the public board and the shared cache live in tables.
    call_command("createcachetable", verbosity=0)
    population = build(persons=PERSONS, events=EVENTS)
    # The population's large structure holds every person here, with the actions and
    # today's appointments of its measured counsellor.
    user, organization = population.large_user, population.large
    employer_user = _employer_and_board(organization, user)
    rng = random.Random(SEED)
    persons = list(
        Pathway.objects.filter(organization=organization)
        .order_by("person_id")
        .values_list("person_id", flat=True)[:: max(1, PERSONS // 400)][:ROUNDS]
    )
    _wishes_of(persons)
    built = time.perf_counter() - started

    counsellor, employer, anonymous = Client(), Client(), Client()
    counsellor.force_login(user)
    employer.force_login(employer_user)
    angers = Commune.objects.get(code="49007")
    pages = {
        "Liste des personnes (recherche, filtre)": (
            counsellor,
            [_person_list_url(rng) for _ in range(ROUNDS)],
        ),
        **{
            f"Fiche personne, onglet {tab}": (
                counsellor,
                [reverse(name, kwargs={"person_pk": pk}) for pk in persons],
            )
            for tab, name in (
                ("situation et projet", "person_detail"),
                ("parcours", "person_pathways"),
                ("freins", "person_barriers"),
                ("plan d'action", "person_plan"),
                ("chronologie", "person_timeline"),
            )
        },
        "À traiter": (counsellor, [reverse("worklist")] * ROUNDS),
        "Orientations reçues": (counsellor, [reverse("referral_inbox")] * ROUNDS),
        "Accueil (connecté·e)": (counsellor, [reverse("home")] * ROUNDS),
        "Espace employeur": (employer, [reverse("employer_space")] * ROUNDS),
        "Offres publiques (commune, 30 km)": (
            anonymous,
            [
                f"{reverse('public_offer_list')}?{urlencode(search)}"
                for search in (
                    {"commune": commune_label(angers), "rayon": 30},
                    {"commune": commune_label(angers), "rayon": 30, "contrat": ContractType.CDI},
                )
                for _ in range(ROUNDS // 2)
            ],
        ),
    }
    profile_dir = os.environ.get("PARCOURS_BENCH_PROFILE")
    measures = [
        Measure(
            f"Population ({connection.vendor})",
            f"{PERSONS:,} personnes, {EVENTS:,} événements".replace(",", " "),
            baseline=f"prête en {built:.0f} s",
        )
    ]
    for label, (client, urls) in pages.items():
        figures = _measure(client, urls)
        measures += _measures(label, figures)
        if profile_dir:
            calls = _profile(client, urls, Path(profile_dir) / f"{_slug(label)}.prof")
            # Unlike times, the same on a busy machine: what to compare two versions by.
            measures.append(Measure(f"{label} : appels de fonctions Python par requête", calls))
    return measures


# --- measuring ---------------------------------------------------------------------------


class _DatabaseTime:
    """CPU time and number of the queries run through the connection's cursors."""

    def __init__(self):
        self.seconds = 0.0
        self.queries = 0

    def __call__(self, execute, sql, params, many, context):
        started = time.process_time()
        try:
            return execute(sql, params, many, context)
        finally:
            self.seconds += time.process_time() - started
            self.queries += 1


def _get(client, url, index: int):
    # Each request from its own address: the public board's rate limit counts per
    # address, and the benchmark must measure pages, not refusals.
    address = f"10.{index // 65536 % 256}.{index // 256 % 256}.{index % 256}"
    response = client.get(url, secure=True, REMOTE_ADDR=address)
    if response.status_code != 200:
        raise RuntimeError(f"{url} a répondu {response.status_code}")
    return response


def _measure(client, urls: list[str]) -> dict:
    for index, url in enumerate(urls[:WARM_UP]):
        _get(client, url, index)
    wall, cpu, app, queries = [], [], [], []
    for index, url in enumerate(urls):
        database = _DatabaseTime()
        with connection.execute_wrapper(database):
            started_wall, started_cpu = time.perf_counter(), time.process_time()
            _get(client, url, 1000 + index)
            spent_cpu = time.process_time() - started_cpu
            wall.append((time.perf_counter() - started_wall) * 1000)
        cpu.append(spent_cpu * 1000)
        app.append((spent_cpu - database.seconds) * 1000)
        queries.append(database.queries)
    return {"wall": wall, "cpu": cpu, "app": app, "queries": queries}


def _measures(label: str, figures: dict) -> list[Measure]:
    app = statistics.median(figures["app"])
    queries = sorted(set(figures["queries"]))
    counted = str(queries[0]) if len(queries) == 1 else f"{queries[0]} à {queries[-1]}"
    return [
        Measure(
            f"{label} : écoulé p50 / p95, CPU p50, requêtes",
            f"{statistics.median(figures['wall']):.1f} / {p95(figures['wall']):.1f} ms, "
            f"{statistics.median(figures['cpu']):.1f} ms, {counted}",
        ),
        Measure(
            f"{label} : CPU applicatif (hors base), p50",
            f"{app:.1f} ms",
            target=f"≤ {TARGET_MS} ms",
            met=app <= TARGET_MS,
        ),
    ]


def _profile(client, urls: list[str], path: Path) -> str:
    """Profiles the requests into `path`; the Python function calls per request."""
    path.parent.mkdir(parents=True, exist_ok=True)
    profiler = cProfile.Profile()
    for index, url in enumerate(urls):
        profiler.enable()
        _get(client, url, 5000 + index)
        profiler.disable()
    profiler.dump_stats(path)
    calls = pstats.Stats(profiler).total_calls // len(urls)
    return f"{calls:,}".replace(",", " ")


def _slug(label: str) -> str:
    kept = "".join(c if c.isalnum() else "-" for c in label.lower())
    return "-".join(part for part in kept.split("-") if part)


def _person_list_url(rng) -> str:
    """A name searched (part of it, as people type), and a filter: a pathway state, the
    user's own people or the order."""
    name = rng.choice(LAST_NAMES)
    parameters = [f"q={name[: rng.randint(3, len(name))]}"]
    roll = rng.random()
    if roll < 0.4:
        parameters.append(f"state={rng.choice(list(PathwayState.values))}")
    elif roll < 0.7:
        parameters.append("referent=me")
    else:
        parameters.append("sort=updated")
    return f"{reverse('person_list')}?{'&'.join(parameters)}"


# --- the data the population lacks: wishes, an employer, offers around Angers -------------


def _wishes_of(person_pks: list[int]) -> None:
    if Wish.objects.filter(person_id__in=person_pks).exists():
        return
    appellations = list(Appellation.objects.order_by("code")[:50])
    Wish.objects.bulk_create(
        Wish(person_id=pk, appellation=appellations[(pk + rank) % len(appellations)], rank=rank)
        for pk in person_pks
        for rank in (1, 2, 3)
    )


def _employer_and_board(organization, user):
    """A company with its account, 30 offers of it published by the structure and 60
    people introduced; BOARD_OFFERS other published offers in Maine-et-Loire. Once per
    database."""
    User = get_user_model()
    existing = User.objects.filter(email=EMPLOYER_EMAIL).first()
    if existing is not None:
        return existing
    rng = random.Random(SEED)
    communes = list(Commune.objects.filter(department_id="49", latitude__isnull=False))
    appellations = list(Appellation.objects.order_by("code")[:400])
    contracts = list(ContractType.values)
    now = timezone.now()
    with transaction.atomic():
        account = Organization.objects.create(
            name=EMPLOYER,
            kind=OrganizationKind.COMPANY,
            siret=with_check_digit("9800000000201"),
            commune=communes[0],
        )
        employer_user = User.objects.create(
            email=EMPLOYER_EMAIL, first_name="Employeuse", last_name="Bench"
        )
        Membership.objects.create(user=employer_user, organization=account, role=Role.MEMBER)
        own = Company.objects.create(
            siret=with_check_digit("9800000000202"),
            name=EMPLOYER,
            commune=communes[0],
            organization=account,
        )
        others = Company.objects.create(
            siret=with_check_digit("9800000000302"),
            name="Bench — autre entreprise",
            commune=communes[1],
        )
        offers = []
        for index in range(BOARD_OFFERS + 30):
            commune, appellation = rng.choice(communes), rng.choice(appellations)
            published = now - timedelta(minutes=index)
            offers.append(
                JobOffer(
                    organization=organization,
                    company=own if index < 30 else others,
                    appellation=appellation,
                    commune=commune,
                    **board_place(commune.latitude, commune.longitude),
                    tasks="Missions du poste",
                    contract_type=rng.choice(contracts),
                    title=f"{appellation.name} à {commune.name}",
                    text="Texte de l'offre",
                    state=OfferState.PUBLISHED,
                    published_at=published,
                    last_updated_at=published,
                    created_by=user,
                )
            )
        offers = JobOffer.objects.bulk_create(offers)
        people = list(
            Pathway.objects.filter(organization=organization)
            .order_by("-person_id")
            .values_list("person_id", flat=True)[:60]
        )
        Introduction.objects.bulk_create(
            Introduction(
                offer=offers[index % 30],
                person_id=pk,
                introduced_by=organization,
                introduced_by_user=user,
                comment="Motivée, disponible tout de suite.",
                created_at=now - timedelta(hours=index),
            )
            for index, pk in enumerate(people)
        )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return employer_user
