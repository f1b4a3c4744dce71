"""Companies of the territory: a shared register (a company is not personal data), with
the relations each accompanying organization keeps with them (club, contacts, contact
log), which belong to that organization."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from access.policy import Capability, active_memberships, membership_can
from audit.tracking import AuditedModel
from companies.enums import ContactKind, Engagement, ExchangeKind, ProposalState
from companies.state_machine import PROPOSAL_LIFECYCLE
from lib.lifecycle import TransitionLog
from organizations.siret import validate_siret


def relating_organization_ids(user) -> list[int]:
    """The user's organizations that keep relations with companies (club, contacts, log)."""
    if not user.is_authenticated:
        return []
    return [
        m.organization_id
        for m in active_memberships(user)
        if membership_can(m, Capability.RELATE_WITH_COMPANIES)
    ]


class SizeBand(models.TextChoices):
    MICRO = "0-9", "Moins de 10 salariés"
    SMALL = "10-49", "10 à 49 salariés"
    MEDIUM = "50-249", "50 à 249 salariés"
    LARGE = "250+", "250 salariés et plus"


class CompanyQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The register is shared by the professionals of the platform."""
        return self if user.is_authenticated else self.none()


class Company(AuditedModel):
    siret = models.CharField("SIRET", max_length=14, unique=True, validators=[validate_siret])
    name = models.CharField("raison sociale ou enseigne", max_length=255)
    # Lower case, no accents (lib.text.normalize): what the search matches. Set by services.
    search_name = models.CharField(max_length=255, blank=True, db_index=True, editable=False)
    naf_code = models.CharField("code NAF", max_length=6, blank=True, db_index=True)
    naf_label = models.CharField("secteur d'activité", max_length=255, blank=True)
    size_band = models.CharField("effectif", max_length=8, choices=SizeBand.choices, blank=True)
    commune = models.ForeignKey(
        "territories.Commune", on_delete=models.PROTECT, related_name="+", verbose_name="commune"
    )
    address = models.CharField("adresse", max_length=255, blank=True)
    website = models.URLField("site internet", blank=True)
    # Set when the company (or employer group) works on Parcours with its own account.
    organization = models.OneToOneField(
        "organizations.Organization",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="company",
        verbose_name="compte Parcours",
    )
    is_employer_group = models.BooleanField("groupement d'employeurs", default=False)
    members = models.ManyToManyField(
        "self",
        through="GroupMembership",
        symmetrical=False,
        related_name="groups",
        blank=True,
        verbose_name="entreprises utilisatrices",
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)
    is_demo = models.BooleanField("donnée de démonstration", default=False)

    objects = CompanyQuerySet.as_manager()

    class Meta:
        verbose_name = "entreprise"
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return self.name

    def audit_organization_id(self):
        return self.organization_id


class GroupMembershipQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self if user.is_authenticated else self.none()

    def active(self, on=None):
        """The memberships in force on `on` (today): joined by then (or on a date not
        known), and not left, or leaving later."""
        on = on or timezone.localdate()
        return self.filter(
            models.Q(since__isnull=True) | models.Q(since__lte=on),
            models.Q(left_on__isnull=True) | models.Q(left_on__gt=on),
        )


class GroupMembership(AuditedModel):
    """A member company (« entreprise utilisatrice ») of an employer group, from its join
    date to its leave date. Leaving keeps the row (the history of who was a member, and
    when, explains the group's past offers); joining again opens a new one."""

    group = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="+")
    member = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="+")
    since = models.DateField("depuis", null=True, blank=True)
    left_on = models.DateField("sortie le", null=True, blank=True)

    objects = GroupMembershipQuerySet.as_manager()

    class Meta:
        verbose_name = "entreprise utilisatrice"
        ordering = ["member__name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["group", "member"],
                condition=models.Q(left_on__isnull=True),
                name="one_open_group_membership",
            ),
            models.CheckConstraint(
                condition=models.Q(since__isnull=True)
                | models.Q(left_on__isnull=True)
                | models.Q(since__lte=models.F("left_on")),
                name="group_membership_dates_ordered",
            ),
        ]

    @property
    def is_active(self) -> bool:
        return self.left_on is None or self.left_on > timezone.localdate()

    def __str__(self) -> str:
        return f"{self.member} dans {self.group}"

    def audit_organization_id(self):
        return self.group.organization_id


class OwnedQuerySet(models.QuerySet):
    """Relations belong to the organization that records them: only its members see them."""

    def visible_to(self, user):
        return self.filter(organization_id__in=relating_organization_ids(user))

    def of(self, organization):
        return self.filter(organization=organization)


class ClubMembership(AuditedModel):
    """A company in the club of partner companies of an organization."""

    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.CASCADE, related_name="+"
    )
    company = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="club_memberships")
    since = models.DateField("membre du club depuis", default=timezone.localdate)
    engagement = models.CharField(
        "engagement", max_length=15, choices=Engagement.choices, default=Engagement.ACTIVE
    )

    objects = OwnedQuerySet.as_manager()

    class Meta:
        verbose_name = "membre du club d'entreprises"
        ordering = ["company__name", "id"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "company"], name="unique_club_member")
        ]

    def __str__(self) -> str:
        return f"{self.company} ({self.get_engagement_display()})"

    def audit_organization_id(self):
        return self.organization_id


class CompanyTag(AuditedModel):
    """A free tag an organization puts on a company (« saisonnier », « 2x8 »…)."""

    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.CASCADE, related_name="+"
    )
    company = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="tags")
    label = models.CharField("étiquette", max_length=50)

    objects = OwnedQuerySet.as_manager()

    class Meta:
        verbose_name = "étiquette"
        ordering = ["label", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "company", "label"], name="unique_company_tag"
            )
        ]

    def __str__(self) -> str:
        return self.label

    def audit_organization_id(self):
        return self.organization_id


class Contact(AuditedModel):
    """Someone in a company the organization talks to. Personal data of an employee:
    the organization that recorded it is the only one to see it."""

    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.CASCADE, related_name="+"
    )
    company = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="contacts")
    name = models.CharField("nom et prénom", max_length=150)
    role = models.CharField("fonction", max_length=150, blank=True)
    kind = models.CharField(
        "rôle dans le recrutement",
        max_length=10,
        choices=ContactKind.choices,
        default=ContactKind.PROXIMITY_MANAGER,
    )
    phone = models.CharField("téléphone", max_length=30, blank=True)
    email = models.EmailField("adresse électronique", blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    objects = OwnedQuerySet.as_manager()

    class Meta:
        verbose_name = "contact en entreprise"
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return f"{self.name} ({self.role or self.get_kind_display()})"

    def audit_organization_id(self):
        return self.organization_id


class ContactLogQuerySet(OwnedQuerySet):
    def open_next_steps(self):
        return self.filter(next_step_due__isnull=False, next_step_done=False)

    def due_by(self, day):
        return self.open_next_steps().filter(next_step_due__lte=day)


class ContactLogEntry(AuditedModel):
    """One exchange with a company: a call, a visit, an email, an event; and the next
    step agreed, with its due date."""

    # What was said may name people or their situation: the trail records that it
    # changed, never the text.
    audit_redacted = ("summary", "next_step")

    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.CASCADE, related_name="+"
    )
    company = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="exchanges")
    contact = models.ForeignKey(
        Contact,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="exchanges",
        verbose_name="avec",
    )
    kind = models.CharField("type d'échange", max_length=10, choices=ExchangeKind.choices)
    occurred_on = models.DateField("date", default=timezone.localdate)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="par",
    )
    summary = models.TextField("ce qui s'est dit")
    next_step = models.CharField("prochaine étape", max_length=255, blank=True)
    next_step_due = models.DateField("à faire pour le", null=True, blank=True)
    next_step_done = models.BooleanField("prochaine étape faite", default=False)
    created_at = models.DateTimeField(default=timezone.now)

    objects = ContactLogQuerySet.as_manager()

    class Meta:
        verbose_name = "échange avec une entreprise"
        verbose_name_plural = "échanges avec des entreprises"
        ordering = ["-occurred_on", "-id"]
        indexes = [
            models.Index(fields=["organization", "company", "-occurred_on"]),
            models.Index(fields=["organization", "next_step_done", "next_step_due"]),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} du {self.occurred_on:%d/%m/%Y} avec {self.company}"

    def audit_organization_id(self):
        return self.organization_id

    @property
    def is_overdue(self) -> bool:
        return (
            self.next_step_due is not None
            and not self.next_step_done
            and self.next_step_due < timezone.localdate()
        )


# --- the register's own history, and the changes proposed to an owned company ---------


def _organization_ids(user) -> list[int]:
    if not user.is_authenticated:
        return []
    return [m.organization_id for m in active_memberships(user)]


class CompanyChangeQuerySet(models.QuerySet):
    def visible_to(self, user):
        """As the register: its history is shared by the professionals of the platform."""
        return self if user.is_authenticated else self.none()


class CompanyChange(models.Model):
    """One change of a company's identity fields, as the company's page shows it:
    « modifié par X (Structure) le … ». Written by the service that changes the register,
    in the same transaction (the audit trail records the same change, without the
    organization the author acted for). `proposal` is set when the change is a proposal
    the owner accepted."""

    company = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="changes")
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    organization = models.ForeignKey(
        "organizations.Organization",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="pour",
    )
    # {field: [old, new]}, values as stored (codes); `companies.identity` labels them.
    changes = models.JSONField("champs modifiés", default=dict)
    proposal = models.ForeignKey(
        "ChangeProposal", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(default=timezone.now)

    # A company's identity, not a person's: nothing to scrub.
    impersonal_fields = ("changes",)

    objects = CompanyChangeQuerySet.as_manager()

    class Meta:
        verbose_name = "modification d'une entreprise"
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["company", "-at"])]

    def __str__(self) -> str:
        return f"{self.company} modifiée le {self.at:%d/%m/%Y}"


class ChangeProposalQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The organization that proposed, and the company's own account."""
        ids = _organization_ids(user)
        return self.filter(
            models.Q(organization_id__in=ids) | models.Q(company__organization_id__in=ids)
        )

    def pending(self):
        return self.filter(state=ProposalState.PROPOSED)


class ChangeProposal(AuditedModel):
    """A change of identity fields that a structure proposes to a company (or employer
    group) that has its own account and so owns its record. The owner accepts (the
    change is applied) or refuses (with a reason); see `companies.state_machine`."""

    company = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="proposals")
    organization = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name="proposée par",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    # {field: [value when proposed, value proposed]}, values as stored (codes).
    changes = models.JSONField("modifications proposées", default=dict)
    comment = models.CharField("message à l'entreprise", max_length=500, blank=True)
    state = models.CharField(
        "état", max_length=10, choices=ProposalState.choices, default=ProposalState.PROPOSED
    )
    created_at = models.DateTimeField(default=timezone.now)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.CharField("motif du refus", max_length=500, blank=True)

    # A company's identity and the professionals' words about it, never a person's.
    impersonal_fields = ("changes", "comment", "reason")

    objects = ChangeProposalQuerySet.as_manager()

    class Meta:
        verbose_name = "proposition de modification d'une entreprise"
        verbose_name_plural = "propositions de modification d'entreprises"
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["company", "state"])]

    def __str__(self) -> str:
        return f"Proposition de {self.organization} pour {self.company}"

    def audit_organization_id(self):
        return self.company.organization_id

    @property
    def is_open(self) -> bool:
        return self.state == ProposalState.PROPOSED


class ChangeProposalTransition(TransitionLog):
    """The proposal's state log: who accepted or refused it, when, and why."""

    lifecycle = PROPOSAL_LIFECYCLE
    impersonal_fields = ("from_state", "to_state", "comment")

    proposal = models.ForeignKey(
        ChangeProposal, on_delete=models.CASCADE, related_name="transitions"
    )

    class Meta(TransitionLog.Meta):
        verbose_name = "changement d'état d'une proposition"
