from django.core.management import call_command
from django.test import override_settings
from django_tasks_db.models import DBTaskResult

from scheduling.registry import PERIODIC
from scheduling.tasks import run_periodic

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@override_settings(TASKS=DATABASE_TASKS)
def test_each_periodic_job_is_started_once(db, capsys):
    call_command("ensure_periodic_tasks")
    call_command("ensure_periodic_tasks")
    assert DBTaskResult.objects.filter(task_path=run_periodic.module_path).count() == len(PERIODIC)
    assert "déjà planifiée" in capsys.readouterr().out


@override_settings(TASKS=DATABASE_TASKS)
def test_a_run_enqueues_the_next_one_later(db):
    result = run_periodic.call(name="referrals.follow_up")
    assert result == {"expired": 0, "reminded": 0}
    following = DBTaskResult.objects.get(task_path=run_periodic.module_path)
    assert following.args_kwargs["kwargs"] == {"name": "referrals.follow_up"}
    assert following.run_after > following.enqueued_at
