from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from accounts.services import api_token_create


class Command(BaseCommand):
    help = "Crée un jeton d'API pour un utilisateur et l'affiche (il ne sera plus jamais affiché)."

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument("--name", default="ligne de commande")

    def handle(self, *args, email, name, **options):
        user = get_user_model().objects.filter(email__iexact=email, is_active=True).first()
        if user is None:
            raise CommandError(f"Aucun utilisateur actif avec l'adresse {email}.")
        _, raw = api_token_create(user=user, name=name)
        self.stderr.write(f"Jeton « {name} » créé pour {user.email} :")
        self.stdout.write(raw)
