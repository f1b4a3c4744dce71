from django.core.management.base import BaseCommand
from django_tasks_db.models import DBTaskResult

from scheduling.registry import PERIODIC
from scheduling.tasks import run_periodic

PENDING = ("READY", "RUNNING")


class Command(BaseCommand):
    help = "Démarre les tâches périodiques qui n'ont pas d'exécution en attente."

    def handle(self, *args, **options):
        for name in PERIODIC:
            pending = DBTaskResult.objects.filter(
                task_path=run_periodic.module_path,
                status__in=PENDING,
                args_kwargs__kwargs__name=name,
            ).exists()
            if pending:
                self.stdout.write(f"{name} : déjà planifiée.")
            else:
                run_periodic.enqueue(name=name)
                self.stdout.write(f"{name} : planifiée.")
