from allauth.mfa.totp.internal.auth import TOTP
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from audit.context import acting_as
from demo import territory
from demo.build_companies import build_companies
from demo.build_cooperation import build_cooperation
from demo.build_events import build_events
from demo.build_exits import build_exits
from demo.build_history import build_history
from demo.build_offers import build_offers
from demo.build_people import build_people
from demo.build_referrals import build_referrals
from demo.build_service_referrals import build_service_referrals
from demo.build_stories import build_stories
from organizations.enums import Role
from organizations.models import Organization
from organizations.services import membership_add, organization_create
from organizations.siret import with_check_digit
from territories.models import EPCI, Commune

User = get_user_model()


class Command(BaseCommand):
    help = "Construit le territoire de démonstration (idempotent) et affiche les comptes."

    def add_arguments(self, parser):
        parser.add_argument(
            "--quiet-accounts",
            action="store_true",
            help="Ne pas afficher les comptes de démonstration.",
        )

    def handle(self, *args, **options):
        if not Commune.objects.filter(code__in=["49007", "12164"]).exists():
            raise CommandError(
                "Les données de référence manquent : "
                "lancez d'abord `manage.py load_reference_data`."
            )
        if Organization.objects.filter(is_demo=True).exists():
            self.stdout.write("Territoire de démonstration déjà présent.")
        else:
            with acting_as(None), transaction.atomic():
                organizations = self._build()
                people = build_people(organizations)
                build_companies(organizations)
                build_referrals(organizations)
                build_service_referrals(organizations)
                build_offers(organizations)
                build_exits(organizations)
                build_stories()
                build_events(organizations)
                build_cooperation(organizations)
                people += build_history(organizations)
            self.stdout.write(
                self.style.SUCCESS(f"Territoire de démonstration créé ({people} personnes).")
            )
        if not options["quiet_accounts"]:
            self._print_accounts()

    def _build(self) -> None:
        # One hash for the shared demo password: hashing it per user would take seconds.
        self._password_hash = make_password(territory.DEMO_PASSWORD)
        organizations = {}
        for index, spec in enumerate(territory.ORGANIZATIONS):
            siret = with_check_digit(f"{990000000 + index * 7:09d}{index + 1:04d}")
            organizations[spec.key] = organization_create(
                name=spec.name,
                kind=spec.kind,
                siret=siret,
                commune=Commune.objects.get(pk=spec.commune),
                address=spec.address,
                email=f"contact@{spec.key}.{territory.DEMO_EMAIL_DOMAIN}",
                served_epcis=[EPCI.objects.get(pk=spec.serves_epci)],
                served_communes=list(Commune.objects.filter(pk__in=spec.extra_communes)),
                is_demo=True,
            )
        for funded, funder in territory.FUNDINGS:
            organizations[funded].funders.add(organizations[funder])
        for spec in territory.USERS:
            user = self._user(spec.email, spec.first_name, spec.last_name, is_staff=spec.is_staff)
            for org_key, role in spec.memberships:
                membership_add(organization=organizations[org_key], user=user, role=role)
        firsts, lasts = territory.DIRECTOR_FIRST_NAMES, territory.DIRECTOR_LAST_NAMES
        for index, spec in enumerate(territory.ORGANIZATIONS):
            director = self._user(
                f"direction.{spec.key}@{territory.DEMO_EMAIL_DOMAIN}",
                firsts[index % len(firsts)],
                lasts[index % len(lasts)],
            )
            membership_add(organization=organizations[spec.key], user=director, role=Role.ADMIN)
        return organizations

    def _user(self, email, first_name, last_name, *, is_staff=False):
        user = User.objects.create(
            email=email,
            password=self._password_hash,
            first_name=first_name,
            last_name=last_name,
            is_staff=is_staff,
            is_superuser=is_staff,
            is_demo=True,
        )
        if is_staff or email.startswith("direction."):
            TOTP.activate(user, territory.DEMO_TOTP_SECRET)
        return user

    def _print_accounts(self) -> None:
        out = self.stdout
        domain = territory.DEMO_EMAIL_DOMAIN
        out.write("")
        out.write(f"Comptes de démonstration (mot de passe commun : {territory.DEMO_PASSWORD})")
        for spec in territory.USERS:
            if spec.persona:
                orgs = (
                    ", ".join(
                        next(o.name for o in territory.ORGANIZATIONS if o.key == key)
                        for key, _ in spec.memberships
                    )
                    or "plateforme"
                )
                out.write(f"  - {spec.persona:<62} {spec.email}")
                out.write(f"      {orgs}")
        out.write(
            f"  Administrateurs d'organisation : direction.<organisation>@{domain} "
            f"(ex. direction.aci-jardins@{domain})"
        )
        out.write(
            "  Double authentification des administrateurs : code du moment avec "
            f"`make demo-totp` (ou une application TOTP, clé {territory.DEMO_TOTP_SECRET})."
        )
        out.write("")
