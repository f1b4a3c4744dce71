"""Persons in the API: the same people, facts and rules as the person pages. A stranger
gets 404; a prescriber (milestones) gets the identity only; the team gets the rest."""

from datetime import date, datetime
from typing import Annotated

from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema, Status
from ninja.errors import HttpError
from ninja.pagination import paginate

from access.policy import Capability, active_memberships, membership_can
from api.pagination import PageNumber
from api.schemas import (
    Choice,
    Email,
    Id,
    PatchSchema,
    SafeDate,
    Text,
    checked_by,
    errors,
)
from audit.reads import log_sensitive_read
from jobs.models import Appellation
from lib.phone import check_phone
from persons import services
from persons.access import Level, access_level, person_for
from persons.duplicates import DUPLICATE_MESSAGE, DuplicatePersonError, likely_duplicates
from persons.enums import ConsentMethod, ContractType, DrivingLicence, EducationLevel
from persons.models import WISH_WORDS_MAX, Person
from persons.selectors import person_summary, persons_for_list
from territories.models import Commune

router = Router(tags=["persons"])


def _born(day: date | None) -> None:
    if day is not None and day >= date.today():
        raise ValidationError("La date de naissance doit être passée.")


# The same checks as the identity form.
BirthDate = Annotated[SafeDate, checked_by(_born)]
Phone = Annotated[Text(30), checked_by(check_phone)]


# --- schemas ----------------------------------------------------------------------------


class CurrentPathwayOut(Schema):
    id: int
    kind: str
    kind_label: str
    state: str
    state_label: str
    organization: str
    referent: str | None


class PersonListItemOut(Schema):
    id: int
    first_name: str
    last_name: str
    birth_date: date | None
    commune_code: str | None = Field(None, alias="commune_id")
    commune_name: str | None
    current_pathway: CurrentPathwayOut | None
    last_contact_at: datetime | None

    @staticmethod
    def resolve_commune_name(person) -> str | None:
        return person.commune.name if person.commune else None

    @staticmethod
    def resolve_current_pathway(person) -> dict | None:
        """The same pathway as the list page shows: the first of `scoped_pathways`."""
        current = person.scoped_pathways[0] if person.scoped_pathways else None
        if current is None:
            return None
        return {
            "id": current.pk,
            "kind": current.kind,
            "kind_label": current.get_kind_display(),
            "state": current.state,
            "state_label": current.get_state_display(),
            "organization": current.organization.name,
            "referent": str(current.referent) if current.referent else None,
        }


class WishOut(Schema):
    id: int
    rank: int
    appellation_code: str | None = Field(
        description="Null tant que le souhait n'est dit que dans les mots de la personne."
    )
    appellation_name: str | None
    own_words: str


class ExperienceOut(Schema):
    id: int
    appellation_code: str | None = None
    appellation_name: str | None = None
    description: str
    employer: str
    duration_months: int | None = None
    ended_year: int | None = None
    skills: str


class SituationOut(Schema):
    education_level: str
    receives_rsa: bool
    receives_ass: bool
    receives_aah: bool | None = None
    other_benefits: str
    ft_registered: bool
    ft_identifier: str
    ft_registered_since: date | None = None
    disabled_worker: bool | None = None


class MobilityOut(Schema):
    driving_licence: str
    has_vehicle: bool
    moves_by_car: bool
    moves_by_public_transport: bool
    moves_by_bike: bool
    moves_on_foot: bool
    max_travel_km: int | None = None


class AvailabilityOut(Schema):
    available_from: date | None = None
    no_nights: bool
    no_weekends: bool
    no_early_mornings: bool
    no_split_shifts: bool
    wanted_contract_types: list[str]
    wanted_hours_per_week: int | None = None


class PersonOut(Schema):
    id: int
    level: str = Field(description="« team » (tout le dossier) ou « milestones » (identité)")
    first_name: str
    last_name: str
    birth_date: date | None = None
    commune_code: str | None = None
    commune_name: str | None = None
    email: str | None = None
    phone: str | None = None
    address: str | None = None
    situation: SituationOut | None = None
    mobility: MobilityOut | None = None
    availability: AvailabilityOut | None = None
    wishes: list[WishOut] | None = None
    experiences: list[ExperienceOut] | None = None
    consent_pending: bool | None = Field(
        None,
        description="Vrai tant que le consentement est « à recueillir au prochain rendez-vous ».",
    )


class PersonIn(Schema):
    first_name: Text(150, min_length=1)
    last_name: Text(150, min_length=1)
    birth_date: BirthDate | None = None
    email: Email = ""
    phone: Phone = ""
    address: Text(255) = ""
    commune_code: Text(5) | None = None
    consent_given: bool = Field(
        description="La personne accepte le traitement de ses données pour son accompagnement."
    )
    consent_method: Choice(ConsentMethod) = ConsentMethod.ORAL
    consent_later: bool = Field(
        False,
        description="Avec consent_given à false : le consentement sera recueilli au prochain "
        "rendez-vous. D'ici là le dossier reste dans votre structure (pas d'orientation, de "
        "partage, de document ni de frein sensible).",
    )
    organization_id: Id | None = Field(
        None, description="L'organisation qui crée le dossier ; la première qui le peut sinon."
    )
    confirm_not_duplicate: bool = False


class PersonPatch(PatchSchema):
    first_name: Text(150, min_length=1) = None
    last_name: Text(150, min_length=1) = None
    birth_date: BirthDate | None = None
    email: Email | None = None
    phone: Phone | None = None
    address: Text(255) | None = None
    commune_code: Text(5) | None = None
    education_level: Choice(EducationLevel, blank=True) = None
    receives_rsa: bool = None
    receives_ass: bool = None
    receives_aah: bool = None
    other_benefits: Text(255) | None = None
    ft_registered: bool = None
    ft_identifier: Text(20) | None = None
    ft_registered_since: SafeDate | None = None
    disabled_worker: bool = None
    driving_licence: Choice(DrivingLicence, blank=True) = None
    has_vehicle: bool = None
    moves_by_car: bool = None
    moves_by_public_transport: bool = None
    moves_by_bike: bool = None
    moves_on_foot: bool = None
    max_travel_km: Annotated[int, Field(ge=0, le=300)] | None = None
    available_from: SafeDate | None = None
    no_nights: bool = None
    no_weekends: bool = None
    no_early_mornings: bool = None
    no_split_shifts: bool = None
    wanted_contract_types: list[Choice(ContractType)] = None
    wanted_hours_per_week: Annotated[int, Field(ge=0, le=168)] | None = None


class WishIn(Schema):
    appellation_code: Text(10) | None = Field(
        None,
        description="Le métier du ROME ; absent si le souhait n'est encore dit que dans les "
        "mots de la personne (own_words est alors obligatoire).",
    )
    own_words: Text() = Field(
        "",
        description=f"Les mots de la personne, {WISH_WORDS_MAX} caractères au plus : au-delà, "
        "le souhait est refusé (400), jamais coupé.",
    )


class PersonDuplicateOut(Schema):
    detail: str
    matches: list[int]
    elsewhere: bool


# --- helpers ----------------------------------------------------------------------------


def _person(request, person_id: int, needed: Level = Level.TEAM) -> tuple[Person, Level]:
    return person_for(request.user, person_id, needed=needed)


def _sees_health(user) -> bool:
    return any(membership_can(m, Capability.SEE_BARRIERS) for m in active_memberships(user))


def _wish_out(wish) -> dict:
    return {
        "id": wish.pk,
        "rank": wish.rank,
        "appellation_code": wish.appellation_id,
        "appellation_name": wish.appellation.name if wish.appellation_id else None,
        "own_words": wish.own_words,
    }


def _person_out(request, person: Person, level: Level) -> dict:
    out = {
        "id": person.pk,
        "level": "team" if level >= Level.TEAM else "milestones",
        "first_name": person.first_name,
        "last_name": person.last_name,
        "birth_date": person.birth_date,
        "commune_code": person.commune_id,
        "commune_name": person.commune.name if person.commune else None,
    }
    if level < Level.TEAM:
        return out
    out["consent_pending"] = person.consent_pending
    summary = person_summary(person)
    sees_health = _sees_health(request.user)
    if sees_health and (person.disabled_worker or person.receives_aah):
        log_sensitive_read(
            user=request.user, person=person, what="situation : RQTH, AAH", path=request.path
        )
    situation = {field: getattr(person, field) for field in SituationOut.model_fields}
    if not sees_health:
        situation["receives_aah"] = situation["disabled_worker"] = None
    out.update(
        email=person.email,
        phone=person.phone,
        address=person.address,
        situation=situation,
        mobility={field: getattr(person, field) for field in MobilityOut.model_fields},
        availability={field: getattr(person, field) for field in AvailabilityOut.model_fields},
        wishes=[_wish_out(w) for w in summary["wishes"]],
        experiences=[
            {
                "id": e.pk,
                "appellation_code": e.appellation_id,
                "appellation_name": e.appellation.name if e.appellation else None,
                "description": e.description,
                "employer": e.employer,
                "duration_months": e.duration_months,
                "ended_year": e.ended_year,
                "skills": e.skills,
            }
            for e in summary["experiences"]
        ],
    )
    return out


def _commune(code: str | None):
    if not code:
        return None
    commune = Commune.objects.filter(pk=code).first()
    if commune is None:
        raise HttpError(400, f"Commune inconnue : « {code} ».")
    return commune


def _creating_organization(user, organization_id: int | None):
    for membership in active_memberships(user):
        if organization_id and membership.organization_id != organization_id:
            continue
        if membership_can(membership, Capability.FOLLOW_PERSONS) or membership_can(
            membership, Capability.REFER_PERSONS
        ):
            return membership.organization
    raise PermissionDenied("Votre organisation n'accompagne ni n'oriente de personnes.")


# --- endpoints --------------------------------------------------------------------------


@router.get("/persons", response=list[PersonListItemOut], summary="Personnes suivies ou orientées")
@paginate(PageNumber)
def person_list(request, q: Text(100) = ""):
    """Les personnes que vos organisations suivent ou ont orientées, cherchées par nom
    (`?q=`, sans accents, mots dans n'importe quel ordre)."""
    return persons_for_list(request.user, query=q)


@router.post(
    "/persons",
    response={201: PersonOut, 409: PersonDuplicateOut, **errors(400, 403)},
    exclude_none=True,
    summary="Créer le dossier d'une personne",
)
def person_create(request, payload: PersonIn):
    """Crée le dossier avec le consentement de la personne. Si un dossier semble déjà
    exister, répond 409 avec les dossiers que vous pouvez voir (`matches`) et
    `elsewhere` si un dossier similaire existe dans une autre structure ; renvoyez
    avec `"confirm_not_duplicate": true` s'il s'agit d'une autre personne."""
    organization = _creating_organization(request.user, payload.organization_id)
    if not payload.consent_given and not payload.consent_later:
        # consent_later (to be collected at the next meeting) is the other way: see PersonIn.
        raise HttpError(400, "Le consentement de la personne est obligatoire.")
    if payload.consent_method not in (ConsentMethod.ORAL, ConsentMethod.WRITTEN):
        raise HttpError(
            400, "Le consentement est recueilli à l'oral (oral) ou par écrit (written)."
        )
    data = payload.dict(
        include={"first_name", "last_name", "birth_date", "email", "phone", "address"}
    )
    data["commune"] = _commune(payload.commune_code)
    if not payload.confirm_not_duplicate:
        duplicates = _duplicates(request.user, data)
        if duplicates is not None:
            return duplicates
    try:
        person = services.person_create(
            organization=organization,
            user=request.user,
            data=data,
            consent_method=payload.consent_method,
            consent_pending=not payload.consent_given,
            homonym_confirmed=payload.confirm_not_duplicate,
        )
    except DuplicatePersonError:
        # Created at the same moment by another request: the same answer as above.
        return _duplicates(request.user, data) or Status(
            409, {"detail": DUPLICATE_MESSAGE, "matches": [], "elsewhere": True}
        )
    return Status(201, _person_out(request, person, access_level(request.user, person)))


def _duplicates(user, data: dict):
    """The 409 answer when records look like the one described, else None."""
    found = likely_duplicates(**{k: v for k, v in data.items() if k not in {"address", "commune"}})
    visible = list(
        Person.objects.visible_to(user)
        .filter(pk__in=found.values("pk"))
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    elsewhere = found.exclude(pk__in=visible).exists()
    if not (visible or elsewhere):
        return None
    return Status(409, {"detail": DUPLICATE_MESSAGE, "matches": visible, "elsewhere": elsewhere})


@router.get(
    "/persons/{person_id}",
    response={200: PersonOut, **errors(403, 404)},
    exclude_none=True,
    summary="Dossier d'une personne",
)
def person_detail(request, person_id: Id):
    """Le prescripteur (grandes étapes) reçoit l'identité ; l'équipe reçoit aussi la
    situation, la mobilité, les disponibilités, les métiers souhaités et les expériences."""
    person, level = _person(request, person_id, needed=Level.MILESTONES)
    return _person_out(request, person, level)


@router.patch(
    "/persons/{person_id}",
    response={200: PersonOut, **errors(400, 403, 404)},
    exclude_none=True,
    summary="Modifier un dossier",
)
def person_update(request, person_id: Id, payload: PersonPatch):
    person, level = _person(request, person_id)
    data = payload.dict(exclude_unset=True)
    if "commune_code" in data:
        data["commune"] = _commune(data.pop("commune_code"))
    if not set(data.get("wanted_contract_types") or []) <= set(ContractType.values):
        raise HttpError(400, "Type de contrat inconnu.")
    health = {"receives_aah", "disabled_worker"} & set(data)
    if health and not _sees_health(request.user):
        raise PermissionDenied("Votre organisation ne voit pas ces informations.")
    for field in ("email", "phone", "address", "other_benefits", "ft_identifier"):
        if field in data and data[field] is None:
            data[field] = ""
    services.person_update(
        person=person, data=data, actor=request.user, title="Dossier mis à jour (API)"
    )
    return _person_out(request, person, level)


@router.get(
    "/persons/{person_id}/wishes",
    response={200: list[WishOut], **errors(403, 404)},
    summary="Métiers souhaités, dans l'ordre",
)
def wish_list(request, person_id: Id):
    person, _ = _person(request, person_id)
    return [_wish_out(w) for w in person_summary(person)["wishes"]]


@router.post(
    "/persons/{person_id}/wishes",
    response={201: WishOut, **errors(400, 403, 404)},
    summary="Ajouter un métier souhaité",
)
def wish_create(request, person_id: Id, payload: WishIn):
    person, _ = _person(request, person_id)
    wish = services.wish_add(
        person=person,
        appellation=_appellation(payload.appellation_code),
        own_words=payload.own_words,
        actor=request.user,
    )
    return Status(201, _wish_out(wish))


def _appellation(code: str | None):
    if not code:
        return None
    appellation = Appellation.objects.filter(pk=code).first()
    if appellation is None:
        raise HttpError(400, f"Métier inconnu : « {code} ».")
    return appellation


@router.put(
    "/persons/{person_id}/wishes/{wish_id}",
    response={200: WishOut, **errors(400, 403, 404)},
    summary="Relier un souhait à un métier, ou le reformuler",
)
def wish_replace(request, person_id: Id, wish_id: Id, payload: WishIn):
    """Le souhait prend le métier et les mots envoyés (un souhait noté en ses mots est
    ainsi relié plus tard à un métier du ROME)."""
    person, _ = _person(request, person_id)
    wish = get_object_or_404(person.wishes.select_related("appellation"), pk=wish_id)
    wish = services.wish_update(
        wish=wish,
        appellation=_appellation(payload.appellation_code),
        own_words=payload.own_words,
        actor=request.user,
    )
    return _wish_out(wish)


@router.delete(
    "/persons/{person_id}/wishes/{wish_id}",
    response={204: None, **errors(403, 404)},
    summary="Retirer un métier",
)
def wish_delete(request, person_id: Id, wish_id: Id):
    person, _ = _person(request, person_id)
    services.wish_remove(wish=get_object_or_404(person.wishes, pk=wish_id), actor=request.user)
    return Status(204, None)
