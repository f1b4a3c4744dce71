"""The XLSX export of 100,000 people, as the « Exporter » button of the person list
writes it for a large export (the task's path: rows read a chunk at a time with their
pathways and wishes, written by xlsxwriter in constant memory). Targets: under 60 s,
and under 300 MB of memory.

The structure and its 100,000 people are built once in the bench database (bulk
inserts, then the table of who sees whom rebuilt); with `BENCH_KEEP=1` a later run
reuses them. `BENCH_EXPORT_PERSONS` changes the number (e.g. 10000 for a quick run)."""

import os
import resource
import tempfile
import time
import tracemalloc
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.http import QueryDict

from access import ledger
from bench import Measure
from bench.bulk import insert, next_id, reset_sequences
from bench.population import FIRST_NAMES, LAST_NAMES
from exports import lists, services
from exports.writers import write_xlsx
from jobs.models import Appellation
from lib.text import normalize
from organizations.enums import OrganizationKind, Role
from organizations.models import Membership, Organization
from organizations.siret import with_check_digit
from pathways.enums import EntryChannel, PathwayKind, PathwayState
from pathways.models import Pathway
from persons.models import Person, Wish
from reference.loading import load_reference_data
from territories.models import Commune

NAME = "Bench structure des exports"
EMAIL = "bench.exports@bench.localhost"
TARGET_S = 60
TARGET_MB = 300


def wanted() -> int:
    value = os.environ.get("BENCH_EXPORT_PERSONS", "").replace("_", "")
    return int(value) if value else 100_000


def run() -> list[Measure]:
    count = wanted()
    started = time.perf_counter()
    user, organization = _build(count)
    built = time.perf_counter() - started
    export_list = lists.list_named("personnes")
    columns = lists.columns_for(export_list, organization)

    def export(path: Path) -> int:
        rows = services.export_rows(
            export_list=export_list, user=user, organization=organization, data=QueryDict()
        )
        return write_xlsx(
            str(path), columns, rows.iterator(chunk_size=export_list.chunk_size), title="Personnes"
        )

    with tempfile.TemporaryDirectory(prefix="bench-export-") as folder:
        path = Path(folder) / "personnes.xlsx"
        wall, cpu = time.perf_counter(), time.process_time()
        written = export(path)
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        size_mb = path.stat().st_size / 1e6
        # Again under tracemalloc (slower): the peak of what Python allocated meanwhile.
        tracemalloc.start()
        export(path)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    peak_mb = peak / 1e6
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return [
        Measure(
            f"Structure de {count:,} personnes ({connection.vendor})".replace(",", " "),
            f"{written:,} lignes, fichier de {size_mb:.1f} Mo".replace(",", " "),
            baseline=f"prête en {built:.0f} s",
        ),
        Measure(
            "Export XLSX des personnes : durée",
            f"{wall:.1f} s (CPU {cpu:.1f} s)",
            target=f"< {TARGET_S} s",
            met=wall < TARGET_S and written == count,
        ),
        Measure(
            "Export XLSX des personnes : mémoire (pic tracemalloc)",
            f"{peak_mb:.0f} Mo (RSS max. du processus : {rss_mb:.0f} Mo)",
            target=f"< {TARGET_MB} Mo",
            met=peak_mb < TARGET_MB,
        ),
    ]


def _build(count: int):
    User = get_user_model()
    organization = Organization.objects.filter(name=NAME).first()
    if organization is not None:
        return User.objects.get(email=EMAIL), organization
    if not Commune.objects.filter(latitude__isnull=False).exists():
        load_reference_data()
    print(f"Construction : {count:,} personnes suivies par une structure".replace(",", " "))
    communes = list(Commune.objects.order_by("code").values_list("pk", flat=True)[:500])
    jobs = list(Appellation.objects.order_by("code").values_list("pk", flat=True)[:500])
    now = datetime.now(UTC).replace(tzinfo=None)
    with transaction.atomic():
        organization = Organization.objects.create(
            name=NAME,
            kind=OrganizationKind.ACI,
            siret=with_check_digit("778899001" + "0001"),
            commune_id=communes[0],
        )
        user = User.objects.create(email=EMAIL, first_name="Conseillère", last_name="Exports")
        Membership.objects.create(user=user, organization=organization, role=Role.MEMBER)
        first = next_id(Person)
        ids = range(first, first + count)
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
            ],
            (
                (
                    pk,
                    FIRST_NAMES[pk % len(FIRST_NAMES)],
                    LAST_NAMES[(pk // 7) % len(LAST_NAMES)],
                    normalize(
                        f"{LAST_NAMES[(pk // 7) % len(LAST_NAMES)]} "
                        f"{FIRST_NAMES[pk % len(FIRST_NAMES)]}"
                    ),
                    date(1965, 1, 1) + timedelta(days=pk % 15000),
                    communes[pk % len(communes)],
                    organization.pk,
                    now - timedelta(hours=pk % 5000),
                    now,
                    now,
                )
                for pk in ids
            ),
        )
        first_pathway = next_id(Pathway)
        states, kinds = PathwayState.values, PathwayKind.values
        insert(
            Pathway,
            [
                "id",
                "person_id",
                "organization_id",
                "referent_id",
                "kind",
                "state",
                "entry_channel",
                "started_on",
                "created_at",
                "updated_at",
            ],
            (
                (
                    first_pathway + index,
                    pk,
                    organization.pk,
                    user.pk,
                    kinds[pk % len(kinds)],
                    states[pk % len(states)],
                    EntryChannel.WALK_IN,
                    date(2025, 1, 1) + timedelta(days=pk % 600),
                    now,
                    now,
                )
                for index, pk in enumerate(ids)
            ),
        )
        if jobs:
            first_wish = next_id(Wish)
            insert(
                Wish,
                ["id", "person_id", "appellation_id", "rank"],
                ((first_wish + index, pk, jobs[pk % len(jobs)], 1) for index, pk in enumerate(ids)),
            )
        reset_sequences(Person, Pathway, Wish)
        ledger.rebuild()
    return user, organization
