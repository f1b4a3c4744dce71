from django.core.management.base import BaseCommand, CommandError

from partner_services.importing import ServiceImportError, import_services_file


class Command(BaseCommand):
    help = (
        "Importe des services au format data·inclusion (liste JSON) ; met à jour les "
        "services déjà connus (même source et même identifiant). Un fichier qui contient "
        "une erreur est refusé en entier."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="Fichier JSON : une liste de services data·inclusion")
        parser.add_argument(
            "--demo", action="store_true", help="Marquer les services comme démonstration"
        )

    def handle(self, *args, file, demo, **options):
        try:
            report = import_services_file(file, demo=demo)
        except ServiceImportError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            f"{report.records} services lus : {report.created} créés, {report.updated} mis à "
            f"jour, {report.unchanged} inchangés."
        )
