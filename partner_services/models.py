"""Partner services that lift barriers (a garage solidaire, a crèche AVIP, a French
course…), following the data·inclusion service schema, and the referrals of persons to
them.

Services are a directory, not personal data: every signed-in professional may read them.
Referrals are personal data: the sending team sees them with the person; the partner
organization that owns the service sees the person's name and the message only."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from access.policy import active_memberships
from audit.tracking import AuditedModel
from barriers.thematiques import label_of
from lib.lifecycle import TransitionLog
from partner_services.enums import ReferralState, RefusalReason, modes_accueil, publics
from partner_services.state_machine import LIFECYCLE, OPEN_STATES
from persons.access import known_followed
from persons.models import Person
from retention.scrub import Scrub

LOCAL_SOURCE = "parcours"


class ServiceQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The directory is open to every signed-in professional."""
        if not user.is_authenticated:
            return self.none()
        return self

    def editable_by(self, user):
        """Local services of the user's organizations."""
        organizations = [m.organization_id for m in active_memberships(user)]
        return self.filter(is_local=True, organization_id__in=organizations)

    def with_theme(self, theme: str):
        """Services addressing a data·inclusion theme (`mobilite`) or thématique
        (`mobilite--preparer-un-permis`)."""
        if "--" in theme:
            return self.filter(pk__in=ServiceTheme.objects.filter(value=theme).values("service"))
        return self.filter(pk__in=ServiceTheme.objects.filter(theme=theme).values("service"))


class Service(AuditedModel):
    # Identity in data·inclusion: unique per (source, source_id). Local services get
    # source "parcours" and an id of their own.
    source = models.CharField("source", max_length=100)
    source_id = models.CharField("identifiant", max_length=200)
    structure_id = models.CharField("identifiant de la structure", max_length=200, blank=True)
    structure_name = models.CharField("structure", max_length=200)
    name = models.CharField("nom du service", max_length=150)
    description = models.TextField("description")
    # data·inclusion values; the filterable copy of `thematiques` is ServiceTheme.
    thematiques = models.JSONField("thématiques", default=list)
    publics = models.JSONField("publics", default=list, blank=True)
    modes_accueil = models.JSONField("modes d'accueil", default=list, blank=True)
    commune = models.ForeignKey(
        "territories.Commune",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="commune",
    )
    address = models.CharField("adresse", max_length=255, blank=True)
    post_code = models.CharField("code postal", max_length=5, blank=True)
    contact_email = models.EmailField("courriel de contact", blank=True)
    contact_phone = models.CharField("téléphone", max_length=30, blank=True)
    website = models.URLField("site internet", max_length=500, blank=True)
    updated_on = models.DateField("mis à jour par la source le", null=True, blank=True)
    organization = models.ForeignKey(
        "organizations.Organization",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="partner_services",
        verbose_name="organisation sur Parcours",
    )
    is_local = models.BooleanField("ajouté sur Parcours", default=False)
    is_demo = models.BooleanField("donnée de démonstration", default=False)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ServiceQuerySet.as_manager()

    class Meta:
        verbose_name = "service partenaire"
        verbose_name_plural = "services partenaires"
        ordering = ["name", "id"]
        constraints = [
            models.UniqueConstraint(fields=["source", "source_id"], name="service_source_id")
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.structure_name})"

    def audit_organization_id(self) -> int | None:
        return self.organization_id

    @property
    def thematique_labels(self) -> list[str]:
        return [label_of(value) for value in self.thematiques]

    @property
    def public_labels(self) -> list[str]:
        return [publics().get(value, value) for value in self.publics]

    @property
    def mode_labels(self) -> list[str]:
        return [modes_accueil().get(value, value) for value in self.modes_accueil]


class ServiceTheme(models.Model):
    """One thématique of a service, in its own row so « services of theme X » is an
    indexed equality on every database. A JSONField `contains` lookup is not available
    on SQLite, and a LIKE on a delimited text column cannot use an index; this table
    can, for the exact thématique (`value`) and for its theme (`theme`, the part before
    `--`). Kept in step with `Service.thematiques` by the services that write both."""

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="themes")
    value = models.CharField(max_length=150)
    theme = models.CharField(max_length=60)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["service", "value"], name="service_theme_unique")
        ]
        indexes = [models.Index(fields=["value"]), models.Index(fields=["theme"])]

    def __str__(self) -> str:
        return self.value


class ServiceReferralQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Referrals of persons the user follows (the sending team), and referrals
        addressed to the services of the user's organizations (the partner)."""
        if not user.is_authenticated:
            return self.none()
        organizations = [m.organization_id for m in active_memberships(user)]
        return self.filter(
            Q(person__in=Person.objects.followed_by(user))
            | Q(service__organization_id__in=organizations)
        )

    def about(self, person, user):
        """`visible_to(user)` of one person: all of them when the person was fetched for
        this user by `persons.access.person_for`, who found they follow them."""
        if known_followed(person, user):
            return self.filter(person=person)
        return self.visible_to(user).filter(person=person)

    def addressed_to(self, organization):
        return self.filter(service__organization=organization)

    def open(self):
        return self.filter(state__in=OPEN_STATES)


class ServiceReferral(AuditedModel):
    audit_redacted = ("message", "answer_comment")
    personal_data_of = "person"
    personal_fields = {"message": Scrub.BLANK, "answer_comment": Scrub.BLANK}
    impersonal_fields = ("link_sent_to",)  # the service's address, not the person's
    person = models.ForeignKey(
        "persons.Person", on_delete=models.CASCADE, related_name="service_referrals"
    )
    barrier = models.ForeignKey(
        "barriers.PersonBarrier",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="service_referrals",
        verbose_name="frein",
    )
    service = models.ForeignKey(
        Service, on_delete=models.PROTECT, related_name="referrals", verbose_name="service"
    )
    from_organization = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="orientée par",
    )
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    message = models.TextField("message au service")
    state = models.CharField(
        "état", max_length=10, choices=ReferralState.choices, default=ReferralState.SENT
    )
    # The partner's answer, written by the moves (`services.service_referral_answer`):
    # when it last answered, why it refused (a reason to count, and its own words in
    # `answer_comment`), and the day the service was given.
    answered_at = models.DateTimeField("répondue le", null=True, blank=True)
    refusal_reason = models.CharField(
        "motif du refus", max_length=20, choices=RefusalReason.choices, blank=True
    )
    answer_comment = models.TextField("réponse du service", blank=True)
    done_on = models.DateField("réalisée le", null=True, blank=True)
    # Where the service without an account was written to (its contact address when the
    # referral was sent); the signed link names the referral and this sending.
    link_sent_to = models.EmailField("lien envoyé à", blank=True)
    link_sent_at = models.DateTimeField("lien envoyé le", null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ServiceReferralQuerySet.as_manager()

    class Meta:
        verbose_name = "orientation vers un service"
        verbose_name_plural = "orientations vers des services"
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["person", "-created_at"]),
            # The worklist's sections: the sender's waiting and answered referrals, and
            # the partner's to answer (through the service), oldest first.
            models.Index(fields=["from_organization", "state", "created_at"]),
            models.Index(fields=["service", "state", "created_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.person} → {self.service.name}"

    def audit_organization_id(self) -> int | None:
        return self.from_organization_id

    def audit_label(self) -> str:
        return f"Orientation du dossier n° {self.person_id} vers {self.service.name}"


class ServiceReferralTransition(TransitionLog):
    lifecycle = LIFECYCLE
    personal_data_of = "referral__person"
    personal_fields = {"comment": Scrub.BLANK}

    referral = models.ForeignKey(
        ServiceReferral, on_delete=models.CASCADE, related_name="transitions"
    )

    class Meta(TransitionLog.Meta):
        verbose_name = "changement d'état d'une orientation"
        verbose_name_plural = "changements d'état des orientations vers des services"
