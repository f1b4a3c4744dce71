"""Who sees whom, in one indexed table: every list, count and worklist about persons
starts from it, so that a structure's page costs what that structure holds, not what the
platform weighs.

A row says that an organization (or, for a seat on a pathway team, one user acting for
it) sees a person at a level, since a date, and why. The rows are derived: the truth
stays in pathways, team seats and the record's creator, read through the capabilities
of `access.policy`. `access.ledger` rewrites a person's rows in the transaction of every
service that changes one of these, and `manage.py person_access --check` proves the
table agrees with the rules.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from access.policy import active_memberships
from persons.levels import Level
from retention.scrub import Scrub


class Relation(models.TextChoices):
    HOLDS = "holds", "Structure qui porte un parcours"
    CREATED = "created", "Organisation qui a créé le dossier"
    PRESCRIBED = "prescribed", "Prescripteur d'un parcours"
    TEAM_SEAT = "team_seat", "Place dans l'équipe d'un parcours"


class PersonAccessQuerySet(models.QuerySet):
    def for_user(self, user, organizations=None):
        """The rows that give `user` something: those of the user's active organizations
        (of `organizations` only, if given), but a seat on a team only to the user who
        holds it, and only until its end date."""
        if not user.is_authenticated:
            return self.none()
        ids = [
            m.organization_id
            for m in active_memberships(user)
            if organizations is None or m.organization_id in organizations
        ]
        today = timezone.localdate()
        return self.filter(organization_id__in=ids).filter(
            Q(user__isnull=True) | Q(user=user, until__isnull=True) | Q(user=user, until__gte=today)
        )


class PersonAccess(models.Model):
    # Who sees the person is part of what they may ask to know (`retention.export`).
    personal_data_of = "person"
    personal_fields = {"search_name": Scrub.BLANK}
    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.CASCADE, related_name="+"
    )
    person = models.ForeignKey("persons.Person", on_delete=models.CASCADE, related_name="+")
    level = models.PositiveSmallIntegerField(
        "niveau", choices=[(int(Level.MILESTONES), "Grandes étapes"), (int(Level.TEAM), "Équipe")]
    )
    relation = models.CharField("raison", max_length=12, choices=Relation.choices)
    since = models.DateField("depuis")
    # A seat on a team is one user's, not the organization's: the other members of the
    # organization see nothing through it. Empty for the other relations.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.CASCADE, related_name="+"
    )
    # The seat's end date (`TeamMember.access_until`), read at query time.
    until = models.DateField("jusqu'au", null=True)
    # A copy of the person's `search_name`, so that a structure's list is searched by
    # name among its own rows, in one index, without reading a person of the platform:
    # written by `access.ledger` with the rows, and again when the names change.
    search_name = models.CharField(
        max_length=310, blank=True, default="", db_default="", editable=False
    )
    # A copy of the person's `last_contact_at`, so that « sans contact » of a structure's
    # worklist sorts and counts its own rows (`pathways.selectors.without_contact`):
    # written with the rows, and again by every service that notes a contact.
    last_contact_at = models.DateTimeField(null=True, editable=False)

    objects = PersonAccessQuerySet.as_manager()

    class Meta:
        verbose_name = "accès à une personne"
        verbose_name_plural = "accès aux personnes"
        indexes = [
            # Every scope starts here: the rows of the user's organizations, with all
            # that the filter reads in the index itself (no table visit per row).
            models.Index(
                fields=["organization", "person", "level", "user", "until"],
                name="person_access_scope",
            ),
            models.Index(fields=["person"], name="person_access_person"),
            # A search by name in a structure's list: its rows with their names, read
            # in the index alone.
            models.Index(
                fields=["organization", "search_name", "person", "user", "until"],
                name="person_access_name",
            ),
            # « Sans contact » of a structure's worklist: the persons it holds by their
            # last contact, read in this index alone.
            models.Index(
                fields=["organization", "relation", "last_contact_at", "person"],
                name="person_access_contact",
            ),
        ]

    def __str__(self):
        return f"{self.organization_id} → {self.person_id} ({self.get_relation_display()})"
