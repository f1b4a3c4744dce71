from django.db import migrations, models
from django.db.models import F
from django.db.models.functions import Cos, Radians, Sin


def fill_unit_vectors(apps, schema_editor):
    """Every located offer gets the unit vector of its coordinates, in one statement
    (the formula of `lib.geo.unit_vector`, written here so that this migration never
    changes)."""
    JobOffer = apps.get_model("offers", "JobOffer")
    phi, lam = Radians(F("latitude")), Radians(F("longitude"))
    JobOffer.objects.filter(latitude__isnull=False, longitude__isnull=False).update(
        unit_x=Cos(phi) * Cos(lam), unit_y=Cos(phi) * Sin(lam), unit_z=Sin(phi)
    )


class Migration(migrations.Migration):
    """Each offer's place as a point on the unit sphere: the public board measures and
    orders distances with arithmetic on it, read from its index with the rest."""

    dependencies = [
        ("offers", "0003_board_index_covers_filters"),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name="joboffer",
            name="offer_public_geo",
        ),
        migrations.AddField(
            model_name="joboffer",
            name="unit_x",
            field=models.FloatField(blank=True, editable=False, null=True),
        ),
        migrations.AddField(
            model_name="joboffer",
            name="unit_y",
            field=models.FloatField(blank=True, editable=False, null=True),
        ),
        migrations.AddField(
            model_name="joboffer",
            name="unit_z",
            field=models.FloatField(blank=True, editable=False, null=True),
        ),
        migrations.RunPython(fill_unit_vectors, migrations.RunPython.noop, elidable=True),
        migrations.AddIndex(
            model_name="joboffer",
            index=models.Index(
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
        ),
    ]
