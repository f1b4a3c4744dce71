from django.utils import timezone
from django.utils.module_loading import import_string
from django_tasks import task

from scheduling.registry import PERIODIC


@task()
def run_periodic(*, name: str) -> object:
    """Run the job `name`, then enqueue its next run. The next run is enqueued even if
    this one fails, so one bad night does not stop the schedule."""
    path, interval = PERIODIC[name]
    try:
        return import_string(path)(now=timezone.now())
    finally:
        run_periodic.using(run_after=timezone.now() + interval).enqueue(name=name)
