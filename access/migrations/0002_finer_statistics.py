from django.db import migrations

from lib.planner_statistics import finer_statistics


class Migration(migrations.Migration):
    dependencies = [("access", "0001_person_access")]

    operations = [
        migrations.RunPython(
            finer_statistics(("access_personaccess", "organization_id")),
            migrations.RunPython.noop,
        ),
    ]
