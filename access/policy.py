"""Who may see and do what. The one place that answers it, per organization kind and
role; views, API handlers and navigation ask here instead of testing kinds themselves.

Reading *which rows* a user may see is the job of each model's `visible_to(user)`;
this module says *which capabilities* a membership grants.
"""

from enum import StrEnum

from django.core.exceptions import PermissionDenied

from organizations.enums import KIND_GROUPS, KindGroup, OrganizationKind, Role
from persons.levels import Level


class Capability(StrEnum):
    VIEW_ORGANIZATION = "view_organization"  # its page, members, activity
    MANAGE_MEMBERS = "manage_members"  # invite, remove, change roles
    EDIT_ORGANIZATION = "edit_organization"
    FOLLOW_PERSONS = "follow_persons"  # hold pathways, see the people followed
    REFER_PERSONS = "refer_persons"  # send referrals
    SEE_BARRIERS = "see_barriers"  # barriers and health details (with the team)
    MANAGE_OFFERS = "manage_offers"
    RELATE_WITH_COMPANIES = "relate_with_companies"  # club, contact log
    VIEW_AGGREGATES = "view_aggregates"  # figures per territory, no names
    # The needs of a territory: open positions, wishes and barriers counted over every
    # person of an area (names only of the people the user follows).
    VIEW_TERRITORY_NEEDS = "view_territory_needs"
    MANAGE_PERSONAL_DATA = "manage_personal_data"  # export a person's data, erase a file
    # The same, for the files the organization created itself, whether it follows the
    # person or only referred them (see `retention.access`).
    MANAGE_PERSONAL_DATA_OF_OWN_RECORDS = "manage_personal_data_of_own_records"
    # Be added to a person's pathway team and then read their file (identity and contact,
    # plan, notes, documents, the team's timeline; barriers with SEE_BARRIERS).
    JOIN_TEAMS = "join_teams"
    # Be added to a pathway team and then read the milestones only (identity, pathway
    # steps, entry and exit), like the prescriber who referred the person.
    JOIN_TEAMS_FOR_MILESTONES = "join_teams_for_milestones"
    # Success stories (« belles histoires »): drafted by the structure that holds the
    # pathway, published by its admins after review.
    WRITE_STORIES = "write_stories"
    REVIEW_STORIES = "review_stories"
    # Receive referrals to the organization's services (inbox, worklist) and answer them.
    ANSWER_SERVICE_REFERRALS = "answer_service_referrals"
    # Make the IAE eligibility diagnosis that an inclusion employer relies on: the
    # structures themselves, and the authorised prescribers (« prescripteurs habilités »).
    DIAGNOSE_ELIGIBILITY = "diagnose_eligibility"
    # Host immersions: see those in the company (or the employer group's member
    # companies) as an employer sees a person, and fill the end assessment.
    HOST_IMMERSIONS = "host_immersions"
    # Start a working group on an employment area and its action sheets (seed 001):
    # the prescribers, structures, partner services and coordinators, not the employers
    # (they join a group, or a partnership, started by another).
    LEAD_WORKING_GROUPS = "lead_working_groups"


_ALL_GROUPS = frozenset(KindGroup)
_ACCOMPANYING = frozenset({KindGroup.INCLUSION_EMPLOYER, KindGroup.EMPLOYMENT_HUB})
_EMPLOYERS = frozenset({KindGroup.COMPANY, KindGroup.EMPLOYER_GROUP, KindGroup.INCLUSION_EMPLOYER})

# capability -> (organization kind groups that may hold it, roles within them)
RULES: dict[Capability, tuple[frozenset, frozenset]] = {
    Capability.VIEW_ORGANIZATION: (_ALL_GROUPS, frozenset(Role)),
    Capability.MANAGE_MEMBERS: (_ALL_GROUPS, frozenset({Role.ADMIN})),
    Capability.EDIT_ORGANIZATION: (_ALL_GROUPS, frozenset({Role.ADMIN})),
    Capability.FOLLOW_PERSONS: (_ACCOMPANYING, frozenset(Role)),
    Capability.REFER_PERSONS: (
        _ACCOMPANYING | {KindGroup.PRESCRIBER, KindGroup.PARTNER_SERVICE},
        frozenset(Role),
    ),
    # Employers (companies, GE) never see barriers; prescribers see milestones only.
    Capability.SEE_BARRIERS: (_ACCOMPANYING | {KindGroup.PARTNER_SERVICE}, frozenset(Role)),
    Capability.MANAGE_OFFERS: (_EMPLOYERS | {KindGroup.EMPLOYMENT_HUB}, frozenset(Role)),
    Capability.RELATE_WITH_COMPANIES: (_ACCOMPANYING, frozenset(Role)),
    Capability.VIEW_AGGREGATES: (
        frozenset({KindGroup.COORDINATOR}) | _ACCOMPANYING,
        frozenset(Role),
    ),
    # Employers never: counts of barriers over a small area would tell them of people
    # they may hire.
    Capability.VIEW_TERRITORY_NEEDS: (
        _ACCOMPANYING | {KindGroup.PRESCRIBER, KindGroup.PARTNER_SERVICE, KindGroup.COORDINATOR},
        frozenset(Role),
    ),
    # The admins of the structures that follow people answer their GDPR requests.
    Capability.MANAGE_PERSONAL_DATA: (_ACCOMPANYING, frozenset({Role.ADMIN})),
    # An organization that created a person's record holds it, whatever its kind: once
    # the referral expired (no structure follows the person), its admins are the only
    # ones left to answer the person. Only the kinds that may create records (they refer
    # people); employers and coordinators never hold a file.
    Capability.MANAGE_PERSONAL_DATA_OF_OWN_RECORDS: (
        _ACCOMPANYING | {KindGroup.PRESCRIBER, KindGroup.PARTNER_SERVICE},
        frozenset({Role.ADMIN}),
    ),
    # The team wall. Employers (companies, employer groups) never join a team: what a
    # person confides to the structure (family, health, justice) must not reach someone
    # who may hire or dismiss them. Coordinators and funders never either: they see
    # figures, not people. Accompanying structures and partner services (who lift
    # barriers) join with the team's view. Prescribers may join, for the milestones
    # only: the RSA referent of the département or the SPIP counsellor needs to know
    # where the pathway stands to do their own job, not what was said in the interviews —
    # the same view as when they referred the person.
    Capability.JOIN_TEAMS: (_ACCOMPANYING | {KindGroup.PARTNER_SERVICE}, frozenset(Role)),
    Capability.JOIN_TEAMS_FOR_MILESTONES: (frozenset({KindGroup.PRESCRIBER}), frozenset(Role)),
    # The structures that hold pathways tell their stories; an admin publishes them, as
    # the one who answers for what the structure says in public.
    Capability.WRITE_STORIES: (_ACCOMPANYING, frozenset(Role)),
    Capability.REVIEW_STORIES: (_ACCOMPANYING, frozenset({Role.ADMIN})),
    # Partner services (a garage solidaire, a crèche…) answer what is sent to them. An
    # accompanying structure that added a service of its own answers from its worklist.
    Capability.ANSWER_SERVICE_REFERRALS: (frozenset({KindGroup.PARTNER_SERVICE}), frozenset(Role)),
    # The structures diagnose the people they take on; the authorised prescribers
    # (`KIND_RULES`) diagnose before referring, so the structure does not do it again.
    Capability.DIAGNOSE_ELIGIBILITY: (_ACCOMPANYING, frozenset(Role)),
    Capability.HOST_IMMERSIONS: (_EMPLOYERS, frozenset(Role)),
    Capability.LEAD_WORKING_GROUPS: (
        _ACCOMPANYING | {KindGroup.PRESCRIBER, KindGroup.PARTNER_SERVICE, KindGroup.COORDINATOR},
        frozenset(Role),
    ),
}


# The prescribers authorised (« habilités ») to make the IAE eligibility diagnosis, whose
# diagnosis a structure takes as it is (domain.md): France Travail, Cap emploi, the
# missions locales, the département's social services, and the others authorised by
# the prefect. CCAS, PLIE and SPIP refer people but need an authorisation of their own.
AUTHORISED_PRESCRIBERS = frozenset(
    {
        OrganizationKind.FRANCE_TRAVAIL,
        OrganizationKind.CAP_EMPLOI,
        OrganizationKind.MISSION_LOCALE,
        OrganizationKind.DEPARTEMENT,
        OrganizationKind.OTHER_PRESCRIBER,
    }
)

# capability -> organization kinds that hold it besides the groups of `RULES` (a
# capability that only some kinds of a group hold), with the roles of `RULES`.
KIND_RULES: dict[Capability, frozenset] = {
    Capability.DIAGNOSE_ELIGIBILITY: AUTHORISED_PRESCRIBERS,
}


def _kind_may(kind: str, capability: Capability) -> bool:
    groups, _ = RULES[capability]
    return KIND_GROUPS.get(kind) in groups or kind in KIND_RULES.get(capability, ())


def membership_can(membership, capability: Capability) -> bool:
    if membership is None or not membership.is_active:
        return False
    _, roles = RULES[capability]
    return _kind_may(membership.organization.kind, capability) and membership.role in roles


def can(user, capability: Capability, organization) -> bool:
    """Whether `user`, acting for `organization`, holds `capability`."""
    if not user.is_authenticated or organization is None:
        return False
    membership = next((m for m in _memberships(user) if m.organization_id == organization.pk), None)
    return membership_can(membership, capability)


def require(user, capability: Capability, organization) -> None:
    if not can(user, capability, organization):
        raise PermissionDenied("Votre rôle dans cette organisation ne permet pas cette action.")


def team_level(membership) -> Level:
    """The level on a person that a seat on their pathway team gives to a user acting
    for `membership`'s organization: computed from that organization's capabilities
    today, so a seat left by someone who changed organization (or whose organization
    changed kind) gives nothing."""
    if membership_can(membership, Capability.JOIN_TEAMS):
        return Level.TEAM
    if membership_can(membership, Capability.JOIN_TEAMS_FOR_MILESTONES):
        return Level.MILESTONES
    return Level.NONE


def kind_holds(kind: str, capability: Capability) -> bool:
    """Whether every member of an organization of `kind` holds `capability`, whatever
    their role: what a table of accesses kept per organization (`access.models`) can
    express. Asked of a capability granted to some roles only, it refuses."""
    _, roles = RULES[capability]
    if roles != frozenset(Role):
        raise ValueError(f"{capability} depends on the role: not an organization's right.")
    return _kind_may(kind, capability)


def kinds_with(capability: Capability) -> list[str]:
    """The organization kinds whose members (of some role) hold `capability`: for the
    choices of a form, which the services check again."""
    return [kind for kind in KIND_GROUPS if _kind_may(kind, capability)]


def kinds_joining_teams() -> list[str]:
    return sorted(
        set(kinds_with(Capability.JOIN_TEAMS))
        | set(kinds_with(Capability.JOIN_TEAMS_FOR_MILESTONES))
    )


def capabilities(membership) -> set[Capability]:
    return {c for c in Capability if membership_can(membership, c)}


def _memberships(user):
    # Cached on the user object for the request: navigation asks many times.
    cached = getattr(user, "_active_memberships", None)
    if cached is None:
        cached = list(user.memberships.active().select_related("organization"))
        user._active_memberships = cached
    return cached


def active_memberships(user) -> list:
    return _memberships(user) if user.is_authenticated else []
