"""Success stories (« belles histoires », seed 001): a pathway told under a changed
first name, to change how agents and employers see people, with the person's recorded
consent. Drafted by the structure that holds the pathway, reviewed by its admins,
published on the public site only when the consent's scope allows it.

The story holds no real name, contact detail, barrier or health fact (the services
refuse a text that cites the person and warn on sensitive words); it is still personal
data of the person (their life, recognisable by those who know them), so it goes with
their file: anonymising the file blanks it and takes it off the public site."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from access.policy import Capability, active_memberships, membership_can
from audit.tracking import AuditedModel
from lib.lifecycle import TransitionLog
from lib.text import of
from persons.enums import ConsentMethod
from retention.scrub import Scrub
from stories.enums import ConsentScope, ContractType, StoryState
from stories.state_machine import LIFECYCLE


class StoryQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The stories of the structures the user writes stories for (the holding
        structure's team; never a partner on the team, never an employer)."""
        organizations = [
            m.organization_id
            for m in active_memberships(user)
            if membership_can(m, Capability.WRITE_STORIES)
        ]
        return self.filter(organization_id__in=organizations)

    def public(self):
        """What the public site shows: published, consented to for the public site,
        consent not withdrawn, the person's file not anonymised."""
        return self.filter(
            state=StoryState.PUBLISHED,
            consent_scope=ConsentScope.PUBLIC,
            consent_withdrawn_at__isnull=True,
            person__anonymised_at__isnull=True,
        ).exclude(slug="")


class Story(AuditedModel):
    personal_data_of = "person"
    personal_fields = {
        "first_name": Scrub.BLANK,
        "title": Scrub.BLANK,
        "text": Scrub.BLANK,
        "outcome": Scrub.BLANK,
    }
    # The job, the sector, the wording of the consent and the address: no one's data.
    impersonal_fields = ("job", "sector", "consent_text", "slug")
    # The story's words: the trail says that they changed, not what they say.
    audit_redacted = ("title", "text", "outcome")

    person = models.ForeignKey("persons.Person", on_delete=models.CASCADE, related_name="stories")
    pathway = models.ForeignKey(
        "pathways.Pathway", on_delete=models.CASCADE, related_name="stories"
    )
    # The structure that holds the pathway: it writes, reviews and answers for the story.
    organization = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.PROTECT,
        related_name="stories",
        verbose_name="structure",
    )
    first_name = models.CharField(
        "prénom d'emprunt",
        max_length=40,
        help_text="Un autre prénom que le sien : personne ne doit la ou le reconnaître.",
    )
    title = models.CharField("titre", max_length=120)
    text = models.TextField("récit")
    job = models.CharField("métier", max_length=120, blank=True)
    sector = models.CharField("secteur", max_length=120, blank=True)
    contract_type = models.CharField(
        "type de contrat", max_length=12, choices=ContractType.choices, blank=True
    )
    outcome = models.CharField(
        "aujourd'hui",
        max_length=200,
        help_text="Où en est la personne aujourd'hui, en une phrase (« en CDI depuis mars »).",
    )
    state = models.CharField(
        "état", max_length=12, choices=StoryState.choices, default=StoryState.DRAFT
    )
    # Given at the first publication, from the title and the number: never a name.
    slug = models.SlugField("adresse publique", max_length=80, blank=True)
    published_at = models.DateTimeField("publiée le", null=True, blank=True)
    # The person's consent, as it was given: the text shown, the date, what for, who
    # recorded it; and its withdrawal, which takes the story down at once.
    consent_text = models.TextField("texte du consentement", blank=True)
    consent_scope = models.CharField(
        "usage accepté", max_length=10, choices=ConsentScope.choices, blank=True
    )
    consented_on = models.DateField("accord donné le", null=True, blank=True)
    consent_method = models.CharField(
        "accord recueilli", max_length=10, choices=ConsentMethod.choices, blank=True
    )
    consent_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="accord enregistré par",
    )
    consent_recorded_at = models.DateTimeField("accord enregistré le", null=True, blank=True)
    consent_withdrawn_at = models.DateTimeField("accord retiré le", null=True, blank=True)
    consent_withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="retrait enregistré par",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="rédigée par",
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)
    is_demo = models.BooleanField("donnée de démonstration", default=False)

    objects = StoryQuerySet.as_manager()

    class Meta:
        verbose_name = "belle histoire"
        verbose_name_plural = "belles histoires"
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["slug"], condition=~Q(slug=""), name="story_unique_slug"
            ),
        ]
        indexes = [
            models.Index(fields=["organization", "state"], name="story_organization_state"),
            models.Index(fields=["state", "published_at"], name="story_state_published"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def of_first_name(self) -> str:
        """« d'Aminata », « de Nadia »: the story is told under the changed first name."""
        return of(self.first_name)

    @property
    def has_consent(self) -> bool:
        return self.consented_on is not None and self.consent_withdrawn_at is None

    def audit_organization_id(self):
        return self.organization_id

    def audit_label(self) -> str:
        return f"Belle histoire n° {self.pk} du dossier n° {self.person_id}"


class StoryTransition(TransitionLog):
    lifecycle = LIFECYCLE
    personal_data_of = "story__person"
    personal_fields = {"comment": Scrub.BLANK}

    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="transitions")

    class Meta(TransitionLog.Meta):
        verbose_name = "changement d'état d'une belle histoire"
        verbose_name_plural = "changements d'état des belles histoires"
