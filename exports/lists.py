"""Every list a user may export, with the rows and columns they may see.

Each list reads its rows through the same selector (or `visible_to` queryset) and the
same filter form as its page, so an export of a filtered list holds the rows the page
counts, and a user exports nothing a page would not show them. The columns are those
of the page, a little wider (dates, states and names in separate cells), never what
the page hides: no barrier, health, note or contact detail of a person in any of
them, and employers (companies, employer groups) lose any column about such topics
whatever a list declares (`columns_for`).

A list is registered in `LISTS` by its name with `register`. Most lists are rows of
the database; the indicators of « Résultats » are a table computed at once
(`indicators.selectors.indicator_table`), read the same way (`Computed`)."""

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import NamedTuple

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q, QuerySet

from access.policy import Capability, active_memberships, can
from companies import selectors as company_selectors
from companies.forms import CompanySearchForm
from companies.models import ClubMembership, ContactLogEntry
from exports.columns import Column, day, moment, number, text
from exports.forms import CompanyLogFilterForm, ImmersionFilterForm, IntroductionFilterForm
from immersions.models import Immersion
from indicators.forms import filters_of_choice, results_choice
from indicators.periods import Period
from indicators.selectors import Row, indicator_table
from offers.forms import OfferFilterForm
from offers.models import Introduction
from offers.selectors import managed_companies, offers_for_list
from organizations.enums import KindGroup
from persons.forms import PersonFilterForm
from persons.selectors import list_rows, persons_for_list, scoped_pathways
from referrals import selectors as referral_selectors
from referrals.forms import InboxFilterForm, SentFilterForm

EMPLOYER_GROUPS = (KindGroup.COMPANY, KindGroup.EMPLOYER_GROUP)


@dataclass(frozen=True)
class ExportList:
    name: str
    title: str
    # (user, organization) -> whether the organization's member may export it
    allowed: Callable
    refusal: str
    # (user, organization, data: a QueryDict of the page's filters) -> rows
    rows: Callable[..., QuerySet]
    columns: tuple[Column, ...]
    # Rows read from the database at a time: a prefetch runs once per chunk.
    chunk_size: int = 2_000
    # (user, organization, data) -> the filters the export record keeps, when the query
    # leaves some implicit (a default scope, a named period); the query's own otherwise.
    recorded: Callable | None = None


class Computed:
    """Rows computed at once (a table of figures), read as an export reads a queryset."""

    def __init__(self, rows: Iterable):
        self._rows = list(rows)

    def count(self) -> int:
        return len(self._rows)

    def iterator(self, chunk_size: int | None = None) -> Iterator:
        return iter(self._rows)


LISTS: dict[str, ExportList] = {}


def register(export_list: ExportList) -> ExportList:
    LISTS[export_list.name] = export_list
    return export_list


def list_named(name: str) -> ExportList | None:
    return LISTS.get(name)


def is_employer(organization) -> bool:
    return organization is not None and organization.kind_group in EMPLOYER_GROUPS


def columns_for(export_list: ExportList, organization) -> list[Column]:
    """The list's columns for a member of `organization`: an employer never receives a
    column about a person's contact details, barriers or health."""
    if is_employer(organization):
        return [c for c in export_list.columns if c.topic is None]
    return list(export_list.columns)


NO_ORGANIZATION = "Vous n'agissez pour aucune organisation : il n'y a rien à exporter."


def authorize(export_list: ExportList, user, organization) -> None:
    if organization is None:
        raise PermissionDenied(NO_ORGANIZATION)
    if not export_list.allowed(user, organization):
        raise PermissionDenied(export_list.refusal)


def _valid(form) -> dict:
    """The filters as the page validated them; an invalid filter is refused in French
    (the page shows the same message), never ignored: an export must not hold more
    than the user asked for."""
    if not form.is_valid():
        messages = []
        for field, errors in form.errors.items():
            label = form.fields[field].label if field in form.fields else ""
            for error in errors:
                messages.append(f"{label} : {error}" if label else error)
        raise ValidationError(messages)
    return form.cleaned_data


def _may(*capabilities):
    def allowed(user, organization) -> bool:
        return any(can(user, c, organization) for c in capabilities)

    return allowed


def _anyone(user, organization) -> bool:
    return True


def _memberships_of(user, organization) -> list:
    return [m for m in active_memberships(user) if m.organization_id == organization.pk]


# --- how a person is named in a row -----------------------------------------------------


def _last_name(person) -> str:
    # An anonymised file keeps only its label, as the lists show it.
    return str(person) if person.is_anonymised else person.last_name


def _first_name(person) -> str:
    return "" if person.is_anonymised else person.first_name


def _label(choice_owner, field: str) -> str:
    return getattr(choice_owner, f"get_{field}_display")() if getattr(choice_owner, field) else ""


def _name(obj, attribute: str = "name"):
    return getattr(obj, attribute) if obj is not None else None


def _user(user) -> str:
    return (user.get_full_name() or str(user)) if user is not None else ""


def _yes(value) -> str:
    return "Oui" if value else "Non"


PERSON_NAME = (
    text("Nom", lambda row: _last_name(row.person)),
    text("Prénom", lambda row: _first_name(row.person)),
)


# --- people and pathways --------------------------------------------------------------


def _people(user, organization, data) -> QuerySet:
    form = PersonFilterForm(data)
    cleaned = _valid(form)
    people = persons_for_list(
        user, query=cleaned.get("q", ""), filters=form.filters(), organization=organization
    )
    return list_rows(people)


def _current(person):
    pathways = getattr(person, "scoped_pathways", None) or []
    return pathways[0] if pathways else None


def _first_wish(person) -> str:
    wish = (person.listed_wishes or [None])[0]
    if wish is None:
        return ""
    return wish.appellation.name if wish.appellation_id else wish.own_words


def _of_current(reader):
    def value(person):
        current = _current(person)
        return reader(current) if current is not None else None

    return value


KEEPS_PEOPLE = "Votre organisation n'accompagne ni n'oriente de personnes."

register(
    ExportList(
        name="personnes",
        title="Personnes",
        allowed=_may(Capability.FOLLOW_PERSONS, Capability.REFER_PERSONS),
        refusal=KEEPS_PEOPLE,
        rows=_people,
        columns=(
            text("Nom", lambda p: p.last_name),
            text("Prénom", lambda p: p.first_name),
            day("Date de naissance", lambda p: p.birth_date),
            text("Commune", lambda p: _name(p.commune)),
            text("Premier métier souhaité", _first_wish),
            text("Parcours en cours", _of_current(lambda w: w.get_kind_display())),
            text("Étape du parcours", _of_current(lambda w: w.get_state_display())),
            text("Structure", _of_current(lambda w: w.organization.name)),
            text("Référent·e", _of_current(lambda w: _user(w.referent))),
            day("Dernier contact", lambda p: p.last_contact_at),
            text("Consentement à recueillir", lambda p: "Oui" if p.consent_pending else ""),
        ),
    )
)


def _pathways(user, organization, data) -> QuerySet:
    """The pathways of the people the person list shows (with the same filters), seen
    from the organization: the pathway filters (step, kind) apply to each pathway."""
    form = PersonFilterForm(data)
    cleaned = _valid(form)
    filters = form.filters()
    people = persons_for_list(
        user, query=cleaned.get("q", ""), filters=filters, organization=organization
    )
    pathways = scoped_pathways(user, _memberships_of(user, organization)).filter(
        person__in=people.order_by().values("pk")
    )
    if filters.get("state"):
        pathways = pathways.filter(state=filters["state"])
    if filters.get("kind"):
        pathways = pathways.filter(kind=filters["kind"])
    if filters.get("referent") == "me":
        pathways = pathways.filter(referent=user)
    return pathways.select_related(
        "person", "organization", "prescriber_organization", "referent"
    ).order_by("person__last_name", "person__first_name", "person_id", "-started_on", "-id")


register(
    ExportList(
        name="parcours",
        title="Parcours",
        allowed=_may(Capability.FOLLOW_PERSONS, Capability.REFER_PERSONS),
        refusal=KEEPS_PEOPLE,
        rows=_pathways,
        columns=(
            *PERSON_NAME,
            text("Type de parcours", lambda w: w.get_kind_display()),
            text("Étape", lambda w: w.get_state_display()),
            text("Structure", lambda w: w.organization.name),
            text("Prescripteur", lambda w: _name(w.prescriber_organization)),
            text("Canal d'entrée", lambda w: _label(w, "entry_channel")),
            text("Référent·e", lambda w: _user(w.referent)),
            day("Début", lambda w: w.started_on),
            day("Sortie le", lambda w: w.closed_on),
            text("Catégorie de sortie", lambda w: _label(w, "exit_category")),
        ),
    )
)


# --- referrals ------------------------------------------------------------------------


def _received(user, organization, data) -> QuerySet:
    form = InboxFilterForm(
        data, prescribers=referral_selectors.inbox_prescribers(user, organization)
    )
    cleaned = _valid(form)
    return referral_selectors.inbox(
        user,
        organization,
        state=cleaned.get("etat") or "",
        channel=cleaned.get("canal") or "",
        prescriber=cleaned.get("prescripteur"),
        age=cleaned.get("anciennete") or "",
        sort=cleaned.get("tri") or "",
    ).select_related("person", "from_organization", "from_user", "wanted_job")


register(
    ExportList(
        name="orientations-recues",
        title="Orientations reçues",
        allowed=_may(Capability.FOLLOW_PERSONS),
        refusal="Votre organisation ne reçoit pas d'orientations.",
        rows=_received,
        columns=(
            *PERSON_NAME,
            text("Métier souhaité", lambda r: _name(r.wanted_job)),
            text("Orientée par", lambda r: _name(r.from_organization)),
            text("Orienteur·rice", lambda r: _user(r.from_user)),
            text("Canal", lambda r: _label(r, "channel")),
            moment("Envoyée le", lambda r: r.sent_at),
            text("État", lambda r: r.get_state_display()),
            text("Motif du refus", lambda r: _label(r, "refusal_reason")),
            moment("Répondue le", lambda r: r.answered_at),
        ),
    )
)


def _sent(user, organization, data) -> QuerySet:
    form = SentFilterForm(data)
    cleaned = _valid(form)
    since, until = form.bounds()
    return referral_selectors.sent_list(
        user, organization, state=cleaned.get("etat") or "", since=since, until=until
    ).select_related("person", "to_organization", "wanted_job", "pathway")


register(
    ExportList(
        name="orientations-envoyees",
        title="Mes orientations",
        allowed=_may(Capability.REFER_PERSONS),
        refusal="Votre organisation n'oriente pas de personnes.",
        rows=_sent,
        columns=(
            *PERSON_NAME,
            text("Métier souhaité", lambda r: _name(r.wanted_job)),
            text("Structure", lambda r: r.to_organization.name),
            moment("Envoyée le", lambda r: r.sent_at),
            text("Réponse", lambda r: r.get_state_display()),
            text("Motif du refus", lambda r: _label(r, "refusal_reason")),
            text("Parcours", lambda r: r.pathway.get_state_display() if r.pathway else None),
            day("Début du parcours", lambda r: r.pathway.started_on if r.pathway else None),
            text(
                "Sortie",
                lambda r: _label(r.pathway, "exit_category") if r.pathway else None,
            ),
            day("Sortie le", lambda r: r.pathway.closed_on if r.pathway else None),
        ),
    )
)


# --- offers and introductions -----------------------------------------------------------


def _offers(user, organization, data) -> QuerySet:
    cleaned = _valid(OfferFilterForm(data, companies=managed_companies(user)))
    return offers_for_list(
        user,
        state=cleaned.get("etat") or "",
        appellation=cleaned.get("metier"),
        company=cleaned.get("entreprise"),
    )


register(
    ExportList(
        name="offres",
        title="Offres d'emploi",
        allowed=_anyone,  # the list is what the user's organizations manage, maybe nothing
        refusal=NO_ORGANIZATION,
        rows=_offers,
        columns=(
            text("Offre", lambda o: o.title),
            text("Employeur", lambda o: o.company.name),
            text("SIRET", lambda o: o.company.siret),
            text("Lieu", lambda o: _name(o.commune)),
            text("Métier", lambda o: _name(o.appellation)),
            text("Contrat", lambda o: _label(o, "contract_type")),
            number("Postes", lambda o: o.positions),
            text("État", lambda o: o.get_state_display()),
            text("Structure", lambda o: _name(o.organization)),
            moment("Publiée le", lambda o: o.published_at),
            moment("Mise à jour", lambda o: o.last_updated_at),
        ),
    )
)


def _introductions(user, organization, data) -> QuerySet:
    """An employer's: those to its company's offers (the employer space's); a
    structure's: those it made, and those to the offers it holds or wrote."""
    cleaned = _valid(IntroductionFilterForm(data))
    if is_employer(organization):
        rows = Introduction.objects.for_employer(user).filter(
            offer__company__organization=organization
        )
    else:
        rows = Introduction.objects.visible_to(user).filter(
            Q(introduced_by=organization)
            | Q(offer__organization=organization)
            | Q(offer__written_by_organization=organization)
        )
    if cleaned.get("etat"):
        rows = rows.filter(state=cleaned["etat"])
    if cleaned.get("du"):
        rows = rows.filter(created_at__date__gte=cleaned["du"])
    if cleaned.get("au"):
        rows = rows.filter(created_at__date__lte=cleaned["au"])
    return rows.select_related("person", "offer__company", "introduced_by").order_by(
        "-created_at", "-id"
    )


register(
    ExportList(
        name="mises-en-relation",
        title="Mises en relation",
        allowed=_may(Capability.MANAGE_OFFERS, Capability.FOLLOW_PERSONS),
        refusal="Votre organisation ne fait ni ne reçoit de mises en relation.",
        rows=_introductions,
        columns=(
            *PERSON_NAME,
            text("Offre", lambda i: i.offer.title),
            text("Employeur", lambda i: i.offer.company.name),
            text("Présentée par", lambda i: i.introduced_by.name),
            moment("Proposée le", lambda i: i.created_at),
            moment("Envoyée le", lambda i: i.sent_at),
            text("État", lambda i: i.get_state_display()),
            text("Motif", lambda i: _label(i, "decline_reason")),
            day("Entretien le", lambda i: i.interview_on),
            day("Embauche le", lambda i: i.starts_on),
        ),
    )
)


# --- companies, the club, the contact log -------------------------------------------------

RELATES = "Votre organisation ne gère pas de relations avec les entreprises."


def _companies(user, organization, data) -> QuerySet:
    form = CompanySearchForm(data, tags=company_selectors.tag_labels(organization))
    cleaned = _valid(form)
    return company_selectors.company_search(
        user,
        organization,
        q=cleaned["q"],
        division=cleaned["secteur"],
        commune=cleaned["commune"],
        radius_km=cleaned["rayon"],
        club_only=cleaned["club"],
        tag=cleaned["etiquette"],
        due_only=cleaned["a_relancer"],
    )


register(
    ExportList(
        name="entreprises",
        title="Entreprises",
        allowed=_may(Capability.RELATE_WITH_COMPANIES),
        refusal=RELATES,
        rows=_companies,
        columns=(
            text("Entreprise", lambda c: c.name),
            text("SIRET", lambda c: c.siret),
            text("Code NAF", lambda c: c.naf_code),
            text("Secteur", lambda c: c.naf_label),
            text("Effectif", lambda c: _label(c, "size_band")),
            text("Commune", lambda c: _name(c.commune)),
            text("Club", lambda c: c.club_engagement),
            day("Prochaine étape le", lambda c: c.next_due),
            text("Étiquettes", lambda c: ", ".join(t.label for t in c.org_tags)),
        ),
    )
)


def _club(user, organization, data) -> QuerySet:
    return (
        ClubMembership.objects.visible_to(user)
        .of(organization)
        .select_related("company__commune")
        .order_by("company__name", "id")
    )


register(
    ExportList(
        name="club",
        title="Club d'entreprises",
        allowed=_may(Capability.RELATE_WITH_COMPANIES),
        refusal=RELATES,
        rows=_club,
        columns=(
            text("Entreprise", lambda m: m.company.name),
            text("SIRET", lambda m: m.company.siret),
            text("Secteur", lambda m: m.company.naf_label),
            text("Commune", lambda m: _name(m.company.commune)),
            text("Engagement", lambda m: m.get_engagement_display()),
            day("Membre depuis", lambda m: m.since),
        ),
    )
)


def _contact_log(user, organization, data) -> QuerySet:
    cleaned = _valid(CompanyLogFilterForm(data))
    entries = ContactLogEntry.objects.visible_to(user).of(organization)
    if cleaned.get("entreprise"):
        entries = entries.filter(company_id=cleaned["entreprise"])
    if cleaned.get("du"):
        entries = entries.filter(occurred_on__gte=cleaned["du"])
    if cleaned.get("au"):
        entries = entries.filter(occurred_on__lte=cleaned["au"])
    return entries.select_related("company", "contact", "by").order_by("-occurred_on", "-id")


register(
    ExportList(
        name="echanges",
        title="Journal des échanges",
        allowed=_may(Capability.RELATE_WITH_COMPANIES),
        refusal=RELATES,
        rows=_contact_log,
        columns=(
            day("Date", lambda e: e.occurred_on),
            text("Entreprise", lambda e: e.company.name),
            text("SIRET", lambda e: e.company.siret),
            text("Type d'échange", lambda e: e.get_kind_display()),
            text("Avec", lambda e: str(e.contact) if e.contact else None),
            text("Par", lambda e: _user(e.by)),
            text("Ce qui s'est dit", lambda e: e.summary),
            text("Prochaine étape", lambda e: e.next_step),
            day("À faire pour le", lambda e: e.next_step_due),
            text("Étape faite", lambda e: _yes(e.next_step_done) if e.next_step else None),
        ),
    )
)


# --- immersions -------------------------------------------------------------------------


def _immersions(user, organization, data) -> QuerySet:
    cleaned = _valid(ImmersionFilterForm(data))
    rows = Immersion.objects.visible_to(user).filter(organization=organization)
    if cleaned.get("personne"):
        rows = rows.filter(person_id=cleaned["personne"])
    if cleaned.get("du"):
        rows = rows.filter(end_on__gte=cleaned["du"])
    if cleaned.get("au"):
        rows = rows.filter(start_on__lte=cleaned["au"])
    return rows.select_related("person", "company", "appellation").order_by("-start_on", "-id")


register(
    ExportList(
        name="immersions",
        title="Immersions",
        allowed=_may(Capability.FOLLOW_PERSONS),
        refusal="Votre organisation n'accompagne pas de personnes.",
        rows=_immersions,
        columns=(
            *PERSON_NAME,
            text("Entreprise", lambda i: i.company.name),
            text("Métier découvert", lambda i: _name(i.appellation)),
            text("Objectif", lambda i: i.get_objective_display()),
            day("Début", lambda i: i.start_on),
            day("Fin", lambda i: i.end_on),
            text("Tuteur ou tutrice", lambda i: i.tutor_name),
            text("Savoir-faire", lambda i: _label(i, "rating_skills")),
            text("Savoir-être", lambda i: _label(i, "rating_attitude")),
            text("Motivation", lambda i: _label(i, "rating_motivation")),
            text("A débouché sur une embauche", lambda i: _label(i, "outcome")),
        ),
    )
)


# --- the indicators of « Résultats » ------------------------------------------------------


class IndicatorLine(NamedTuple):
    row: Row
    period: Period
    previous: Period


def _indicators(user, organization, data) -> Computed:
    """Every indicator of the scope and period the page's filters name, as the page shows
    them (« moins de 5 » across organizations, « pas encore de données »), beside the
    raw numbers; 404 for a scope the user may not read, as on the page."""
    form, scope, period = results_choice(user, organization, data)
    if form.is_bound:
        _valid(form)
    previous = period.previous()
    return Computed(IndicatorLine(row, period, previous) for row in indicator_table(scope, period))


def _indicators_recorded(user, organization, data) -> dict:
    _, scope, period = results_choice(user, organization, data)
    return filters_of_choice(scope, period)


register(
    ExportList(
        name="indicateurs",
        title="Indicateurs de « Résultats »",
        allowed=_anyone,
        refusal="",
        rows=_indicators,
        recorded=_indicators_recorded,
        columns=(
            text("Code", lambda i: i.row.code),
            text("Rubrique", lambda i: i.row.section.value),
            text("Tableau", lambda i: i.row.breakdown),
            text("Indicateur", lambda i: i.row.label),
            text("Unité", lambda i: i.row.unit.value),
            day("Du", lambda i: i.period.start),
            day("Au", lambda i: i.period.end),
            text("Valeur", lambda i: i.row.shown),
            text("Valeur de la période précédente", lambda i: i.row.previous_shown),
            number("Nombre", lambda i: i.row.value),
            number("Nombre de la période précédente", lambda i: i.row.previous_value),
            day("Période précédente du", lambda i: i.previous.start),
            day("Période précédente au", lambda i: i.previous.end),
            text("Définition", lambda i: i.row.definition),
        ),
    )
)
