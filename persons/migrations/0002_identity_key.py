"""The identity key of every active record with names and a birth date. Records that
already share one (duplicates not merged yet, or homonyms confirmed as other persons)
cannot all hold it: the oldest does, the others stay without, as a homonym confirmed by
hand would. The unique constraint comes in the next migration, once every key is set."""

import re

from django.db import migrations, models
from unidecode import unidecode

_SEPARATORS = re.compile(r"[^a-z0-9]+")


def _normalize(text: str) -> str:
    # The same as lib.text.normalize, frozen here as this migration ran.
    return _SEPARATORS.sub(" ", unidecode(text or "").lower()).strip()


def set_identity_keys(apps, schema_editor):
    Person = apps.get_model("persons", "Person")
    taken, batch = set(), []
    people = (
        Person.objects.filter(merged_into__isnull=True, birth_date__isnull=False)
        .order_by("pk")
        .only("pk", "first_name", "last_name", "birth_date")
    )
    for person in people.iterator(chunk_size=2000):
        first, last = _normalize(person.first_name), _normalize(person.last_name)
        if not first or not last:
            continue
        key = f"{_normalize(f'{last} {first}')}|{person.birth_date.isoformat()}"
        if key in taken:
            continue
        taken.add(key)
        person.identity_key = key
        batch.append(person)
        if len(batch) >= 2000:
            Person.objects.bulk_update(batch, ["identity_key"])
            batch = []
    Person.objects.bulk_update(batch, ["identity_key"])


class Migration(migrations.Migration):
    dependencies = [
        ("persons", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="person",
            name="identity_key",
            field=models.CharField(blank=True, editable=False, max_length=330, null=True),
        ),
        migrations.RunPython(set_identity_keys, migrations.RunPython.noop, elidable=True),
    ]
