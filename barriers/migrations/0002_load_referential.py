"""Load the barrier referential (themes and items of barriers/referential.py).
Idempotent: `load_barrier_referential` runs the same code after a change of the list."""

from django.db import migrations


def load(apps, schema_editor):
    from barriers import referential

    referential.load(
        apps.get_model("barriers", "BarrierTheme"), apps.get_model("barriers", "BarrierItem")
    )


class Migration(migrations.Migration):
    dependencies = [("barriers", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
