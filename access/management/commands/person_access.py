from django.core.management.base import BaseCommand, CommandError

from access import ledger
from access.models import PersonAccess

SHOWN = 20


class Command(BaseCommand):
    help = (
        "La table de qui voit qui : --check prouve qu'elle suit les règles d'accès (pourquoi "
        "chaque organisation voit chaque personne) et que ses copies du nom et du dernier "
        "contact de chaque personne sont à jour, --rebuild la recalcule entièrement."
    )

    def add_arguments(self, parser):
        action = parser.add_mutually_exclusive_group(required=True)
        action.add_argument(
            "--check", action="store_true", help="Comparer la table aux règles, sans rien changer."
        )
        action.add_argument(
            "--rebuild", action="store_true", help="Recalculer la table puis la vérifier."
        )

    def handle(self, *args, check: bool, rebuild: bool, **options):
        if rebuild:
            rows = ledger.rebuild()
            self.stdout.write(f"Table recalculée : {rows} accès.")
        missing, extra = ledger.differences()
        stale = ledger.stale_copies()
        if not missing and not extra and not stale:
            total = PersonAccess.objects.count()
            self.stdout.write(
                self.style.SUCCESS(f"La table suit les règles d'accès : {total} accès vérifiés.")
            )
            return
        for title, rows in (("Manquants", missing), ("En trop", extra)):
            if rows:
                self.stderr.write(f"{title} : {len(rows)}")
                for row in rows[:SHOWN]:
                    self.stderr.write(
                        "  "
                        + ", ".join(f"{c}={v}" for c, v in zip(ledger.COLUMNS, row, strict=True))
                    )
        if stale:
            self.stderr.write(
                f"Copies périmées (nom ou dernier contact de la personne) : {len(stale)}"
            )
            for organization_id, person_id, column in stale[:SHOWN]:
                self.stderr.write(
                    f"  organization_id={organization_id}, person_id={person_id}, {column}"
                )
        raise CommandError(
            "La table de qui voit qui ne suit pas les règles : "
            "« manage.py person_access --rebuild » la recalcule."
        )
