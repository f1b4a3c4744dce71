"""Companies of the territory: a shared register (a company is not personal data), with
the relations each accompanying organization keeps with them (club, contacts, contact
log), which belong to that organization."""

from django.db import models
from django.utils import timezone

from audit.tracking import AuditedModel
from organizations.siret import validate_siret


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


class GroupMembership(AuditedModel):
    """A member company (« entreprise utilisatrice ») of an employer group."""

    group = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="+")
    member = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="+")
    since = models.DateField("depuis", null=True, blank=True)

    class Meta:
        verbose_name = "entreprise utilisatrice"
        constraints = [
            models.UniqueConstraint(fields=["group", "member"], name="unique_group_member")
        ]

    def __str__(self) -> str:
        return f"{self.member} dans {self.group}"
