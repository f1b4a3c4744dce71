from django.db import migrations, models

from lib.stemming import indexed
from lib.trigram import trigram_index


def fill(apps, schema_editor):
    """The words of the names already loaded (a new load writes them itself)."""
    for model_name in ("RomeFamily", "Appellation"):
        model = apps.get_model("jobs", model_name)
        rows = list(model.objects.only("pk", "name"))
        for row in rows:
            row.search_words = indexed(row.name)
        model.objects.bulk_update(rows, ["search_words"], batch_size=2000)


class Migration(migrations.Migration):
    dependencies = [
        ("jobs", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="appellation",
            name="search_words",
            field=models.TextField(blank=True, default="", editable=False),
        ),
        migrations.AddField(
            model_name="romefamily",
            name="search_words",
            field=models.TextField(blank=True, default="", editable=False),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
        trigram_index("jobs_appellation", "search_words", "appellation_search_words_trgm"),
        trigram_index("jobs_romefamily", "search_words", "romefamily_search_words_trgm"),
    ]
