from io import StringIO

from django.core.management import call_command

from barriers import referential
from barriers.models import BarrierItem, BarrierTheme
from barriers.thematiques import thematiques, theme_of


def test_it_loads_every_theme_and_item_with_the_migration(db):
    assert BarrierTheme.objects.count() == len(referential.THEMES)
    assert BarrierItem.objects.count() == len(referential.ITEMS)
    assert set(BarrierTheme.objects.filter(is_sensitive=True).values_list("code", flat=True)) == {
        "sante",
        "famille",
        "difficultes-administratives-ou-juridiques",
    }


def test_it_maps_every_item_to_real_thematiques():
    known = thematiques()
    for item in referential.ITEMS:
        assert item.lifted_by, item.code
        assert all(value in known for value in item.lifted_by), item.code
    assert {theme.code for theme in referential.THEMES} <= {theme_of(v) for v in known}


def test_it_reloads_the_referential_without_duplicates(db):
    BarrierItem.objects.filter(code="mobilite-sans-permis").update(label="ancien libellé")
    out = StringIO()
    call_command("load_barrier_referential", stdout=out)
    call_command("load_barrier_referential", stdout=out)
    assert BarrierItem.objects.count() == len(referential.ITEMS)
    assert BarrierItem.objects.get(code="mobilite-sans-permis").label == "Pas de permis de conduire"
