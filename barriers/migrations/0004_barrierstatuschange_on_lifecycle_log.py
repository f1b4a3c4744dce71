from django.db import migrations, models

STATUSES = [
    ("identified", "Identifié"),
    ("being_lifted", "En cours de levée"),
    ("lifted", "Levé"),
    ("not_relevant", "N'est plus d'actualité"),
]


class Migration(migrations.Migration):
    """The status log takes the shape of every lifecycle log (`lib.lifecycle`): its
    columns are renamed, so each row keeps its values (and renamed back when reversed)."""

    dependencies = [
        ("barriers", "0003_alter_barrierstatuschange_options"),
    ]

    operations = [
        migrations.RenameField(
            model_name="barrierstatuschange", old_name="from_status", new_name="from_state"
        ),
        migrations.RenameField(
            model_name="barrierstatuschange", old_name="to_status", new_name="to_state"
        ),
        migrations.AlterField(
            model_name="barrierstatuschange",
            name="from_state",
            field=models.CharField(blank=True, choices=STATUSES, max_length=20),
        ),
        migrations.AlterField(
            model_name="barrierstatuschange",
            name="to_state",
            field=models.CharField(choices=STATUSES, max_length=20),
        ),
    ]
