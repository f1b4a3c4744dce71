"""Demo referrals and the ways in, through the same services the screens use: the
directory profiles of the demo structures, then referrals between the demo prescribers
and structures in every state (journey 2: Julien of France Travail, Sandrine, a refusal
« pas de poste adapté aux horaires » and a redirect), some 8 and 25 days old so the
reminders show, one expired, and a walk-in, a self-referral and an outreach.

Ages come from the services' own `now=`; the schedule's follow-up then runs once, as the
task worker would, which sends the reminders and expires what is 30 days old."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from barriers.models import BarrierTheme
from demo.territory import DEMO_EMAIL_DOMAIN
from jobs.models import Appellation, RomeFamily
from lib.text import normalize
from organizations.directory_profile import referral_profile_update
from pathways.enums import PathwayState
from pathways.services import pathway_transition
from persons.models import Person
from persons.services import person_create
from referrals import entry, services
from referrals.enums import ReferralState, RefusalReason
from territories.models import Commune

User = get_user_model()

# (organization key, open now, ROME families, barrier themes, note, capacity)
PROFILES = [
    (
        "ai-trelaze",
        True,
        ("K2204", "K1304", "A1203"),
        ("mobilite", "numerique"),
        "Missions de ménage et d'entretien chez des particuliers et des collectivités, "
        "quelques heures par semaine pour commencer. Pas de permis nécessaire.",
        "Entrées toutes les semaines, réponse sous 5 jours",
    ),
    (
        "aci-jardins",
        True,
        ("A1203", "D1106"),
        ("mobilite", "remobilisation", "lecture-ecriture-calcul"),
        "Maraîchage biologique et entretien d'espaces verts, 26 h par semaine, en "
        "extérieur. Diagnostic d'éligibilité IAE utile.",
        "4 places au printemps",
    ),
    (
        "ei-proprete",
        True,
        ("K2204",),
        ("mobilite",),
        "Nettoyage de bureaux et de locaux industriels, horaires tôt le matin ou en soirée.",
        "2 postes en ce moment",
    ),
    (
        "etti-anjou",
        True,
        ("N1103", "H3302", "K2204"),
        ("mobilite", "difficultes-financieres"),
        "Missions d'intérim en logistique et en industrie agroalimentaire, souvent en 2x8.",
        "",
    ),
    (
        "mission-trelaze",
        True,
        ("D1106", "G1603", "K1302"),
        ("numerique", "difficultes-administratives-ou-juridiques", "remobilisation"),
        "Accueil sans condition, permanence le mardi matin à l'hôtel de ville.",
        "Premier rendez-vous sous 8 jours",
    ),
    (
        "eef-aubrac",
        True,
        ("A1201", "N1103"),
        ("mobilite", "numerique", "remobilisation"),
        "Accueil de toute personne du territoire, à Mur-de-Barrez ou en permanence itinérante.",
        "",
    ),
    (
        "aci-aubrac",
        True,
        ("A1203", "A1201"),
        ("remobilisation", "mobilite"),
        "Entretien des sentiers et des berges ; transport organisé depuis Laguiole.",
        "Complet jusqu'en septembre",
    ),
    ("ccas-angers", False, (), ("difficultes-financieres", "logement-hebergement"), "", ""),
    ("garage-solidaire", True, (), ("mobilite",), "Réparation et location de véhicules.", ""),
]


@dataclass(frozen=True)
class NewPerson:
    first_name: str
    last_name: str
    age: int
    commune: str  # INSEE code


def build_referrals(organizations: dict) -> int:
    """Returns the number of referrals written."""
    _profiles(organizations)
    return _Story(organizations).tell()


def _profiles(organizations: dict) -> None:
    for key, open_now, romes, themes, note, capacity in PROFILES:
        referral_profile_update(
            organization=organizations[key],
            accepts_referrals=open_now,
            referral_note=note,
            capacity_note=capacity,
            jobs=list(RomeFamily.objects.filter(code__in=romes)),
            themes=list(BarrierTheme.objects.filter(code__in=themes)),
        )


def _user(key: str):
    return User.objects.get(email=f"{key}@{DEMO_EMAIL_DOMAIN}")


class _Story:
    def __init__(self, organizations: dict):
        self.orgs = organizations
        self.now = timezone.now()
        self.count = 0

    def ago(self, days: int):
        return self.now - timedelta(days=days)

    def person(self, spec: NewPerson, by: str, user: str) -> Person:
        slug = normalize(f"{spec.first_name}.{spec.last_name}").replace(" ", "-")
        return person_create(
            organization=self.orgs[by],
            user=_user(user),
            is_demo=True,
            data={
                "first_name": spec.first_name,
                "last_name": spec.last_name,
                "birth_date": date(self.now.year - spec.age, 6, 3 + len(spec.last_name)),
                "email": f"{slug}@personne.{DEMO_EMAIL_DOMAIN}",
                "commune": Commune.objects.get(pk=spec.commune),
            },
        )

    def send(self, person, *, by, user, to, motivation, days_ago, job="", draft=False):
        referral = services.referral_create(
            person=person,
            to_organization=self.orgs[to],
            motivation=motivation,
            from_organization=self.orgs[by],
            from_user=_user(user),
            wanted_job=Appellation.objects.get(pk=job) if job else None,
            send=False,
            is_demo=True,
        )
        self.count += 1
        if not draft:
            services.referral_send(referral=referral, user=_user(user), now=self.ago(days_ago))
            # Written the day it was sent, not the day the demo is loaded: the history
            # would otherwise end on « Brouillon ».
            referral.transitions.filter(to_state=ReferralState.DRAFT).update(at=self.ago(days_ago))
        return referral

    def tell(self) -> int:
        self.journey_two()
        self.reviewed_at_exit()
        self.other_states()
        self.other_ways_in()
        # What the task worker does every hour: reminders at 7 and 21 days, expiry at 30.
        services.referrals_follow_up(now=self.now)
        return self.count

    def journey_two(self) -> None:
        """Julien (France Travail Angers) and the SIAE that answer him."""
        sandrine = Person.objects.get(first_name="Sandrine", last_name="Leclerc", is_demo=True)
        refused = self.send(
            sandrine,
            by="ft-angers",
            user="julien.ft",
            to="ei-proprete",
            motivation="Sandrine souhaite un second poste dans la propreté, en complément.",
            days_ago=20,
            job="10688",
        )
        services.referral_refuse(
            referral=refused,
            user=_user("karine.ei"),
            reason=RefusalReason.SCHEDULE,
            comment="Pas de poste adapté aux horaires : nos équipes commencent à 5 h.",
            now=self.ago(19),
        )
        # Julien reads the reason and sends her where the hours fit.
        self.send(
            sandrine,
            by="ft-angers",
            user="julien.ft",
            to="etti-anjou",
            motivation="Refusée par Anjou Propreté Solidaire (horaires). Missions de jour ?",
            days_ago=8,
            job="10688",
        )
        melanie = self.person(
            NewPerson("Mélanie", "Fournier", 38, "49353"), "ft-angers", "julien.ft"
        )
        accepted = self.send(
            melanie,
            by="ft-angers",
            user="julien.ft",
            to="ai-trelaze",
            motivation="Mélanie cherche un emploi dans le ménage près de Trélazé, à temps partiel.",
            days_ago=130,
            job="10688",
        )
        accepted = services.referral_accept(
            referral=accepted,
            user=_user("camille.siae"),
            comment="Reçue en entretien, premières missions la semaine prochaine.",
            now=self.ago(129),
        )
        for state in (PathwayState.ACTIVE, PathwayState.IN_EMPLOYMENT):
            pathway_transition(pathway=accepted.pathway, to_state=state, user=_user("camille.siae"))

    def reviewed_at_exit(self) -> None:
        # Accepted seven months ago; his exit and its review: `demo.build_exits`.
        hugo = self.person(NewPerson("Hugo", "Carpentier", 29, "49353"), "ft-angers", "julien.ft")
        referral = self.send(
            hugo,
            by="ft-angers",
            user="julien.ft",
            to="mission-trelaze",
            motivation="Hugo cherche un emploi en grande surface, en rayon ou en caisse.",
            days_ago=215,
        )
        services.referral_accept(
            referral=referral,
            user=_user("sophie.mission"),
            comment="Reçu en entretien, accompagnement vers l'emploi.",
            now=self.ago(212),
        )

    def other_states(self) -> None:
        # Sent 8 days ago, not opened yet: the 7-day reminder.
        rachid = self.person(NewPerson("Rachid", "Amrani", 23, "49007"), "ml-angers", "paul.ml")
        self.send(
            rachid,
            by="ml-angers",
            user="paul.ml",
            to="aci-jardins",
            motivation="Rachid veut travailler dehors ; a besoin d'un cadre pour reprendre.",
            days_ago=8,
            job="16068",
        )
        # Sent 25 days ago, seen but unanswered: the 21-day reminder.
        elodie = self.person(NewPerson("Élodie", "Garnier", 41, "49246"), "dept-49", "lea.dept")
        seen = self.send(
            elodie,
            by="dept-49",
            user="lea.dept",
            to="ei-proprete",
            motivation="Bénéficiaire du RSA, souhaite reprendre dans le nettoyage.",
            days_ago=25,
            job="10688",
        )
        services.referral_mark_seen(referral=seen, user=_user("karine.ei"), now=self.ago(22))
        # Sent 40 days ago, never answered: expired by the follow-up below.
        bernard = self.person(
            NewPerson("Bernard", "Lemoine", 56, "49007"), "ft-angers", "julien.ft"
        )
        self.send(
            bernard,
            by="ft-angers",
            user="julien.ft",
            to="etti-anjou",
            motivation="Ancien magasinier, cherche des missions en logistique.",
            days_ago=40,
            job="17180",
        )
        # Redirected by the structure to another one, history kept.
        jordan = self.person(NewPerson("Jordan", "Petit", 20, "49353"), "ml-angers", "paul.ml")
        redirected = self.send(
            jordan,
            by="ml-angers",
            user="paul.ml",
            to="aci-jardins",
            motivation="Jordan veut un premier emploi, plutôt en intérieur.",
            days_ago=15,
        )
        services.referral_redirect(
            referral=redirected,
            user=_user("yann.aci"),
            to_organization=self.orgs["ei-proprete"],
            comment="Projet en intérieur : Anjou Propreté Solidaire correspond mieux.",
            now=self.ago(12),
        )
        self.count += 1
        # Refused for lack of position, and withdrawn by the sender.
        samir = self.person(NewPerson("Samir", "Belkacem", 33, "49267"), "dept-49", "lea.dept")
        no_room = self.send(
            samir,
            by="dept-49",
            user="lea.dept",
            to="aci-jardins",
            motivation="Souhaite se remobiliser après une longue période sans emploi.",
            days_ago=35,
        )
        services.referral_refuse(
            referral=no_room,
            user=_user("yann.aci"),
            reason=RefusalReason.NO_POSITION,
            comment="Complet jusqu'au printemps, recontactez-nous en mars.",
            now=self.ago(33),
        )
        nathalie = self.person(
            NewPerson("Nathalie", "Perrin", 45, "49007"), "ccas-angers", "jeanne.ccas"
        )
        withdrawn = self.send(
            nathalie,
            by="ccas-angers",
            user="jeanne.ccas",
            to="mission-trelaze",
            motivation="Accompagnement vers l'emploi après un déménagement.",
            days_ago=10,
        )
        services.referral_withdraw(
            referral=withdrawn,
            user=_user("jeanne.ccas"),
            comment="Nathalie a trouvé un emploi par elle-même.",
        )
        # A draft, and a new one in the rural area.
        sophie = self.person(NewPerson("Sophie", "Marty", 29, "12096"), "ft-espalion", "bruno.ft")
        self.send(
            sophie,
            by="ft-espalion",
            user="bruno.ft",
            to="aci-aubrac",
            motivation="À compléter après l'entretien de jeudi.",
            days_ago=0,
            draft=True,
        )
        jean = self.person(NewPerson("Jean", "Bousquet", 51, "12119"), "ft-espalion", "bruno.ft")
        self.send(
            jean,
            by="ft-espalion",
            user="bruno.ft",
            to="eef-aubrac",
            motivation="Sans emploi depuis deux ans, pas de véhicule ; a travaillé en scierie.",
            days_ago=2,
            job="11606",
        )

    def other_ways_in(self) -> None:
        commune = Commune.objects.get(pk="49353")
        entry.walk_in_record(
            organization=self.orgs["mission-trelaze"],
            user=_user("sophie.mission"),
            identity={
                "first_name": "Inès",
                "last_name": "Morin",
                "birth_date": date(self.now.year - 31, 2, 14),
                "phone": "06 00 00 31 14",
                "email": "",
                "commune": commune,
            },
            looking_for="Vendeuse en boulangerie, le matin ; pas le dimanche si possible.",
            wanted_job=Appellation.objects.get(pk="20540"),
            is_demo=True,
        )
        entry.self_referral_submit(
            structure=self.orgs["ai-trelaze"],
            identity={
                "first_name": "Jessica",
                "last_name": "Lambert",
                "birth_date": None,
                "phone": "06 00 00 27 09",
                "email": f"jessica.lambert@personne.{DEMO_EMAIL_DOMAIN}",
                "commune": commune,
            },
            message="Bonjour, je cherche des heures de ménage près de chez moi, le matin.",
            is_demo=True,
        )
        entry.outreach_record(
            organization=self.orgs["ccas-angers"],
            user=_user("jeanne.ccas"),
            identity={
                "first_name": "Patrick",
                "last_name": "Roux",
                "birth_date": date(self.now.year - 48, 9, 1),
                "phone": "06 00 00 48 01",
                "email": "",
                "commune": Commune.objects.get(pk="49007"),
            },
            to_organization=self.orgs["mission-trelaze"],
            motivation="Rencontré à l'épicerie solidaire : veut retravailler, isolé depuis "
            "deux ans, pas d'ordinateur.",
            is_demo=True,
        )
        self.count += 2
