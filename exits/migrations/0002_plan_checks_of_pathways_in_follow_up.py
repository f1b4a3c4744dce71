"""Pathways already in « suivi après sortie » before the check existed get theirs, 6
calendar months after their exit, so that the follow-up has its way out (recording the
check). Closed pathways stay as they are."""

from django.db import migrations

from lib.calendar_months import add_months


def plan(apps, schema_editor):
    Pathway = apps.get_model("pathways", "Pathway")
    PostExitCheck = apps.get_model("exits", "PostExitCheck")
    waiting = Pathway.objects.filter(
        state="post_exit", closed_on__isnull=False, post_exit_checks__isnull=True
    )
    PostExitCheck.objects.bulk_create(
        PostExitCheck(pathway_id=pk, due_on=add_months(closed_on, 6))
        for pk, closed_on in waiting.values_list("pk", "closed_on")
    )


class Migration(migrations.Migration):
    dependencies = [
        ("exits", "0001_post_exit_checks_and_exit_reviews"),
    ]

    # Going back leaves the checks: they are dropped with the table by 0001's reversal.
    operations = [migrations.RunPython(plan, migrations.RunPython.noop)]
