"""The demo companies: a club of partner companies across sectors on the communes of the
two demo territories, their contacts and contact history (the Mission emploi de Trélazé
of journey 5, the EEF Aubrac and its sawmill of journey 1), the employer group
« GE Agri-Anjou » with its member companies and its partnership with the ACI (journey 3),
and an immersion of two weeks that led to a hire. Built through the services."""

from dataclasses import dataclass
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from audit.context import SYSTEM
from companies import services
from companies.models import Company
from demo.territory import DEMO_EMAIL_DOMAIN
from immersions.services import immersion_create, immersion_update
from jobs.models import Appellation
from lib.text import normalize
from organizations.siret import with_check_digit
from persons.models import Person
from territories.models import Commune

User = get_user_model()


@dataclass(frozen=True)
class DemoCompany:
    key: str
    name: str
    naf_code: str  # real codes of reference/data/rome_naf_hirings.csv
    size_band: str
    commune: str  # INSEE code
    address: str
    organization: str = ""  # demo organization key, when the company has an account
    is_employer_group: bool = False


COMPANIES = [
    # Angers Loire Métropole
    DemoCompany(
        "entrepots", "Entrepôts de l'Authion (démo)", "52.10B", "50-249", "49307", "ZA de la Lande"
    ),
    DemoCompany(
        "transports",
        "Transports Ligériens (démo)",
        "49.41B",
        "50-249",
        "49353",
        "Rue de la Paperie",
    ),
    DemoCompany(
        "pain-trelaze", "Au Pain de Trélazé (démo)", "10.71C", "0-9", "49353", "12 place du Marché"
    ),
    DemoCompany(
        "boulangeries",
        "Boulangeries du Val de Loire (démo)",
        "10.71C",
        "10-49",
        "49007",
        "2 rue Saint-Aubin",
        "boulangeries",
    ),
    DemoCompany(
        "supermarche",
        "Supermarché des Ponts (démo)",
        "47.11D",
        "50-249",
        "49246",
        "Route de Cholet",
    ),
    DemoCompany(
        "aide-domicile",
        "Anjou Aide à Domicile (démo)",
        "88.10A",
        "50-249",
        "49267",
        "18 rue de la Gare",
        "aide-domicile",
    ),
    DemoCompany(
        "proprete",
        "Propreté Angevine Services (démo)",
        "81.21Z",
        "50-249",
        "49007",
        "5 rue Létanduère",
    ),
    DemoCompany(
        "nettoyage",
        "Nettoyage Industriel de l'Anjou (démo)",
        "81.22Z",
        "10-49",
        "49353",
        "ZI du Buisson",
    ),
    DemoCompany(
        "paysages", "Paysages de la Maine (démo)", "81.30Z", "10-49", "49015", "Chemin des Perrins"
    ),
    DemoCompany(
        "restaurant", "Restaurant Le Quai (démo)", "56.10A", "10-49", "49007", "Quai Ligny"
    ),
    DemoCompany(
        "dechets", "Collecte Anjou Déchets (démo)", "38.11Z", "50-249", "49353", "Route de Brain"
    ),
    DemoCompany(
        "ge-agri",
        "GE Agri-Anjou (démo)",
        "78.30Z",
        "10-49",
        "49307",
        "ZA du Moulin",
        "ge-agri",
        True,
    ),
    DemoCompany(
        "maraichers",
        "Maraîchers de l'Authion (démo)",
        "01.13Z",
        "10-49",
        "49307",
        "Les Grandes Varennes",
    ),
    DemoCompany(
        "serres", "Serres du Val de Loire (démo)", "01.30Z", "10-49", "49307", "La Daguenière"
    ),
    DemoCompany(
        "conserverie",
        "Conserverie Angevine (démo)",
        "10.39A",
        "50-249",
        "49246",
        "Rue de l'Aubance",
    ),
    DemoCompany(
        "vergers",
        "Vergers de Loire-Authion (démo)",
        "01.24Z",
        "10-49",
        "49307",
        "Route des Rosiers",
    ),
    # CC Aubrac, Carladez et Viadène
    DemoCompany(
        "scierie",
        "Scierie des Monts d'Aubrac (démo)",
        "16.10A",
        "10-49",
        "12119",
        "Route de Nasbinals",
        "scierie",
    ),
    DemoCompany(
        "transports-aubrac",
        "Transports Aubrac Fret (démo)",
        "49.41B",
        "10-49",
        "12223",
        "ZA de Lacalm",
    ),
    DemoCompany(
        "coutellerie",
        "Coutellerie du Plateau (démo)",
        "25.71Z",
        "10-49",
        "12119",
        "Allée de l'Amicale",
    ),
    DemoCompany(
        "fromagerie",
        "Fromagerie de l'Aubrac (démo)",
        "10.51C",
        "50-249",
        "12214",
        "Route de Laguiole",
    ),
    DemoCompany("forets", "Forêts du Carladez (démo)", "02.20Z", "0-9", "12164", "Le Bourg"),
    DemoCompany(
        "domicile-viadene",
        "Aide à domicile Viadène (démo)",
        "88.10A",
        "10-49",
        "12209",
        "Place de l'Église",
    ),
]

GE_MEMBERS = [("maraichers", 900), ("serres", 700), ("conserverie", 400), ("vergers", 150)]

# (key, name, role, kind, phone)
CONTACTS = {
    "mission-trelaze": [
        ("pain-trelaze", "Véronique Tessier", "Gérante", "director", "02 41 00 10 01"),
        ("boulangeries", "Marc Giraud", "Responsable des magasins", "manager", "02 41 00 10 02"),
        ("supermarche", "Hugo Lebrun", "Chef de rayon boulangerie", "manager", "02 41 00 10 03"),
        ("supermarche", "Claire Moreau", "Responsable RH", "hr", "02 41 00 10 04"),
        ("transports", "Didier Roux", "Chef de quai", "manager", "02 41 00 10 05"),
        ("entrepots", "Sonia Piau", "Chargée de recrutement", "hr", "02 41 00 10 06"),
        ("proprete", "Fabrice Lenoir", "Chef d'équipe", "manager", "02 41 00 10 07"),
        ("aide-domicile", "Anne Brunet", "Responsable de secteur", "manager", "02 41 00 10 08"),
        ("restaurant", "Julie Cordier", "Cheffe de cuisine", "manager", "02 41 00 10 09"),
        ("dechets", "Patrick Gautier", "Directeur d'exploitation", "director", "02 41 00 10 10"),
    ],
    "eef-aubrac": [
        ("scierie", "Pierre Fabre", "Gérant", "director", "05 65 00 20 01"),
        ("scierie", "Lucie Bessière", "Cheffe d'atelier", "manager", "05 65 00 20 02"),
        ("transports-aubrac", "Jean-Luc Alric", "Exploitant", "director", "05 65 00 20 03"),
        ("fromagerie", "Marie Rouquette", "Responsable du personnel", "hr", "05 65 00 20 04"),
        ("forets", "Bernard Cayla", "Chef d'entreprise", "director", "05 65 00 20 05"),
    ],
    "aci-jardins": [
        ("ge-agri", "Inès Ferrand", "Chargée RH du groupement", "hr", "02 41 00 30 01"),
        (
            "conserverie",
            "Olivier Chauvin",
            "Chef de ligne conditionnement",
            "manager",
            "02 41 00 30 02",
        ),
    ],
}

# (organization, user, company, days ago, kind, contact name, summary, next step, due in days)
HISTORY = [
    (
        "mission-trelaze",
        "sophie.mission",
        "pain-trelaze",
        40,
        "visit",
        "Véronique Tessier",
        "Visite de la boutique : besoin d'une vendeuse le week-end à partir du printemps.",
        "Proposer deux profils de la permanence",
        -5,
    ),
    (
        "mission-trelaze",
        "sophie.mission",
        "boulangeries",
        21,
        "call",
        "Marc Giraud",
        "Deux postes de vendeur en boulangerie, dimanche matin travaillé, "
        "pas de voiture nécessaire.",
        "Aider à rédiger l'offre",
        2,
    ),
    (
        "mission-trelaze",
        "sophie.mission",
        "boulangeries",
        7,
        "email",
        "Marc Giraud",
        "Envoi du projet d'offre ; horaires 6 h 30 – 13 h confirmés.",
        "Présélectionner trois candidates",
        5,
    ),
    (
        "mission-trelaze",
        "sophie.mission",
        "supermarche",
        30,
        "event",
        "Claire Moreau",
        "Rencontrée au forum emploi de Trélazé : recrutements saisonniers en juin.",
        "Rappeler pour les dates de recrutement",
        -1,
    ),
    (
        "mission-trelaze",
        "sophie.mission",
        "transports",
        15,
        "call",
        "Didier Roux",
        "Besoin de préparateurs de commandes en 2x8, CACES appréciés mais pas obligatoires.",
        "Organiser une visite du quai avec deux candidats",
        10,
    ),
    (
        "mission-trelaze",
        "sophie.mission",
        "entrepots",
        60,
        "visit",
        "Sonia Piau",
        "Visite de l'entrepôt : recrutements réguliers de caristes, formation CACES possible.",
        "",
        None,
    ),
    (
        "mission-trelaze",
        "sophie.mission",
        "proprete",
        12,
        "call",
        "Fabrice Lenoir",
        "Tournées de bureaux tôt le matin, secteur Angers centre.",
        "Envoyer le profil de Thierry",
        0,
    ),
    (
        "mission-trelaze",
        "sophie.mission",
        "aide-domicile",
        9,
        "call",
        "Anne Brunet",
        "Trois postes d'aide à domicile, voiture souhaitée mais tournées à pied "
        "possibles en ville.",
        "Faire le point sur les candidatures",
        14,
    ),
    (
        "mission-trelaze",
        "sophie.mission",
        "dechets",
        90,
        "call",
        "Patrick Gautier",
        "Pas de recrutement avant l'automne.",
        "Relancer à la rentrée",
        60,
    ),
    (
        "eef-aubrac",
        "nadia.eef",
        "scierie",
        10,
        "call",
        "Pierre Fabre",
        "Cherche un cariste près de Laguiole ; horaires de journée ; un salarié part en retraite.",
        "Présenter Karim à Pierre Fabre",
        3,
    ),
    (
        "eef-aubrac",
        "nadia.eef",
        "scierie",
        45,
        "visit",
        "Lucie Bessière",
        "Visite de l'atelier de sciage : postes de manutention et de tri, port de charges.",
        "",
        None,
    ),
    (
        "eef-aubrac",
        "nadia.eef",
        "fromagerie",
        20,
        "call",
        "Marie Rouquette",
        "Besoins saisonniers en été (conditionnement), logement possible sur place.",
        "Recenser les personnes intéressées",
        20,
    ),
    (
        "eef-aubrac",
        "nadia.eef",
        "forets",
        35,
        "visit",
        "Bernard Cayla",
        "Travaux de bûcheronnage en hiver ; un débutant motivé serait formé.",
        "Proposer Lucas pour une immersion",
        -3,
    ),
    (
        "aci-jardins",
        "camille.siae",
        "ge-agri",
        50,
        "visit",
        "Inès Ferrand",
        "Partenariat SIAE × GE : quatre postes de conditionneurs en 2x8 chez les adhérents.",
        "Croiser les besoins avec les projets des salariés en parcours",
        -10,
    ),
    (
        "aci-jardins",
        "camille.siae",
        "ge-agri",
        14,
        "call",
        "Inès Ferrand",
        "Deux salariés correspondent directement, une troisième si solution de garde.",
        "Faire le point après les immersions",
        7,
    ),
]

CLUBS = {
    "mission-trelaze": [
        ("pain-trelaze", "active", 400),
        ("boulangeries", "active", 300),
        ("supermarche", "occasional", 200),
        ("transports", "active", 500),
        ("entrepots", "occasional", 250),
        ("proprete", "active", 150),
        ("aide-domicile", "active", 120),
        ("restaurant", "to_follow_up", 90),
        ("dechets", "to_follow_up", 600),
        ("nettoyage", "occasional", 60),
    ],
    "eef-aubrac": [
        ("scierie", "active", 700),
        ("fromagerie", "active", 365),
        ("transports-aubrac", "occasional", 200),
        ("forets", "to_follow_up", 80),
        ("coutellerie", "occasional", 30),
    ],
    "aci-jardins": [("ge-agri", "active", 120), ("conserverie", "active", 60)],
}

TAGS = {
    "mission-trelaze": [
        ("boulangeries", "dimanche travaillé"),
        ("pain-trelaze", "dimanche travaillé"),
        ("transports", "2x8"),
        ("supermarche", "saisonnier"),
        ("entrepots", "CACES"),
    ],
    "eef-aubrac": [("scierie", "recrute des débutants"), ("fromagerie", "saisonnier")],
    "aci-jardins": [("ge-agri", "partenariat SIAE × GE")],
}


def _user(key: str):
    return User.objects.get(email=f"{key}@{DEMO_EMAIL_DOMAIN}")


def _company(spec: DemoCompany, index: int, organizations: dict) -> Company:
    organization = organizations.get(spec.organization) if spec.organization else None
    existing = Company.objects.filter(organization=organization).first() if organization else None
    if existing is not None:  # another demo builder may have registered it already
        return existing
    company = services.company_create(
        is_demo=True,
        data={
            "siret": with_check_digit(f"{980000000 + index * 11:09d}{index + 1:04d}"),
            "name": spec.name,
            "naf_code": spec.naf_code,
            "size_band": spec.size_band,
            "commune": Commune.objects.get(pk=spec.commune),
            "address": spec.address,
            "is_employer_group": spec.is_employer_group,
        },
    )
    if organization is not None:
        company.organization = organization
        company.save()
    return company


def build_companies(organizations: dict) -> int:
    today = timezone.localdate()
    companies = {
        spec.key: _company(spec, index, organizations) for index, spec in enumerate(COMPANIES)
    }
    for key, days in GE_MEMBERS:
        services.group_member_add(
            group=companies["ge-agri"],
            member=companies[key],
            since=today - timedelta(days=days),
            actor=SYSTEM,
        )
    for org_key, members in CLUBS.items():
        for key, engagement, days in members:
            services.club_join(
                organization=organizations[org_key],
                company=companies[key],
                engagement=engagement,
                since=today - timedelta(days=days),
            )
    for org_key, tags in TAGS.items():
        for key, label in tags:
            services.tag_add(
                organization=organizations[org_key], company=companies[key], label=label
            )
    contacts = {}
    for org_key, rows in CONTACTS.items():
        for key, name, role, kind, phone in rows:
            email = normalize(name).replace(" ", ".")
            contacts[org_key, name] = services.contact_create(
                organization=organizations[org_key],
                company=companies[key],
                data={
                    "name": name,
                    "role": role,
                    "kind": kind,
                    "phone": phone,
                    "email": f"{email}@entreprise.{DEMO_EMAIL_DOMAIN}",
                },
            )
    for org_key, user_key, key, days, kind, contact, summary, step, due in HISTORY:
        occurred = today - timedelta(days=days)
        services.log_entry_create(
            organization=organizations[org_key],
            company=companies[key],
            user=_user(user_key),
            data={
                "kind": kind,
                "occurred_on": occurred,
                "contact": contacts[org_key, contact],
                "summary": summary,
                "next_step": step,
                "next_step_due": today + timedelta(days=due) if due is not None else None,
            },
        )
    _hired_after_immersion(organizations, companies, contacts, today)
    return len(companies)


def _hired_after_immersion(organizations, companies, contacts, today) -> None:
    """Journey 3: two weeks at the cannery of a GE member, then a CDI."""
    person = Person.objects.get(first_name="Alain", last_name="Mercier", is_demo=True)
    counsellor = _user("yann.aci")
    start = today - timedelta(days=120)
    immersion = immersion_create(
        person=person,
        organization=organizations["aci-jardins"],
        user=counsellor,
        data={
            "company": companies["conserverie"],
            "start_on": start,
            "end_on": start + timedelta(days=13),
            "objective": "recruit",
            "appellation": Appellation.objects.get(pk="12848"),
            "tutor_contact": contacts["aci-jardins", "Olivier Chauvin"],
        },
    )
    immersion_update(
        immersion=immersion,
        user=counsellor,
        data={
            "assessment": "Ponctuel, attentif aux consignes d'hygiène, à l'aise sur la ligne "
            "en 2x8. L'équipe souhaite le garder.",
            "rating_skills": 3,
            "rating_attitude": 4,
            "rating_motivation": 4,
            "outcome": "hired",
        },
    )
