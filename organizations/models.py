import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from audit.tracking import AuditedModel
from organizations.enums import KIND_GROUPS, OrganizationKind, Role
from organizations.siret import validate_siret


class OrganizationQuerySet(models.QuerySet):
    def of_member(self, user):
        if not user.is_authenticated:
            return self.none()
        return self.filter(memberships__user=user, memberships__is_active=True).distinct()

    def visible_to(self, user):
        """The organizations whose page (members, activity) the user may open."""
        if not user.is_authenticated:
            return self.none()
        if user.is_staff:
            return self
        return self.of_member(user)


class Organization(AuditedModel):
    name = models.CharField("nom", max_length=255)
    kind = models.CharField("type", max_length=20, choices=OrganizationKind.choices)
    siret = models.CharField("SIRET", max_length=14, unique=True, validators=[validate_siret])
    commune = models.ForeignKey(
        "territories.Commune", on_delete=models.PROTECT, related_name="organizations"
    )
    address = models.CharField("adresse", max_length=255, blank=True)
    email = models.EmailField("adresse électronique de contact", blank=True)
    phone = models.CharField("téléphone", max_length=30, blank=True)
    website = models.URLField("site internet", blank=True)
    description = models.TextField("présentation", blank=True)
    # The territory it serves: whole EPCI and/or single communes.
    served_epcis = models.ManyToManyField(
        "territories.EPCI", blank=True, related_name="+", verbose_name="EPCI desservis"
    )
    served_communes = models.ManyToManyField(
        "territories.Commune", blank=True, related_name="+", verbose_name="communes desservies"
    )
    # Who funds it, as its own admins declare: each funder reads, without a name, the
    # figures of the organizations it funds added up (`indicators.scopes`).
    funders = models.ManyToManyField(
        "self",
        symmetrical=False,
        blank=True,
        related_name="funded",
        verbose_name="financeurs",
        limit_choices_to={"kind": "COORDINATOR"},
    )
    # Directory profile: what a prescriber needs to know before referring someone here.
    accepts_referrals = models.BooleanField("ouverte aux orientations", default=False)
    referral_note = models.TextField("à savoir avant d'orienter", blank=True)
    capacity_note = models.CharField("places et délais", max_length=255, blank=True)
    referral_jobs = models.ManyToManyField(
        "jobs.RomeFamily", blank=True, related_name="+", verbose_name="métiers proposés"
    )
    referral_themes = models.ManyToManyField(
        "barriers.BarrierTheme", blank=True, related_name="+", verbose_name="freins pris en charge"
    )
    is_demo = models.BooleanField("donnée de démonstration", default=False)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    objects = OrganizationQuerySet.as_manager()

    class Meta:
        verbose_name = "organisation"
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return self.name

    def audit_organization_id(self):
        return self.pk

    @property
    def kind_group(self) -> str:
        return KIND_GROUPS[self.kind]

    def serves_commune(self, commune) -> bool:
        return self.served_communes.filter(pk=commune.pk).exists() or (
            commune.epci_id is not None and self.served_epcis.filter(pk=commune.epci_id).exists()
        )


class MembershipQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)

    def visible_to(self, user):
        if not user.is_authenticated:
            return self.none()
        if user.is_staff:
            return self
        return self.filter(organization__in=Organization.objects.of_member(user))


class Membership(AuditedModel):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField("rôle", max_length=10, choices=Role.choices, default=Role.MEMBER)
    is_active = models.BooleanField("actif", default=True)
    joined_at = models.DateTimeField("membre depuis", default=timezone.now)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = "membre"
        ordering = ["organization", "user__last_name", "user__first_name"]
        constraints = [
            models.UniqueConstraint(fields=["user", "organization"], name="unique_membership")
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.organization} ({self.get_role_display()})"

    def audit_organization_id(self):
        return self.organization_id

    @property
    def is_admin(self) -> bool:
        return self.role == Role.ADMIN


class InvitationQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(
            accepted_at__isnull=True, revoked_at__isnull=True, expires_at__gt=timezone.now()
        )

    def visible_to(self, user):
        return self.filter(organization__in=Organization.objects.visible_to(user))


class Invitation(AuditedModel):
    """An email invitation to join an organization. The link carries a random token of
    which only the hash is stored; it expires after INVITATION_VALIDITY_DAYS."""

    audit_exclude = ("updated_at", "token_digest")

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="invitations"
    )
    email = models.EmailField("adresse électronique")
    role = models.CharField("rôle", max_length=10, choices=Role.choices, default=Role.MEMBER)
    token_digest = models.CharField(max_length=64, unique=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField("expire le")
    accepted_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        verbose_name = "invitation"
        ordering = ["-created_at"]
        constraints = [
            # One pending invitation per address and organization (re-inviting refreshes it).
            models.UniqueConstraint(
                fields=["organization", "email"],
                condition=Q(accepted_at__isnull=True, revoked_at__isnull=True),
                name="unique_open_invitation",
            )
        ]

    def __str__(self) -> str:
        return f"Invitation de {self.email} à {self.organization}"

    def audit_organization_id(self):
        return self.organization_id

    @staticmethod
    def new_token() -> tuple[str, str]:
        raw = secrets.token_urlsafe(32)
        return raw, hashlib.sha256(raw.encode()).hexdigest()

    @staticmethod
    def digest_of(raw: str) -> str:
        return hashlib.sha256(raw.encode()).hexdigest()

    @property
    def is_expired(self) -> bool:
        return self.expires_at <= timezone.now()

    @property
    def status_label(self) -> str:
        if self.accepted_at:
            return "Acceptée"
        if self.revoked_at:
            return "Annulée"
        if self.is_expired:
            return "Expirée"
        return "En attente"
