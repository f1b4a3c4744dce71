"""The « Je suis intéressé·e » of the public board used to land as walk-in referrals
(« Venue spontanée (permanence) ») with no link to the offer. Such referrals — walk-in,
with no sender, whose motivation starts with the heading the board wrote — become
« candidature sur une offre », linked to the offer when exactly one offer of the
receiving structure (held or written) bears the title the motivation names; the pathway
opened by accepting one entered the same way. Each change is written to the audit trail
by the system.

The heading is frozen here as the board wrote it: a migration must give the same result
whenever it runs."""

from django.db import migrations
from django.db.models import Q

HEADING = "Intéressé·e par l'offre « "
SYSTEM_ACTOR = "Système"


def _title(motivation: str) -> str:
    # « {title} » ({company}). — the company may hold « » too, the title rarely does.
    named = motivation[len(HEADING) :].split("\n", 1)[0]
    return named.rsplit(" » (", 1)[0]


def relabel_offer_applications(apps, schema_editor) -> int:
    Referral = apps.get_model("referrals", "Referral")
    JobOffer = apps.get_model("offers", "JobOffer")
    Pathway = apps.get_model("pathways", "Pathway")
    AuditEntry = apps.get_model("audit", "AuditEntry")
    ContentType = apps.get_model("contenttypes", "ContentType")
    content_type, _ = ContentType.objects.get_or_create(app_label="referrals", model="referral")
    pathway_type, _ = ContentType.objects.get_or_create(app_label="pathways", model="pathway")
    changed = 0
    applications = Referral.objects.filter(
        channel="walk_in", from_organization__isnull=True, motivation__startswith=HEADING
    ).order_by("pk")
    for referral in applications.iterator():
        structure = referral.to_organization_id
        offers = list(
            JobOffer.objects.filter(title=_title(referral.motivation))
            .filter(Q(organization_id=structure) | Q(written_by_organization_id=structure))
            .values_list("pk", flat=True)[:2]
        )
        offer_id = offers[0] if len(offers) == 1 else None
        Referral.objects.filter(pk=referral.pk).update(channel="offer", offer_id=offer_id)
        changes = {"channel": ["walk_in", "offer"]}
        if offer_id is not None:
            changes["offer"] = [None, offer_id]
        AuditEntry.objects.create(
            content_type=content_type,
            object_id=str(referral.pk),
            object_repr=f"Orientation du dossier n° {referral.person_id}"[:255],
            action="update",
            changes=changes,
            actor=None,
            actor_repr=SYSTEM_ACTOR,
            organization_id=structure,
        )
        entered = Pathway.objects.filter(pk=referral.pathway_id, entry_channel="walk_in")
        if referral.pathway_id is not None and entered.update(entry_channel="offer"):
            AuditEntry.objects.create(
                content_type=pathway_type,
                object_id=str(referral.pathway_id),
                object_repr=f"Parcours du dossier n° {referral.person_id}"[:255],
                action="update",
                changes={"entry_channel": ["walk_in", "offer"]},
                actor=None,
                actor_repr=SYSTEM_ACTOR,
                organization_id=structure,
            )
        changed += 1
    return changed


class Migration(migrations.Migration):
    dependencies = [
        ("referrals", "0005_referral_offer_channel"),
        ("offers", "0009_offer_request_keys"),
        ("pathways", "0010_entry_channel_offer_application"),
        ("audit", "0003_sensitiveread_person_sensitiveread_user_and_more"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(relabel_offer_applications, migrations.RunPython.noop),
    ]
