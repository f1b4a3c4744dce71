from django.db import migrations

from lib.planner_statistics import finer_statistics


class Migration(migrations.Migration):
    dependencies = [("pathways", "0005_worklist_indexes")]

    operations = [
        migrations.RunPython(
            finer_statistics(
                ("pathways_pathway", "organization_id"),
                ("pathways_pathway", "prescriber_organization_id"),
            ),
            migrations.RunPython.noop,
        ),
    ]
