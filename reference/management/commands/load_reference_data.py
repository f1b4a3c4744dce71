from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from reference.errors import ReferenceDataError
from reference.loading import DEFAULT_DATA_DIR, load_reference_data


class Command(BaseCommand):
    help = (
        "Charge les données de référence (communes, EPCI, départements, régions, ROME, "
        "appellations, mobilités, embauches par secteur, métiers en tension). Idempotent : "
        "les fichiers inchangés depuis le dernier chargement sont ignorés."
    )

    # `make run` has just run `migrate`, which ran the checks; running them again would
    # import every URL and API module and double the cost of a no-change start.
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument(
            "--data-dir",
            type=Path,
            default=DEFAULT_DATA_DIR,
            help="Dossier des fichiers CSV (par défaut : reference/data du projet).",
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Recharger tous les fichiers, même ceux dont la somme de contrôle n'a pas changé.",
        )

    def handle(self, *args, data_dir: Path, force: bool, **options):
        try:
            reports = load_reference_data(data_dir, force=force)
        except ReferenceDataError as error:
            raise CommandError(
                f"{error}\nChargement annulé : aucune donnée de référence n'a été modifiée."
            ) from None
        for report in reports:
            if report.skipped:
                line = f"{report.file_name} : inchangé depuis le dernier chargement."
            else:
                line = (
                    f"{report.file_name} : {report.rows} lignes, {report.created} ajoutées, "
                    f"{report.updated} modifiées, {report.deleted} supprimées"
                    f" ({report.seconds:.1f} s)."
                )
                if report.kept:
                    line += f" {report.kept} absentes du fichier, conservées."
            self.stdout.write(line)
        if not any(r.changed for r in reports):
            self.stdout.write(self.style.SUCCESS("Données de référence à jour."))
        else:
            self.stdout.write(self.style.SUCCESS("Données de référence chargées."))
