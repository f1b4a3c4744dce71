"""Job offers: a need defined with the employer, turned into an offer with the
constraints that matter to people far from employment, published only while recruiting;
the people introduced to it; and the interest left on the public board."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from access.policy import active_memberships
from audit.tracking import AuditedModel
from companies.models import GroupMembership
from lib.lifecycle import TransitionLog
from offers.enums import (
    ContractType,
    DeclineReason,
    InterestAnswer,
    IntroductionState,
    OfferState,
    PayUnit,
    PhysicalDemand,
    PublicTransport,
    SchedulePattern,
)
from offers.state_machine import INTRODUCTION_LIFECYCLE, LIFECYCLE, OPEN_INTRODUCTION_STATES
from organizations.enums import KindGroup, kinds_of
from retention.scrub import Scrub


def _organization_ids(user) -> list[int]:
    return [m.organization_id for m in active_memberships(user)]


# The organizations that answer as the employer: a company, an employer group.
EMPLOYER_KINDS = (*kinds_of(KindGroup.COMPANY), *kinds_of(KindGroup.EMPLOYER_GROUP))


def _member_companies(organization_ids):
    """The companies that are, today, members of the employer groups whose account is
    one of `organization_ids`."""
    return (
        GroupMembership.objects.active()
        .filter(group__organization_id__in=organization_ids)
        .values("member_id")
    )


def employer_offers_q(organization_ids, *, prefix: str = "") -> Q:
    """The offers `organization_ids` answer for as the employer: those of the companies
    whose account they are, those of the member companies of the employer groups they
    are (while members), and those a company or a group holds itself (a group keeps
    the offers it published for a member that left). The one rule the employer space,
    the API and the notices read (`offers.access`)."""
    ids = list(organization_ids)
    return (
        Q(**{f"{prefix}company__organization_id__in": ids})
        | Q(**{f"{prefix}company_id__in": _member_companies(ids)})
        | Q(
            **{
                f"{prefix}organization_id__in": ids,
                f"{prefix}organization__kind__in": EMPLOYER_KINDS,
            }
        )
    )


def _employer_organization_ids(user, organization=None) -> list[int]:
    if not user.is_authenticated:
        return []
    ids = _organization_ids(user)
    if organization is not None:
        ids = [pk for pk in ids if pk == organization.pk]
    return ids


class JobOfferQuerySet(models.QuerySet):
    def published(self):
        return self.filter(state=OfferState.PUBLISHED)

    def managed_by(self, user):
        """Offers one of the user's organizations holds or wrote, or that it answers for
        as the employer (`employer_offers_q`: the employer space)."""
        if not user.is_authenticated:
            return self.none()
        organizations = _organization_ids(user)
        return self.filter(
            Q(organization_id__in=organizations)
            | Q(written_by_organization_id__in=organizations)
            | employer_offers_q(organizations)
        )

    def for_employer(self, user, organization=None):
        """The offers the user answers for as the employer; with `organization`, for
        that one of the user's organizations only."""
        ids = _employer_organization_ids(user, organization)
        return self.filter(employer_offers_q(ids)) if ids else self.none()

    def visible_to(self, user):
        """Managed offers, and every published one (the public board shows them)."""
        if not user.is_authenticated:
            return self.published()
        return self.filter(
            Q(pk__in=self.managed_by(user).values("pk")) | Q(state=OfferState.PUBLISHED)
        )


class JobOffer(AuditedModel):
    # The search columns follow the title and text, which the log already has.
    audit_exclude = ("updated_at", "search_head", "search_body")

    organization = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.PROTECT,
        related_name="job_offers",
        verbose_name="organisation qui porte l'offre",
    )
    written_by_organization = models.ForeignKey(
        "organizations.Organization",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="rédigée avec l'employeur par",
    )
    company = models.ForeignKey(
        "companies.Company",
        on_delete=models.PROTECT,
        related_name="job_offers",
        verbose_name="employeur",
    )
    # The job
    appellation = models.ForeignKey(
        "jobs.Appellation", on_delete=models.PROTECT, related_name="+", verbose_name="métier"
    )
    commune = models.ForeignKey(
        "territories.Commune",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="commune du lieu de travail",
    )
    address = models.CharField("adresse du lieu de travail", max_length=255, blank=True)
    # Copied from the commune: the public board's radius search reads them on an index.
    latitude = models.FloatField(null=True, blank=True, editable=False)
    longitude = models.FloatField(null=True, blank=True, editable=False)
    # The same place as a point on the unit sphere (`lib.geo.unit_vector`), set with the
    # coordinates: the board measures and orders distances from them with arithmetic.
    unit_x = models.FloatField(null=True, blank=True, editable=False)
    unit_y = models.FloatField(null=True, blank=True, editable=False)
    unit_z = models.FloatField(null=True, blank=True, editable=False)
    tasks = models.TextField("missions")
    skills = models.TextField("savoir-faire et savoir-être attendus", blank=True)
    # Constraints
    schedule_patterns = models.JSONField(
        "horaires", default=list, blank=True, help_text="Valeurs de SchedulePattern."
    )
    hours_per_week = models.PositiveSmallIntegerField("heures par semaine", null=True, blank=True)
    physical_demands = models.JSONField(
        "exigences physiques", default=list, blank=True, help_text="Valeurs de PhysicalDemand."
    )
    driving_licence_required = models.BooleanField("permis B exigé", default=False)
    vehicle_required = models.BooleanField("véhicule personnel exigé", default=False)
    # Reading and writing French is a hard need for some jobs (a secretary's), not for
    # most: said by the employer, it tells who needs French lessons first.
    written_french_required = models.BooleanField(
        "lire et écrire le français exigé", default=False, db_default=False
    )
    public_transport = models.CharField(
        "accessible en transports en commun",
        max_length=8,
        choices=PublicTransport.choices,
        blank=True,
    )
    # Contract and pay
    contract_type = models.CharField(
        "type de contrat", max_length=12, choices=ContractType.choices, blank=True
    )
    duration_months = models.PositiveSmallIntegerField("durée (mois)", null=True, blank=True)
    start_date = models.DateField("date de début", null=True, blank=True)
    positions = models.PositiveSmallIntegerField("nombre de postes", default=1)
    pay_min = models.DecimalField(
        "salaire minimum (€)", max_digits=8, decimal_places=2, null=True, blank=True
    )
    pay_max = models.DecimalField(
        "salaire maximum (€)", max_digits=8, decimal_places=2, null=True, blank=True
    )
    pay_unit = models.CharField(
        "salaire exprimé", max_length=8, choices=PayUnit.choices, default=PayUnit.MONTHLY
    )
    open_to_beginners = models.BooleanField("accessible sans expérience", default=False)
    # A promise the text makes only when the employer makes it (offers.composition).
    training_provided = models.BooleanField(
        "formation et accompagnement à l'arrivée", default=False
    )
    open_to_iae = models.BooleanField("ouvert aux parcours d'insertion (IAE)", default=False)
    immersion_possible = models.BooleanField("immersion possible (PMSMP)", default=False)
    # The published text, composed from the fields (offers.composition), editable.
    title = models.CharField("titre", max_length=200)
    text = models.TextField("texte de l'offre")
    text_is_custom = models.BooleanField("texte retouché à la main", default=False)
    # The words the public search reads (`offers.search`), written with the offer by its
    # services; the whole text's column has a trigram index on PostgreSQL.
    search_head = models.TextField(default="", blank=True, editable=False)
    search_body = models.TextField(default="", blank=True, editable=False)
    # Lifecycle
    state = models.CharField(
        "état", max_length=10, choices=OfferState.choices, default=OfferState.DRAFT
    )
    published_at = models.DateTimeField("publiée le", null=True, blank=True)
    # Any edit, or the holder's « toujours d'actualité »: what the 60-day pause counts from.
    last_updated_at = models.DateTimeField("dernière mise à jour", default=timezone.now)
    reminder_sent_at = models.DateTimeField("relance envoyée le", null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)
    is_demo = models.BooleanField("donnée de démonstration", default=False)

    objects = JobOfferQuerySet.as_manager()

    class Meta:
        verbose_name = "offre d'emploi"
        verbose_name_plural = "offres d'emploi"
        ordering = ["-last_updated_at", "-id"]
        indexes = [
            # The public board: published offers in a latitude band, longitude checked on
            # the index itself; with the unit vector, the contract, the job and the id
            # (PostgreSQL does not keep it in an index by itself) it covers the whole
            # search: the offers' rows are read for the page only.
            models.Index(
                fields=[
                    "state",
                    "latitude",
                    "longitude",
                    "unit_x",
                    "unit_y",
                    "unit_z",
                    "contract_type",
                    "appellation",
                    "id",
                ],
                name="offer_public_geo",
            ),
            models.Index(fields=["state", "-published_at"], name="offer_public_recent"),
            models.Index(fields=["state", "last_updated_at"], name="offer_state_updated"),
            models.Index(fields=["organization", "state"], name="offer_holder_state"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(pay_min__isnull=True)
                | Q(pay_max__isnull=True)
                | Q(pay_min__lte=models.F("pay_max")),
                name="offer_pay_range_ordered",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def audit_organization_id(self):
        return self.organization_id

    @property
    def is_public(self) -> bool:
        return self.state == OfferState.PUBLISHED

    @property
    def schedule_labels(self) -> list[str]:
        labels = dict(SchedulePattern.choices)
        return [labels.get(v, v) for v in self.schedule_patterns]

    @property
    def physical_demand_labels(self) -> list[str]:
        labels = dict(PhysicalDemand.choices)
        return [labels.get(v, v) for v in self.physical_demands]


class OfferTransition(TransitionLog):
    """The offer's state log: who published, paused, filled or closed it, when, and why
    (the schedule's pause has no user). The employer reads it on the offer."""

    lifecycle = LIFECYCLE

    offer = models.ForeignKey(JobOffer, on_delete=models.CASCADE, related_name="transitions")
    # « Pourvue »: who was hired, among the people introduced to the offer, or that the
    # position was filled elsewhere (by someone not introduced on Parcours).
    filled_by = models.ForeignKey(
        "Introduction",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="pourvue par l'embauche de",
    )
    filled_elsewhere = models.BooleanField("pourvue par ailleurs", default=False)

    class Meta(TransitionLog.Meta):
        verbose_name = "changement d'état d'une offre"


class IntroductionQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The structure that introduced the person, and the organizations that manage
        the offer (the employer sees a reduced view: see `offers.selectors`)."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(
            Q(introduced_by_id__in=_organization_ids(user))
            | Q(offer__in=JobOffer.objects.managed_by(user))
        )

    def for_employer(self, user, organization=None):
        """Introductions to the offers the user answers for as the employer (their
        company's, their group's and its member companies': `employer_offers_q`)."""
        ids = _employer_organization_ids(user, organization)
        return self.filter(employer_offers_q(ids, prefix="offer__")) if ids else self.none()


class Introduction(AuditedModel):
    """A person proposed to an employer for an offer (« mise en relation »)."""

    audit_redacted = ("comment",)
    personal_data_of = "person"
    personal_fields = {
        "comment": Scrub.BLANK,
        "answer_comment": Scrub.BLANK,
        "sent_to": Scrub.BLANK,
    }

    offer = models.ForeignKey(JobOffer, on_delete=models.CASCADE, related_name="introductions")
    person = models.ForeignKey(
        "persons.Person", on_delete=models.CASCADE, related_name="introductions"
    )
    introduced_by = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="présentée par",
    )
    introduced_by_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    # What the structure tells the employer about the person (never barriers or health).
    comment = models.TextField("mot pour l'employeur", blank=True)
    state = models.CharField(
        "état",
        max_length=10,
        choices=IntroductionState.choices,
        default=IntroductionState.PROPOSED,
    )
    decline_reason = models.CharField(
        "motif", max_length=20, choices=DeclineReason.choices, blank=True
    )
    answer_comment = models.CharField("réponse de l'employeur", max_length=500, blank=True)
    # The employer's contact who received the signed link; the link names `sent_at`, so
    # sending again makes the previous link stop working.
    sent_to = models.EmailField("envoyée à", blank=True)
    sent_at = models.DateTimeField("envoyée le", null=True, blank=True)
    seen_at = models.DateTimeField("vue le", null=True, blank=True)
    interview_on = models.DateField("date de l'entretien", null=True, blank=True)
    starts_on = models.DateField("date d'embauche", null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    answered_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    is_demo = models.BooleanField("donnée de démonstration", default=False)

    objects = IntroductionQuerySet.as_manager()

    class Meta:
        verbose_name = "mise en relation"
        verbose_name_plural = "mises en relation"
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["offer", "person"],
                condition=Q(state__in=["proposed", "sent", "seen", "interview"]),
                name="one_open_introduction_per_offer",
            )
        ]
        indexes = [
            models.Index(fields=["offer", "state"]),
            # « À traiter »: the employers' answers of the last days, per structure.
            models.Index(fields=["introduced_by", "answered_at"], name="introduction_answered"),
            # « Résultats »: a structure's introductions sent over a period.
            models.Index(fields=["introduced_by", "sent_at"], name="introduction_sent"),
        ]

    def __str__(self) -> str:
        return f"Mise en relation pour {self.offer}"

    def audit_organization_id(self):
        return self.introduced_by_id

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_INTRODUCTION_STATES


class IntroductionTransition(TransitionLog):
    """The introduction's state log. Its comment says who, when no user did it: « par le
    lien envoyé à … »."""

    lifecycle = INTRODUCTION_LIFECYCLE
    personal_data_of = "introduction__person"
    personal_fields = {"comment": Scrub.BLANK}

    introduction = models.ForeignKey(
        Introduction, on_delete=models.CASCADE, related_name="transitions"
    )

    class Meta(TransitionLog.Meta):
        verbose_name = "changement d'état d'une mise en relation"
        verbose_name_plural = "changements d'état des mises en relation"


class OfferInterestQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The organizations that manage the offer."""
        return self.filter(offer__in=JobOffer.objects.managed_by(user))

    def for_employer(self, user, organization=None):
        """Interests in the offers the user answers for as the employer."""
        ids = _employer_organization_ids(user, organization)
        return self.filter(employer_offers_q(ids, prefix="offer__")) if ids else self.none()


class OfferInterest(AuditedModel):
    """« Je suis intéressé·e » left on the public board for an offer whose holder does not
    follow people (a company without an accompanying structure): the employer sees it in
    its space. When the holder (or the structure that wrote the offer) follows people, the
    interest becomes a walk-in referral in its inbox instead."""

    audit_redacted = ("message",)
    # Not a followed person's file: scrubbed two years after it was left (see
    # `retention.services.interests_expire`).
    personal_fields = {
        "first_name": Scrub.ANONYMOUS,
        "last_name": Scrub.ANONYMOUS,
        "email": Scrub.BLANK,
        "phone": Scrub.BLANK,
        "commune": Scrub.NULL,
        "message": Scrub.BLANK,
    }

    offer = models.ForeignKey(JobOffer, on_delete=models.CASCADE, related_name="interests")
    first_name = models.CharField("prénom", max_length=150)
    last_name = models.CharField("nom", max_length=150)
    email = models.EmailField("adresse électronique", blank=True)
    phone = models.CharField("téléphone", max_length=30, blank=True)
    commune = models.ForeignKey(
        "territories.Commune", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    message = models.TextField("message", blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    # The employer's answer (`offers.interest_answers`): empty while it waits.
    answer = models.CharField(
        "réponse", max_length=16, choices=InterestAnswer.choices, blank=True, db_default=""
    )
    answered_at = models.DateTimeField("répondu le", null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="répondu par",
    )

    objects = OfferInterestQuerySet.as_manager()

    class Meta:
        verbose_name = "marque d'intérêt"
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"Intérêt pour {self.offer}"

    def audit_organization_id(self):
        return self.offer.organization_id

    def audit_label(self) -> str:
        return f"Intérêt pour l'offre n° {self.offer_id}"


class OfferRequestKey(models.Model):
    """One way to call a visitor back (an email or a phone, as a keyed digest) under which
    they asked about an offer, and the request it made (a referral, or an interest for
    the employer). A repeat within `offers.interests.REPEAT_WINDOW` finds the request here
    and joins it (`offers.interests`). Unique per offer and contact: of two submits
    racing, the second waits on the first's row and then joins its request, on
    PostgreSQL and SQLite alike."""

    # A keyed digest (`offers.interests.contact_digests`): no one reads a contact back
    # from it, and the retention run deletes the rows once their window is past.
    impersonal_fields = ("digest",)

    offer = models.ForeignKey(JobOffer, on_delete=models.CASCADE, related_name="+")
    digest = models.CharField("empreinte du contact", max_length=64)
    referral = models.ForeignKey(
        "referrals.Referral", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    interest = models.ForeignKey(
        OfferInterest, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    # When the request it points to was first made: the window counts from there.
    received_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "contact d'une demande sur une offre"
        verbose_name_plural = "contacts des demandes sur les offres"
        constraints = [
            models.UniqueConstraint(
                fields=["offer", "digest"], name="one_request_key_per_offer_and_contact"
            )
        ]
        indexes = [models.Index(fields=["received_at"], name="offer_request_key_received")]

    def __str__(self) -> str:
        return f"Contact d'une demande sur l'offre n° {self.offer_id}"

    @property
    def request(self):
        return self.referral or self.interest
