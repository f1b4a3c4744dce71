"""A working group's people get a role: the many-to-many's own table becomes the
`GroupMember` model (same table, same columns), with a role and a date; the group's
creator runs it. The sheet's text of events is shown as « Autres suites »."""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


def creators_run_their_groups(apps, schema_editor):
    WorkingGroup = apps.get_model("cooperation", "WorkingGroup")
    GroupMember = apps.get_model("cooperation", "GroupMember")
    for group in WorkingGroup.objects.exclude(created_by=None).only("pk", "created_by_id"):
        GroupMember.objects.update_or_create(
            group_id=group.pk, user_id=group.created_by_id, defaults={"role": "organizer"}
        )


class Migration(migrations.Migration):
    dependencies = [
        ("cooperation", "0002_meetings_and_events"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="GroupMember",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        (
                            "group",
                            models.ForeignKey(
                                db_column="workinggroup_id",
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="people",
                                to="cooperation.workinggroup",
                            ),
                        ),
                        (
                            "user",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "personne d'un groupe de travail",
                        "db_table": "cooperation_workinggroup_members",
                        "ordering": ["group", "id"],
                        "unique_together": {("group", "user")},
                    },
                ),
                migrations.AlterField(
                    model_name="workinggroup",
                    name="members",
                    field=models.ManyToManyField(
                        blank=True,
                        related_name="+",
                        through="cooperation.GroupMember",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="participant·es",
                    ),
                ),
            ],
            database_operations=[],
        ),
        migrations.AddField(
            model_name="groupmember",
            name="role",
            field=models.CharField(
                choices=[("organizer", "Anime le groupe"), ("participant", "Participe")],
                default="participant",
                max_length=12,
                verbose_name="rôle",
            ),
        ),
        migrations.AddField(
            model_name="groupmember",
            name="added_at",
            field=models.DateTimeField(
                default=django.utils.timezone.now, verbose_name="ajouté·e le"
            ),
        ),
        migrations.RunPython(creators_run_their_groups, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="actionsheet",
            name="events_text",
            field=models.TextField(blank=True, verbose_name="autres suites"),
        ),
    ]
