
import re
from datetime import date, timedelta

import django.db.models.deletion
from django.db import migrations, models

# Frozen copies of `pathways.pass_iae` as it was written with this migration: a later
# change of the rule must not rewrite what this step did.
_SEPARATORS = re.compile(r"[\s.\-]+")


def _base_end(start):
    try:
        anniversary = start.replace(year=start.year + 2)
    except ValueError:  # 29 February: its anniversary in a common year is 1 March
        anniversary = date(start.year + 2, 3, 1)
    return anniversary - timedelta(days=1)


def pass_on_the_calendar(apps, schema_editor):
    """The PASS numbers lose the spaces and dots they were copied with, and every PASS
    ends two years minus a day after its start on the calendar (it was 730 days, a day
    short across a 29 February), pushed by its suspensions and extensions."""
    Pathway = apps.get_model("pathways", "Pathway")
    PassChange = apps.get_model("pathways", "PassChange")
    pathways = Pathway.objects.exclude(pass_number="", pass_start__isnull=True).only(
        "pk", "pass_number", "pass_start", "pass_end"
    )
    for pathway in pathways.iterator():
        number = _SEPARATORS.sub("", pathway.pass_number)
        end = pathway.pass_end
        if pathway.pass_start is not None:
            pushed = sum(
                (change.end - change.start).days + 1
                for change in PassChange.objects.filter(pathway_id=pathway.pk)
            )
            end = _base_end(pathway.pass_start) + timedelta(days=pushed)
        if (number, end) != (pathway.pass_number, pathway.pass_end):
            Pathway.objects.filter(pk=pathway.pk).update(pass_number=number, pass_end=end)


class Migration(migrations.Migration):

    dependencies = [
        ('pathways', '0008_worklist_by_ids'),
    ]

    operations = [
        migrations.AddField(
            model_name='pathway',
            name='previous',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='next_pathways', to='pathways.pathway', verbose_name='fait suite au parcours'),
        ),
        migrations.AlterField(
            model_name='pathway',
            name='exit_reason',
            field=models.CharField(blank=True, choices=[('cdi', 'CDI'), ('cdi_temp', 'CDI intérimaire'), ('long_fixed_term', 'CDD ou intérim de 6 mois ou plus'), ('civil_service', 'Titularisation dans la fonction publique'), ('business_creation', "Création d'entreprise"), ('short_fixed_term', 'CDD ou intérim de moins de 6 mois'), ('subsidised', 'Contrat aidé chez un employeur ordinaire'), ('training', 'Formation qualifiante ou pré-qualifiante'), ('other_siae', 'Embauche dans une autre SIAE'), ('iae_entry', 'Entrée en parcours IAE'), ('job_seeking', 'Au chômage ou inactif'), ('no_news', 'Sans nouvelles'), ('moved_away', 'Déménagement'), ('health', 'Raisons de santé'), ('retirement', 'Retraite'), ('detention', 'Incarcération')], max_length=20, verbose_name='motif de sortie'),
        ),
        migrations.RunPython(pass_on_the_calendar, migrations.RunPython.noop),
    ]
