"""The feature store: the engine's arrays built from the database, and kept fresh.

One store per server process (`feature_store()`). Before each ranking it asks the
database one cheap question: the audit entries written since its last look
(`AuditEntry`, indexed by date). Every save and delete of a person, wish, experience,
barrier, pathway, introduction or offer writes one, in the same transaction
(`audit.tracking.AuditedModel`), so the trail is the change feed every process reads:
a change made through any server is seen by the next ranking of every other. Only the
people and offers those entries name are reloaded, never the whole population.

Two things the trail does not carry, and why they do not matter here: an anonymised
file is scrubbed with bulk updates, but the `Anonymisation` record is audited and
reloads the person (who then leaves the pool); bulk loads (reference data, benchmarks)
happen before a store is built.

The look-back window overlaps the previous one by GRACE: a transaction that wrote its
entry before the last look but committed after it is still seen; entries already
applied are skipped by id."""

import threading
from collections import defaultdict
from contextlib import contextmanager
from datetime import date, timedelta

import numpy as np
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from audit.models import AuditEntry
from barriers.enums import BarrierStatus
from barriers.models import PersonBarrier
from jobs.models import Appellation, RomeFamily, RomeMobility
from matching import arrays as a
from matching.index import FamilyIndex
from matching.ranking import candidates_for_offer, offers_for_person
from offers.enums import IntroductionState, OfferState
from offers.models import Introduction, JobOffer
from pathways.enums import PathwayKind
from pathways.models import Pathway
from pathways.state_machine import ENDED_STATES
from persons.models import Experience, Person, Wish
from retention.models import Anonymisation

GRACE = timedelta(minutes=2)
OPEN_INTRODUCTIONS = (IntroductionState.PROPOSED, IntroductionState.INTERVIEW)
_BATCH = 2_000

_CHILDREN = {Wish: "wish", Experience: "experience", PersonBarrier: "barrier", Pathway: "pathway"}


def _today() -> int:
    return a.day_of(timezone.localdate())


class _Table:
    """Growable columns of a PersonArrays / OfferArrays, and the row of each id."""

    def __init__(self, cls, blank: dict):
        self.cls, self.blank = cls, blank
        self.row_of: dict[int, int] = {}
        self.size = 0
        self.columns = {
            name: np.empty((0, *shape), dtype) for name, (shape, dtype, _) in blank.items()
        }

    def rows_for(self, ids) -> np.ndarray:
        new = [i for i in ids if i not in self.row_of]
        if new:
            needed = self.size + len(new)
            capacity = len(self.columns["ids"])
            if needed > capacity:
                grown = max(needed, capacity * 2, 64)
                for name, (shape, dtype, fill) in self.blank.items():
                    column = np.full((grown, *shape), fill, dtype)
                    column[:capacity] = self.columns[name]
                    self.columns[name] = column
            for i in new:
                self.row_of[i] = self.size
                self.columns["ids"][self.size] = i
                self.size += 1
        return np.array([self.row_of[i] for i in ids], dtype=np.int64)

    def reset(self, rows) -> None:
        for name, (_, _, fill) in self.blank.items():
            if name != "ids":
                self.columns[name][rows] = fill

    def view(self):
        return self.cls(**{name: column[: self.size] for name, column in self.columns.items()})


_PERSON_COLUMNS = {
    "ids": ((), np.int64, 0),
    "xyz": ((3,), np.float32, np.nan),
    "radius_km": ((), np.float32, np.nan),
    "modes": ((), np.uint8, 0),
    "licence": ((), np.uint8, a.LICENCE_UNKNOWN),
    "has_vehicle": ((), bool, False),
    "limits": ((), np.uint8, 0),
    "contracts": ((), np.uint8, 0),
    "hours": ((), np.uint8, 0),
    "available_day": ((), np.int32, a.NO_DAY),
    "wish_job": ((a.WISHES,), np.int32, -1),
    "wish_family": ((a.WISHES,), np.int16, -1),
    "past_family": ((a.EXPERIENCES,), np.int16, -1),
    "blocked": ((), np.uint16, 0),
    "lifting": ((), np.uint16, 0),
    "pass_end_day": ((), np.int32, a.NO_DAY),
    "pathway_day": ((), np.int32, a.NO_DAY),
    "last_introduction_day": ((), np.int32, a.NO_DAY),
    "recent_introduction_days": ((a.RECENT_INTRODUCTIONS,), np.int32, a.NO_DAY),
}

_OFFER_COLUMNS = {
    "ids": ((), np.int64, 0),
    "xyz": ((3,), np.float32, np.nan),
    "job": ((), np.int32, -1),
    "family": ((), np.int16, -1),
    "schedules": ((), np.uint8, 0),
    "hours": ((), np.uint8, 0),
    "physical": ((), np.uint8, 0),
    "licence_required": ((), bool, False),
    "vehicle_required": ((), bool, False),
    "transit": ((), np.uint8, a.TRANSIT_UNKNOWN),
    "written_french": ((), bool, False),
    "contract": ((), np.uint8, a.NO_CONTRACT),
    "start_day": ((), np.int32, a.NO_DAY),
    "positions": ((), np.uint8, 1),
    "open_introductions": ((), np.uint16, 0),
    "published": ((), bool, False),
}

_LICENCES = {
    "": a.LICENCE_UNKNOWN,
    "none": a.LICENCE_NONE,
    "in_progress": a.LICENCE_IN_PROGRESS,
    "B": a.LICENCE_B,
    "suspended": a.LICENCE_SUSPENDED,
}


def _chunks(ids):
    ids = list(ids)
    for start in range(0, len(ids), _BATCH):
        yield ids[start : start + _BATCH]


class FeatureStore:
    def __init__(self):
        # Held for a whole ranking: a catch-up writes into the arrays a ranking reads.
        self._lock = threading.RLock()
        self._built = False

    # --- reading ---------------------------------------------------------------------

    def fresh(self):
        """The arrays as the database holds them now: built on first use, then only
        the rows changed since the last call reloaded."""
        with self._lock:
            if not self._built:
                self._build()
            else:
                self._catch_up()
            if self._unknown_codes:
                # A job or family loaded since the build (reference data): read all again.
                self._build()
            return self._persons.view(), self._offers.view(), self.vocabulary

    def candidates(self, offer_id: int, *, limit=50, feasibility=None, among_ids=None, today=None):
        """The best people for the offer (None when the store does not hold it);
        `among_ids`: the persons the caller may rank (None: everyone)."""
        with self._lock:
            persons, offers, vocabulary = self.fresh()
            row = self._offers.row_of.get(offer_id)
            if row is None:
                return None
            among = _rows_of(among_ids, self._persons.row_of, len(persons))
            introduced = self._introduced_to_offer.get(offer_id, ())
            excluded = [self._persons.row_of[i] for i in introduced]
            if self._index is None:
                self._index = FamilyIndex(
                    persons.wish_family, persons.past_family, len(vocabulary.families)
                )
            return candidates_for_offer(
                persons,
                offers,
                vocabulary,
                row,
                today=_today() if today is None else today,
                limit=limit,
                feasibility=feasibility,
                among=among,
                excluded=np.array(excluded, dtype=np.int64),
                index=self._index,
            )

    def offers(
        self,
        person_id: int,
        *,
        limit=50,
        feasibility=None,
        among_ids=None,
        extra_ids=(),
        today=None,
    ):
        """The best offers for the person (None when the store does not hold them):
        published ones, or `among_ids`; `extra_ids`: offers not published that the
        caller may also rank (a club company's draft its organization writes), ranked in
        the same call, beside the published ones."""
        with self._lock:
            persons, offers, vocabulary = self.fresh()
            row = self._persons.row_of.get(person_id)
            if row is None:
                return None
            among = _rows_of(among_ids, self._offers.row_of, len(offers))
            if extra_ids:
                among = offers.published.copy() if among is None else among
                row_of = self._offers.row_of
                among[[row_of[i] for i in extra_ids if i in row_of]] = True
            excluded = [self._offers.row_of[i] for i in self._introduced_person.get(person_id, ())]
            return offers_for_person(
                persons,
                offers,
                vocabulary,
                row,
                today=_today() if today is None else today,
                limit=limit,
                feasibility=feasibility,
                among=among,
                excluded=np.array(excluded, dtype=np.int64),
            )

    @contextmanager
    def reading(self):
        """The fresh arrays, held still for the whole of the caller's computation (a
        catch-up writes into them): `with store.reading() as (persons, offers, vocab)`."""
        with self._lock:
            yield self.fresh()

    def offer_rows(self, ids) -> np.ndarray:
        """The rows of the offers `ids` the store holds (inside `reading`)."""
        row_of = self._offers.row_of
        return np.array([row_of[i] for i in ids if i in row_of], dtype=np.int64)

    @property
    def nbytes(self) -> int:
        persons, offers, vocabulary = self._persons.view(), self._offers.view(), self.vocabulary
        return persons.nbytes + offers.nbytes + vocabulary.nbytes

    # --- building --------------------------------------------------------------------

    def _build(self) -> None:
        self._watched = {
            ContentType.objects.get_for_model(model, for_concrete_model=False).pk: model
            for model in (
                Person,
                Wish,
                Experience,
                PersonBarrier,
                Pathway,
                Introduction,
                JobOffer,
                Anonymisation,
            )
        }
        # What the build reads already holds the changes committed so far: those in
        # the window are marked applied; one committed later is read at the next look.
        self._since = timezone.now()
        self._applied = dict(self._entries_since(self._since - GRACE))
        self._unknown_codes = False
        families = list(RomeFamily.objects.order_by("code").values_list("code", flat=True))
        self._family_index = {code: i for i, code in enumerate(families)}
        jobs = list(Appellation.objects.order_by("code").values_list("code", "name"))
        self._job_index = {code: i for i, (code, _) in enumerate(jobs)}
        related = np.zeros((len(families), len(families)), dtype=bool)
        for source, target in RomeMobility.objects.values_list("rome_id", "close_rome_id"):
            related[self._family_index[source], self._family_index[target]] = True
        self.vocabulary = a.Vocabulary(
            jobs=[name for _, name in jobs], families=families, related=related
        )
        self._persons = _Table(a.PersonArrays, _PERSON_COLUMNS)
        self._offers = _Table(a.OfferArrays, _OFFER_COLUMNS)
        self._owner: dict[str, dict[int, int]] = defaultdict(dict)
        self._introductions: dict[int, tuple[int, int]] = {}  # id -> (person, offer)
        self._introduced_to_offer: dict[int, set[int]] = defaultdict(set)
        self._introduced_person: dict[int, set[int]] = defaultdict(set)
        self._load_offers(JobOffer.objects.values_list("pk", flat=True))
        self._load_persons(Person.objects.active().values_list("pk", flat=True))
        self._index = None  # built at the first ranking of candidates
        self._built = True

    def _entries_since(self, moment, *, detailed=False) -> list:
        entries = AuditEntry.objects.filter(
            created_at__gte=moment, content_type_id__in=list(self._watched)
        )
        if detailed:
            return list(entries.values_list("pk", "content_type_id", "object_id", "created_at"))
        return list(entries.values_list("pk", "created_at"))

    def _catch_up(self) -> None:
        now = timezone.now()
        entries = self._entries_since(self._since - GRACE, detailed=True)
        self._since = now
        # Forget what left the window: it cannot come back.
        horizon = now - 2 * GRACE
        self._applied = {k: t for k, t in self._applied.items() if t >= horizon}
        fresh = [e for e in entries if e[0] not in self._applied]
        if not fresh:
            return
        changed: dict[type, set[int]] = defaultdict(set)
        for pk, content_type, object_id, created_at in fresh:
            self._applied[pk] = created_at
            changed[self._watched[content_type]].add(int(object_id))
        persons = set(changed[Person])
        offers = set(changed[JobOffer])
        persons |= set(
            Anonymisation.objects.filter(pk__in=changed[Anonymisation]).values_list(
                "person_id", flat=True
            )
        )
        for model, kind in _CHILDREN.items():
            ids = changed[model]
            if not ids:
                continue
            persons |= {self._owner[kind][i] for i in ids if i in self._owner[kind]}
            persons |= set(model.objects.filter(pk__in=ids).values_list("person_id", flat=True))
        if changed[Introduction]:
            for i in changed[Introduction]:
                if i in self._introductions:
                    person, offer = self._introductions[i]
                    persons.add(person)
                    offers.add(offer)
            for person, offer in Introduction.objects.filter(
                pk__in=changed[Introduction]
            ).values_list("person_id", "offer_id"):
                persons.add(person)
                offers.add(offer)
        if offers:
            self._load_offers(offers)
        if persons:
            self._load_persons(persons)

    def _job(self, code) -> int:
        index = self._job_index.get(code)
        if index is None:
            self._unknown_codes = True
            return -1
        return index

    def _family(self, code) -> int:
        index = self._family_index.get(code)
        if index is None:
            self._unknown_codes = True
            return -1
        return index

    # --- offers ----------------------------------------------------------------------

    def _load_offers(self, ids) -> None:
        for chunk in _chunks(ids):
            rows = JobOffer.objects.filter(pk__in=chunk).values(
                "pk",
                "latitude",
                "longitude",
                "appellation_id",
                "appellation__rome_id",
                "schedule_patterns",
                "hours_per_week",
                "physical_demands",
                "driving_licence_required",
                "written_french_required",
                "vehicle_required",
                "public_transport",
                "contract_type",
                "start_date",
                "positions",
                "state",
            )
            found = {r["pk"]: r for r in rows}
            table = self._offers
            present = [i for i in chunk if i in found]
            gone = [table.row_of[i] for i in chunk if i not in found and i in table.row_of]
            if gone:
                table.reset(gone)
            if not present:
                continue
            index = table.rows_for(present)
            c = table.columns
            open_counts = defaultdict(int)
            for offer in Introduction.objects.filter(
                offer_id__in=present, state__in=OPEN_INTRODUCTIONS
            ).values_list("offer_id", flat=True):
                open_counts[offer] += 1
            for row, pk in zip(index, present, strict=True):
                r = found[pk]
                family = r["appellation__rome_id"]
                if r["latitude"] is not None:
                    c["xyz"][row] = a.unit_vectors([r["latitude"]], [r["longitude"]])[0]
                c["job"][row] = self._job(r["appellation_id"])
                c["family"][row] = self._family(family)
                c["schedules"][row] = sum(
                    a.SCHEDULE_CODES.get(s, 0) for s in set(r["schedule_patterns"])
                )
                c["hours"][row] = min(r["hours_per_week"] or 0, 255)
                c["physical"][row] = sum(
                    a.PHYSICAL_CODES.get(s, 0) for s in set(r["physical_demands"])
                )
                c["licence_required"][row] = r["driving_licence_required"]
                c["vehicle_required"][row] = r["vehicle_required"]
                c["transit"][row] = a.TRANSIT_CODES.get(r["public_transport"], a.TRANSIT_UNKNOWN)
                c["written_french"][row] = r["written_french_required"]
                c["contract"][row] = (
                    a.CONTRACTS.index(r["contract_type"])
                    if r["contract_type"] in a.CONTRACTS
                    else a.NO_CONTRACT
                )
                c["start_day"][row] = a.day_of(r["start_date"])
                c["positions"][row] = min(r["positions"], 255)
                c["open_introductions"][row] = min(open_counts[pk], 65535)
                c["published"][row] = r["state"] == OfferState.PUBLISHED

    # --- persons ---------------------------------------------------------------------

    def _load_persons(self, ids) -> None:
        for chunk in _chunks(ids):
            self._load_person_chunk(chunk)
        if self._built and self._index is not None:
            self._index.touch(self._persons.row_of[i] for i in ids if i in self._persons.row_of)
            if len(self._index.dirty) > max(1_000, self._persons.size // 100):
                self._index = None  # cheaper to sort again than to check them all

    def _load_person_chunk(self, chunk) -> None:
        table = self._persons
        rows = {
            r["pk"]: r
            for r in Person.objects.active()
            .filter(pk__in=chunk)
            .values(
                "pk",
                "commune__latitude",
                "commune__longitude",
                "max_travel_km",
                "moves_by_car",
                "moves_by_public_transport",
                "moves_by_bike",
                "moves_on_foot",
                "driving_licence",
                "has_vehicle",
                "no_nights",
                "no_weekends",
                "no_early_mornings",
                "no_split_shifts",
                "wanted_contract_types",
                "wanted_hours_per_week",
                "available_from",
            )
        }
        # The owners of children are hints for later deletes (whose entry no longer
        # names the person): an outdated one only reloads a person for nothing.
        known = [i for i in chunk if i in table.row_of]
        if known:
            table.reset(table.rows_for(known))
        for pk in chunk:
            for offer in self._introduced_person.pop(pk, set()):
                self._introduced_to_offer[offer].discard(pk)
        present = [i for i in chunk if i in rows]
        if not present:
            return
        index = dict(zip(present, table.rows_for(present), strict=True))
        c = table.columns
        for pk, row in index.items():
            r = rows[pk]
            if r["commune__latitude"] is not None:
                c["xyz"][row] = a.unit_vectors([r["commune__latitude"]], [r["commune__longitude"]])[
                    0
                ]
            c["radius_km"][row] = np.nan if r["max_travel_km"] is None else r["max_travel_km"]
            c["modes"][row] = (
                a.CAR * r["moves_by_car"]
                | a.TRANSIT * r["moves_by_public_transport"]
                | a.BIKE * r["moves_by_bike"]
                | a.FOOT * r["moves_on_foot"]
            )
            c["licence"][row] = _LICENCES.get(r["driving_licence"], a.LICENCE_UNKNOWN)
            c["has_vehicle"][row] = r["has_vehicle"]
            c["limits"][row] = (
                a.NO_NIGHTS * r["no_nights"]
                | a.NO_WEEKENDS * r["no_weekends"]
                | a.NO_EARLY * r["no_early_mornings"]
                | a.NO_SPLIT * r["no_split_shifts"]
            )
            c["contracts"][row] = sum(
                1 << a.CONTRACTS.index(t)
                for t in set(r["wanted_contract_types"])
                if t in a.CONTRACTS
            )
            c["hours"][row] = min(r["wanted_hours_per_week"] or 0, 255)
            c["available_day"][row] = a.day_of(r["available_from"])
        wished = defaultdict(list)
        for pk, person, job, family in (
            # A wish still in the person's words alone names no job to rank on.
            Wish.objects.filter(person_id__in=present, appellation__isnull=False)
            .order_by("person_id", "rank", "id")
            .values_list("pk", "person_id", "appellation_id", "appellation__rome_id")
        ):
            self._owner["wish"][pk] = person
            wished[person].append((self._job(job), self._family(family)))
        for person, wishes in wished.items():
            row = index[person]
            for k, (job, family) in enumerate(wishes[: a.WISHES]):
                c["wish_job"][row, k] = job
                c["wish_family"][row, k] = family
        past = defaultdict(list)
        for pk, person, family in (
            Experience.objects.filter(person_id__in=present)
            .order_by("person_id", "-ended_year", "id")
            .values_list("pk", "person_id", "appellation__rome_id")
        ):
            self._owner["experience"][pk] = person
            if family is not None and self._family(family) not in past[person]:
                past[person].append(self._family(family))
        for person, families in past.items():
            for k, family in enumerate(families[: a.EXPERIENCES]):
                c["past_family"][index[person], k] = family
        for pk, person, code, status in PersonBarrier.objects.filter(
            person_id__in=present
        ).values_list("pk", "person_id", "item__code", "status"):
            self._owner["barrier"][pk] = person
            bit = a.BARRIER_BIT.get(code, 0)
            if status == BarrierStatus.IDENTIFIED:
                c["blocked"][index[person]] |= bit
            elif status == BarrierStatus.BEING_LIFTED:
                c["lifting"][index[person]] |= bit
        for pk, person, kind, state, started, pass_end in Pathway.objects.filter(
            person_id__in=present
        ).values_list("pk", "person_id", "kind", "state", "started_on", "pass_end"):
            self._owner["pathway"][pk] = person
            if state in ENDED_STATES:  # the person has left this pathway
                continue
            row = index[person]
            started_day = a.day_of(started)
            if c["pathway_day"][row] == a.NO_DAY or started_day < c["pathway_day"][row]:
                c["pathway_day"][row] = started_day
            if kind == PathwayKind.IAE and pass_end is not None:
                c["pass_end_day"][row] = max(c["pass_end_day"][row], a.day_of(pass_end))
        introduced = defaultdict(list)
        for pk, person, offer, created in (
            Introduction.objects.filter(person_id__in=present)
            .order_by("person_id", "-created_at")
            .values_list("pk", "person_id", "offer_id", "created_at")
        ):
            self._introductions[pk] = (person, offer)
            self._introduced_to_offer[offer].add(person)
            self._introduced_person[person].add(offer)
            introduced[person].append(a.day_of(timezone.localdate(created)))
        for person, days in introduced.items():
            row = index[person]
            c["last_introduction_day"][row] = days[0]
            c["recent_introduction_days"][row, : len(days[: a.RECENT_INTRODUCTIONS])] = days[
                : a.RECENT_INTRODUCTIONS
            ]


_store = FeatureStore()


def feature_store() -> FeatureStore:
    """This process's store."""
    return _store


def forget_feature_store() -> None:
    """Start this process's store again (built at its next use): for a process whose
    database was replaced, as between tests."""
    global _store
    _store = FeatureStore()


def today_day(value: date | None = None) -> int:
    return a.day_of(value or timezone.localdate())


def _rows_of(ids, row_of: dict, size: int):
    """The rows of `ids` as a mask over `size` rows; None (every row) when ids is None.
    Ids the store does not hold are left out."""
    if ids is None:
        return None
    mask = np.zeros(size, dtype=bool)
    mask[[row_of[i] for i in ids if i in row_of]] = True
    return mask
