from django.db import migrations, models


class Migration(migrations.Migration):
    """The public board's index covers the contract, the job and the id too: a search
    ranks by distance, with or without those filters, without reading the offers' rows."""

    dependencies = [
        ("offers", "0002_alter_introductiontransition_options"),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name="joboffer",
            name="offer_public_geo",
        ),
        migrations.AddIndex(
            model_name="joboffer",
            index=models.Index(
                fields=[
                    "state",
                    "latitude",
                    "longitude",
                    "contract_type",
                    "appellation",
                    "id",
                ],
                name="offer_public_geo",
            ),
        ),
    ]
