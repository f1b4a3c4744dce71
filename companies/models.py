"""Companies of the territory: a shared register (a company is not personal data), with
the relations each accompanying organization keeps with them (club, contacts, contact
log), which belong to that organization."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from access.policy import Capability, active_memberships, membership_can
from audit.tracking import AuditedModel
from companies.enums import ContactKind, Engagement, ExchangeKind
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


class GroupMembership(AuditedModel):
    """A member company (« entreprise utilisatrice ») of an employer group."""

    group = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="+")
    member = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="+")
    since = models.DateField("depuis", null=True, blank=True)

    objects = GroupMembershipQuerySet.as_manager()

    class Meta:
        verbose_name = "entreprise utilisatrice"
        ordering = ["member__name", "id"]
        constraints = [
            models.UniqueConstraint(fields=["group", "member"], name="unique_group_member")
        ]

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
