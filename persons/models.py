"""A person accompanied towards employment: one record per human, shared by the
professionals who follow them. What they see of it depends on their place around the
person (see `persons.access`)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format

from access.models import PersonAccess
from audit.tracking import AuditedModel
from persons.enums import (
    ConsentMethod,
    ConsentPurpose,
    ContractType,
    DrivingLicence,
    EducationLevel,
)
from persons.levels import Level
from retention.scrub import Scrub


def followed_by(user) -> Q:
    """Persons the user sees with the team's view: held or created by one of the user's
    organizations that follow people, or on whose team the user sits for an
    organization that joins with the team's view. Read from the table of who sees whom
    (`access.models.PersonAccess`): one indexed subquery, whatever the platform weighs."""
    rows = PersonAccess.objects.for_user(user).filter(level=Level.TEAM)
    return Q(pk__in=rows.values("person_id"))


def seen_by(user) -> Q:
    """Persons the user sees at any level: followed (the team's view) or referred, or on
    whose team the user sits for the milestones only."""
    return Q(pk__in=PersonAccess.objects.for_user(user).values("person_id"))


class PersonQuerySet(models.QuerySet):
    def active(self):
        return self.filter(merged_into__isnull=True, anonymised_at__isnull=True)

    def inactive(self):
        """Merged or anonymised records: no list shows them."""
        return self.filter(Q(merged_into__isnull=False) | Q(anonymised_at__isnull=False))

    def visible_to(self, user):
        """People the user follows (holding structure or team) or referred (milestones
        only: see `persons.access.access_level`). Platform admins see nobody here: running
        the platform does not need anyone's pathway."""
        return self.active().filter(seen_by(user))

    def followed_by(self, user):
        return self.active().filter(followed_by(user))


class Person(AuditedModel):
    # Derived from the names and birth date, which the trail records already.
    audit_exclude = ("updated_at", "identity_key")
    # The trail records that identity and contact details changed, never their values.
    audit_redacted = (
        "first_name",
        "last_name",
        "birth_date",
        "email",
        "phone",
        "address",
        "other_benefits",
        "ft_identifier",
        "search_name",
        "name_key",
    )
    personal_data_of = "pk"
    personal_fields = {
        "first_name": Scrub.ANONYMOUS,
        "last_name": Scrub.ANONYMOUS,
        "birth_date": Scrub.YEAR,
        "email": Scrub.BLANK,
        "phone": Scrub.BLANK,
        "address": Scrub.BLANK,
        "commune": Scrub.NULL,
        "other_benefits": Scrub.BLANK,
        "ft_identifier": Scrub.BLANK,
        "search_name": Scrub.BLANK,
        "name_key": Scrub.BLANK,
        "identity_key": Scrub.NULL,
    }
    impersonal_fields = ("wanted_contract_types",)

    # Identity
    first_name = models.CharField("prénom", max_length=150)
    last_name = models.CharField("nom", max_length=150)
    birth_date = models.DateField("date de naissance", null=True, blank=True)
    email = models.EmailField("adresse électronique", blank=True)
    phone = models.CharField("téléphone", max_length=30, blank=True)
    address = models.CharField("adresse", max_length=255, blank=True)
    commune = models.ForeignKey(
        "territories.Commune",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="commune",
    )
    # Situation
    education_level = models.CharField(
        "niveau de formation", max_length=10, choices=EducationLevel.choices, blank=True
    )
    receives_rsa = models.BooleanField("bénéficiaire du RSA", default=False)
    receives_ass = models.BooleanField("bénéficiaire de l'ASS", default=False)
    receives_aah = models.BooleanField("bénéficiaire de l'AAH", default=False)
    other_benefits = models.CharField("autres ressources", max_length=255, blank=True)
    ft_registered = models.BooleanField("inscrit·e à France Travail", default=False)
    ft_identifier = models.CharField("identifiant France Travail", max_length=20, blank=True)
    ft_registered_since = models.DateField("inscrit·e depuis", null=True, blank=True)
    disabled_worker = models.BooleanField(
        "reconnaissance de la qualité de travailleur handicapé (RQTH)", default=False
    )
    # Mobility
    driving_licence = models.CharField(
        "permis de conduire", max_length=12, choices=DrivingLicence.choices, blank=True
    )
    has_vehicle = models.BooleanField("dispose d'un véhicule", default=False)
    moves_by_car = models.BooleanField("voiture", default=False)
    moves_by_public_transport = models.BooleanField("transports en commun", default=False)
    moves_by_bike = models.BooleanField("vélo ou deux-roues", default=False)
    moves_on_foot = models.BooleanField("à pied", default=False)
    max_travel_km = models.PositiveSmallIntegerField(
        "distance maximale de trajet (km)", null=True, blank=True
    )
    # Availability and wanted work
    available_from = models.DateField("disponible à partir du", null=True, blank=True)
    no_nights = models.BooleanField("pas de nuit", default=False)
    no_weekends = models.BooleanField("pas de week-end", default=False)
    no_early_mornings = models.BooleanField("pas de début avant 7 h", default=False)
    no_split_shifts = models.BooleanField("pas d'horaires coupés", default=False)
    wanted_contract_types = models.JSONField(
        "contrats souhaités",
        default=list,
        blank=True,
        help_text="Valeurs de ContractType.",
    )
    wanted_hours_per_week = models.PositiveSmallIntegerField(
        "heures par semaine souhaitées", null=True, blank=True
    )
    # Record keeping
    search_name = models.CharField(max_length=310, db_index=True, editable=False)
    # How the names sound (lib.phonetic): the likely duplicates of a new record are
    # looked up by it, whatever the spelling, the case or the order of the names.
    name_key = models.CharField(
        max_length=310, db_index=True, editable=False, blank=True, default="", db_default=""
    )
    # Normalized names and birth date (persons.duplicates.identity_key_of), set by the
    # services: unique among active records, so that the same person cannot be created
    # twice at once. Empty for a homonym the user confirmed as another person, and for
    # records without a birth date.
    identity_key = models.CharField(max_length=330, null=True, blank=True, editable=False)
    created_by_organization = models.ForeignKey(
        "organizations.Organization",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="créée par",
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)
    # Denormalised for the worklist ("no contact for 30 days"): set by the services that
    # record an appointment attended, a note or a call.
    last_contact_at = models.DateTimeField("dernier contact", null=True, blank=True)
    merged_into = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="fusionnée dans",
    )
    is_demo = models.BooleanField("donnée de démonstration", default=False)
    # Written before the consent could be asked: « à recueillir au prochain rendez-vous »
    # until a consent to the support is recorded. What waits for it: `persons.consent`.
    consent_pending = models.BooleanField(
        "consentement à recueillir", default=False, db_default=False
    )
    # Set when the file is anonymised (two years without contact, or erasure on
    # request: see `retention`); the record then only feeds the statistics.
    anonymised_at = models.DateTimeField("anonymisée le", null=True, blank=True, editable=False)

    objects = PersonQuerySet.as_manager()

    class Meta:
        verbose_name = "personne"
        ordering = ["last_name", "first_name", "id"]
        indexes = [
            models.Index(fields=["last_name", "first_name", "birth_date"]),
            models.Index(fields=["email"]),
            models.Index(fields=["phone"]),
            models.Index(fields=["-updated_at"]),
            # « Sans contact depuis 30 jours » (worklist) and the retention's two years.
            models.Index(fields=["last_contact_at"]),
            # The few records merged or anonymised: a list counted from the table of who
            # sees whom (`persons.selectors`) leaves them out through this small index.
            models.Index(
                fields=["id"],
                condition=models.Q(merged_into__isnull=False)
                | models.Q(anonymised_at__isnull=False),
                name="person_inactive",
            ),
            # « Sans contact » of a large structure's worklist: the last contact of each of
            # its thousands of people, read in this index alone (no record visited).
            models.Index(
                fields=["id", "last_contact_at"],
                condition=models.Q(merged_into__isnull=True, anonymised_at__isnull=True),
                name="person_active_contact",
            ),
        ]
        constraints = [
            # Merged records keep their identity as a tombstone; an anonymised one has no
            # birth date left: neither holds the identity any more.
            models.UniqueConstraint(
                fields=["identity_key"],
                condition=Q(
                    identity_key__isnull=False,
                    birth_date__isnull=False,
                    merged_into__isnull=True,
                ),
                name="person_unique_identity",
            ),
        ]

    def __str__(self) -> str:
        if self.is_anonymised:
            return self.anonymised_label
        return f"{self.first_name} {self.last_name}"

    @property
    def is_anonymised(self) -> bool:
        return self.anonymised_at is not None

    @property
    def anonymised_label(self) -> str:
        # The one label of an anonymised file, wherever it is still listed (referrals,
        # introductions, immersions): its names are « Anonyme » and mean nothing.
        return f"Dossier n° {self.pk} (anonymisé)"

    @property
    def birth_date_label(self) -> str:
        """The birth date as it may be shown: an anonymised file keeps the year only
        (stored as 1 January), which must not read as a date."""
        if self.birth_date is None:
            return ""
        if self.is_anonymised:
            return f"{self.birth_date.year} (année seulement)"
        return date_format(self.birth_date, "j F Y")

    @property
    def chooser_label(self) -> str:
        """The name with what tells two namesakes apart, wherever a person is picked
        from a list: « Karim Benali (né·e le 3 mars 1990, Trélazé) ». Read it with the
        commune selected."""
        known = [f"né·e le {self.birth_date_label}" if self.birth_date else ""]
        known.append(self.commune.name if self.commune_id else "")
        known = [part for part in known if part]
        return f"{self} ({', '.join(known)})" if known else str(self)

    def audit_label(self) -> str:
        # The trail outlives the file's identity (see `retention`): initials only.
        return f"Dossier n° {self.pk} ({self.first_name[:1]}. {self.last_name[:1]}.)"

    @property
    def display_name_for_employer(self) -> str:
        """First name and initial: what an employer is shown."""
        if self.is_anonymised:
            return self.anonymised_label
        return f"{self.first_name} {self.last_name[:1]}."

    @property
    def wanted_contract_labels(self) -> list[str]:
        labels = dict(ContractType.choices)
        return [labels.get(value, value) for value in self.wanted_contract_types]


class Consent(models.Model):
    """A consent as recorded: what, when, how, by whom. A withdrawal is a new row."""

    personal_data_of = "person"
    personal_fields: dict = {}  # the proof of consent stays, without the identity

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="consents")
    purpose = models.CharField("objet", max_length=20, choices=ConsentPurpose.choices)
    given = models.BooleanField("accordé", default=True)
    method = models.CharField("recueilli", max_length=10, choices=ConsentMethod.choices)
    recorded_at = models.DateTimeField("le", default=timezone.now)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    organization = models.ForeignKey(
        "organizations.Organization", null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "consentement"
        ordering = ["-recorded_at", "-id"]

    def __str__(self) -> str:
        return f"{self.get_purpose_display()} : {'oui' if self.given else 'non'}"


# The longest wish in the person's own words: a sentence or two, as said at the desk.
WISH_WORDS_MAX = 1000


class Wish(AuditedModel):
    """A job the person wants, in their own order and with their own words. A wish may
    have no job of the ROME yet (« travailler avec les animaux »): it is kept in the
    person's words and linked to a job later; the matching reads only the linked ones."""

    personal_data_of = "person"
    personal_fields = {"own_words": Scrub.BLANK}

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="wishes")
    appellation = models.ForeignKey(
        "jobs.Appellation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="métier",
    )
    own_words = models.CharField("en ses mots", max_length=WISH_WORDS_MAX, blank=True)
    rank = models.PositiveSmallIntegerField("ordre", default=1)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "métier souhaité"
        verbose_name_plural = "métiers souhaités"
        ordering = ["person", "rank", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(appellation__isnull=False) | ~Q(own_words=""),
                name="wish_has_a_job_or_words",
            )
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        """The job, or the person's words while no job is linked."""
        if self.appellation_id is not None:
            return str(self.appellation)
        return f"« {self.own_words} »"


class Experience(AuditedModel):
    personal_data_of = "person"
    personal_fields = {"description": Scrub.BLANK, "employer": Scrub.BLANK, "skills": Scrub.BLANK}

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="experiences")
    appellation = models.ForeignKey(
        "jobs.Appellation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="métier",
    )
    description = models.CharField("description", max_length=255, blank=True)
    employer = models.CharField("employeur", max_length=255, blank=True)
    duration_months = models.PositiveSmallIntegerField("durée (mois)", null=True, blank=True)
    ended_year = models.PositiveSmallIntegerField("année de fin", null=True, blank=True)
    skills = models.TextField("compétences", blank=True)

    class Meta:
        verbose_name = "expérience"
        ordering = ["person", "-ended_year", "id"]

    def __str__(self) -> str:
        return str(self.appellation or self.description)
