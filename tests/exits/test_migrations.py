from datetime import date

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from exits.models import PostExitCheck
from pathways.models import Pathway


@pytest.mark.django_db(transaction=True)
def test_a_pathway_already_in_follow_up_after_exit_gets_its_check(team, followed):
    # As the step form could do before: closed on 31 August, then « suivi après sortie ».
    Pathway.objects.filter(pk=followed.pathway.pk).update(
        state="post_exit", closed_on=date(2025, 8, 31), exit_reason="cdi", exit_category="durable"
    )
    executor = MigrationExecutor(connection)
    executor.migrate([("exits", "0001_post_exit_checks_and_exit_reviews")])
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
    check = PostExitCheck.objects.get(pathway=followed.pathway)
    assert (check.due_on, check.done_on) == (date(2026, 2, 28), None)
