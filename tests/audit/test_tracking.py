from audit.context import acting_as
from audit.models import Action, AuditEntry
from barriers.models import BarrierItem
from barriers.services import barrier_identify
from organizations.models import Organization
from tests.factories.organizations import OrganizationFactory


def test_it_records_creation_update_and_deletion_with_the_actor(team):
    with acting_as(team.admin):
        organization = OrganizationFactory(name="Avant")
        organization = Organization.objects.get(pk=organization.pk)
        organization.name = "Après"
        organization.save()
        organization_pk = organization.pk
        organization.delete()
    entries = list(
        AuditEntry.objects.filter(
            object_id=str(organization_pk), content_type__model="organization"
        ).order_by("id")
    )
    assert [e.action for e in entries] == [Action.CREATE, Action.UPDATE, Action.DELETE]
    assert entries[0].changes["name"] == [None, "Avant"]
    assert entries[1].changes == {"name": ["Avant", "Après"]}
    assert all(e.actor == team.admin for e in entries)
    assert entries[2].object_repr == "Après"


def test_it_records_nothing_when_nothing_changed(team):
    organization = Organization.objects.get(pk=team.organization.pk)
    before = AuditEntry.objects.count()
    organization.save()
    assert AuditEntry.objects.count() == before


def test_it_names_the_system_without_an_actor(db):
    organization = OrganizationFactory()
    entry = AuditEntry.objects.for_object(organization).get()
    assert entry.actor is None and entry.actor_repr == "Système"


def test_it_scopes_entries_to_the_members_organizations(team):
    visible = AuditEntry.objects.visible_to(team.stranger)
    assert visible.filter(organization=team.other).exists()
    assert not visible.filter(organization=team.organization).exists()


def test_it_records_that_a_redacted_field_changed_but_not_its_text(team, followed):
    person = followed.person.__class__.objects.get(pk=followed.person.pk)
    assert "address" in person.audit_redacted
    person.address = "Foyer d'accueil, chambre 12"
    person.save()
    entry = AuditEntry.objects.for_object(person).first()
    old, new = entry.changes["address"]
    assert old == "" and "masqué" in new
    assert "Foyer" not in str(entry.changes)


def test_a_sensitive_barrier_is_named_by_its_theme_only_in_the_trail(team, followed):
    barrier = barrier_identify(
        person=followed.person,
        item=BarrierItem.objects.get(code="sante-port-de-charges"),
        user=team.colleague,
        organization=team.organization,
        detail="Hernie discale, pas plus de 5 kg",
    )
    entry = AuditEntry.objects.for_object(barrier).get()
    assert entry.object_repr == "Frein (santé)"
    assert "Hernie" not in str(entry.changes) and "charges" not in entry.object_repr


def test_a_list_changed_in_place_after_loading_is_recorded_with_its_value_as_loaded(team, followed):
    person = followed.person.__class__.objects.get(pk=followed.person.pk)
    person.wanted_contract_types.append("cdi")
    person.save()
    entry = AuditEntry.objects.for_object(person).first()
    assert entry.changes["wanted_contract_types"] == [[], ["cdi"]]


def test_a_second_save_compares_with_the_first_one_not_with_the_values_as_loaded(team):
    organization = Organization.objects.get(pk=team.organization.pk)
    original = organization.name
    organization.name = "Premier nom"
    organization.save()
    organization.name = original
    organization.save()
    first, second = AuditEntry.objects.for_object(organization).order_by("id")[1:3]
    assert first.changes == {"name": [original, "Premier nom"]}
    assert second.changes == {"name": ["Premier nom", original]}
