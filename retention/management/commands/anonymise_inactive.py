from django.core.management.base import BaseCommand
from django.utils import timezone

from audit.context import acting_as
from lib.plural import count_of
from retention.services import BATCH_SIZE, retention_pending, retention_run


class Command(BaseCommand):
    help = (
        "Prévient les référents des dossiers sans contact depuis près de deux ans, puis "
        "anonymise ceux dont le délai de 30 jours est passé. Reprend là où il s'est arrêté."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Compter sans rien envoyer ni anonymiser."
        )
        parser.add_argument("--batch-size", type=int, default=BATCH_SIZE)

    def handle(self, *args, dry_run: bool, batch_size: int, **options):
        now = timezone.now()
        if dry_run:
            counts = retention_pending(now)
            self.stdout.write(
                f"À prévenir : {count_of(counts['warned'], 'dossier')}. "
                f"À anonymiser : {count_of(counts['anonymised'], 'dossier')}. "
                "(Simulation : rien n'est fait.)"
            )
            return
        total = {"warned": 0, "anonymised": 0, "interests": 0}
        with acting_as(None):
            while True:
                counts = retention_run(now=now, batch_size=batch_size)
                for key in total:
                    total[key] += counts.get(key, 0)
                if all(counts.get(key, 0) < batch_size for key in total):
                    break
        self.stdout.write(
            self.style.SUCCESS(
                f"Prévenus : {count_of(total['warned'], 'dossier')}. "
                f"Anonymisés : {total['anonymised']}. "
                f"Marques d'intérêt effacées : {total['interests']}."
            )
        )
