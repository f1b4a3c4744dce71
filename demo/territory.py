"""The demo territory: synthetic organizations and people on real communes, in two
employment areas that match the source documents — Angers Loire Métropole (urban; the
city employment mission of seed 004) and the CC Aubrac, Carladez et Viadène (rural; the
employment-training space of seed 000). Every object is marked `is_demo`."""

from dataclasses import dataclass, field

from organizations.enums import OrganizationKind as K
from organizations.enums import Role

DEMO_PASSWORD = "Parcours-Demo-2026!"
DEMO_EMAIL_DOMAIN = "demo.parcours.localhost"
# A fixed TOTP secret for demo admins, so that `manage.py demo_totp` can print their code.
DEMO_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"

ANGERS_EPCI = "244900015"
AUBRAC_EPCI = "200067171"


@dataclass(frozen=True)
class DemoOrganization:
    key: str
    name: str
    kind: str
    commune: str  # INSEE code
    address: str
    serves_epci: str
    extra_communes: tuple[str, ...] = ()


@dataclass(frozen=True)
class DemoUser:
    key: str
    first_name: str
    last_name: str
    memberships: tuple[tuple[str, str], ...]  # (organization key, role)
    persona: str = ""  # printed at the end of load_demo when set
    is_staff: bool = False
    phone: str = ""
    extra: dict = field(default_factory=dict)

    @property
    def email(self) -> str:
        return f"{self.key}@{DEMO_EMAIL_DOMAIN}"


ORGANIZATIONS = [
    # Angers Loire Métropole
    DemoOrganization(
        "ft-angers",
        "France Travail Angers Europe (démo)",
        K.FRANCE_TRAVAIL,
        "49007",
        "12 rue de l'Europe",
        ANGERS_EPCI,
    ),
    DemoOrganization(
        "ml-angers",
        "Mission locale angevine (démo)",
        K.MISSION_LOCALE,
        "49007",
        "4 place du Tertre",
        ANGERS_EPCI,
    ),
    DemoOrganization(
        "dept-49",
        "Maison départementale des solidarités Angers Est (démo)",
        K.DEPARTEMENT,
        "49007",
        "8 rue des Capucins",
        ANGERS_EPCI,
    ),
    DemoOrganization(
        "aci-jardins",
        "Les Jardins de la Maine — chantier d'insertion (démo)",
        K.ACI,
        "49007",
        "27 chemin de la Baumette",
        ANGERS_EPCI,
    ),
    DemoOrganization(
        "ai-trelaze",
        "Trélazé Services — association intermédiaire (démo)",
        K.AI,
        "49353",
        "3 rue Jean Jaurès",
        ANGERS_EPCI,
    ),
    DemoOrganization(
        "ei-proprete",
        "Anjou Propreté Solidaire — entreprise d'insertion (démo)",
        K.EI,
        "49246",
        "15 avenue de l'Europe",
        ANGERS_EPCI,
    ),
    DemoOrganization(
        "etti-anjou",
        "Intérim Solidaire Anjou (démo)",
        K.ETTI,
        "49007",
        "40 boulevard Foch",
        ANGERS_EPCI,
    ),
    DemoOrganization(
        "mission-trelaze",
        "Mission emploi de Trélazé (démo)",
        K.EMPLOYMENT_HUB,
        "49353",
        "Hôtel de ville, place Charles de Gaulle",
        ANGERS_EPCI,
    ),
    DemoOrganization(
        "ccas-angers",
        "CCAS d'Angers — accès aux droits (démo)",
        K.PARTNER_SERVICE,
        "49007",
        "Place Michel Debré",
        ANGERS_EPCI,
    ),
    DemoOrganization(
        "garage-solidaire",
        "Garage solidaire de l'Anjou (démo)",
        K.PARTNER_SERVICE,
        "49353",
        "9 rue de la Paperie",
        ANGERS_EPCI,
    ),
    DemoOrganization(
        "ge-agri",
        "GE Agri-Anjou — groupement d'employeurs (démo)",
        K.EMPLOYER_GROUP,
        "49307",
        "ZA du Moulin",
        ANGERS_EPCI,
    ),
    DemoOrganization(
        "boulangeries",
        "Boulangeries du Val de Loire (démo)",
        K.COMPANY,
        "49007",
        "2 rue Saint-Aubin",
        ANGERS_EPCI,
    ),
    DemoOrganization(
        "aide-domicile",
        "Anjou Aide à Domicile (démo)",
        K.COMPANY,
        "49267",
        "18 rue de la Gare",
        ANGERS_EPCI,
    ),
    DemoOrganization(
        "alm-emploi",
        "Angers Loire Métropole — direction emploi (démo)",
        K.COORDINATOR,
        "49007",
        "83 rue du Mail",
        ANGERS_EPCI,
    ),
    # CC Aubrac, Carladez et Viadène
    DemoOrganization(
        "eef-aubrac",
        "Espace Emploi-Formation Aubrac-Carladez (démo)",
        K.EMPLOYMENT_HUB,
        "12164",
        "Place de la Mairie",
        AUBRAC_EPCI,
    ),
    DemoOrganization(
        "aci-aubrac",
        "Chantier d'insertion Viadène Nature (démo)",
        K.ACI,
        "12209",
        "Route du barrage",
        AUBRAC_EPCI,
    ),
    DemoOrganization(
        "ft-espalion",
        "France Travail Espalion (démo)",
        K.FRANCE_TRAVAIL,
        "12096",
        "Avenue de la Gare",
        AUBRAC_EPCI,
        ("12096", "12094"),
    ),
    DemoOrganization(
        "scierie",
        "Scierie des Monts d'Aubrac (démo)",
        K.COMPANY,
        "12119",
        "Route de Nasbinals",
        AUBRAC_EPCI,
    ),
    DemoOrganization(
        "cc-aubrac",
        "Communauté de communes Aubrac, Carladez et Viadène (démo)",
        K.COORDINATOR,
        "12119",
        "Place du Foirail",
        AUBRAC_EPCI,
    ),
]

# Who funds whom, as each funded organization's admins would declare it: the
# agglomeration's employment office funds its inclusion structures and the Trélazé
# mission; the community of communes funds the Aubrac employment hub (seed 000).
FUNDINGS = (
    ("mission-trelaze", "alm-emploi"),
    ("aci-jardins", "alm-emploi"),
    ("ai-trelaze", "alm-emploi"),
    ("ei-proprete", "alm-emploi"),
    ("eef-aubrac", "cc-aubrac"),
)

USERS = [
    DemoUser(
        "admin", "Alix", "Morel", (), persona="Administratrice de la plateforme", is_staff=True
    ),
    DemoUser(
        "camille.siae",
        "Camille",
        "Roussel",
        (("aci-jardins", Role.MEMBER), ("ai-trelaze", Role.MEMBER)),
        persona="Conseillère en insertion d'une SIAE (ACI et AI)",
    ),
    DemoUser(
        "nadia.eef",
        "Nadia",
        "Bastide",
        (("eef-aubrac", Role.MEMBER),),
        persona="Conseillère d'un espace emploi-formation (rural)",
    ),
    DemoUser(
        "sophie.mission",
        "Sophie",
        "Lemaire",
        (("mission-trelaze", Role.MEMBER),),
        persona="Chargée de relations entreprises, mission emploi de Trélazé",
    ),
    DemoUser(
        "julien.ft",
        "Julien",
        "Marchand",
        (("ft-angers", Role.MEMBER),),
        persona="Conseiller France Travail (prescripteur)",
    ),
    DemoUser(
        "marc.employeur",
        "Marc",
        "Giraud",
        (("boulangeries", Role.MEMBER),),
        persona="Employeur (boulangeries)",
    ),
    DemoUser(
        "helene.coordination",
        "Hélène",
        "Dumas",
        (("alm-emploi", Role.MEMBER),),
        persona="Coordinatrice emploi de l'agglomération (financeur)",
    ),
    DemoUser("ines.ge", "Inès", "Ferrand", (("ge-agri", Role.MEMBER),)),
    DemoUser("paul.ml", "Paul", "Caradec", (("ml-angers", Role.MEMBER),)),
    DemoUser("lea.dept", "Léa", "Vasseur", (("dept-49", Role.MEMBER),)),
    DemoUser("karine.ei", "Karine", "Poirier", (("ei-proprete", Role.MEMBER),)),
    DemoUser("thomas.etti", "Thomas", "Guillot", (("etti-anjou", Role.MEMBER),)),
    DemoUser("yann.aci", "Yann", "Leroux", (("aci-jardins", Role.MEMBER),)),
    DemoUser("martine.aubrac", "Martine", "Couderc", (("aci-aubrac", Role.MEMBER),)),
    DemoUser("bruno.ft", "Bruno", "Vidal", (("ft-espalion", Role.MEMBER),)),
    DemoUser("jeanne.ccas", "Jeanne", "Abadie", (("ccas-angers", Role.MEMBER),)),
    DemoUser(
        "eric.garage",
        "Éric",
        "Tessier",
        (("garage-solidaire", Role.MEMBER),),
        persona="Service partenaire (garage solidaire) : répond aux orientations",
    ),
    DemoUser("anne.domicile", "Anne", "Brunet", (("aide-domicile", Role.MEMBER),)),
    DemoUser("pierre.scierie", "Pierre", "Fabre", (("scierie", Role.MEMBER),)),
    DemoUser("sylvie.cc", "Sylvie", "Rigal", (("cc-aubrac", Role.MEMBER),)),
]

# Every organization also gets a director as its admin (MFA with the demo secret).
DIRECTOR_FIRST_NAMES = [
    "Claire",
    "Olivier",
    "Sandrine",
    "Laurent",
    "Nathalie",
    "Didier",
    "Agnès",
    "Hervé",
    "Valérie",
    "Stéphane",
]
DIRECTOR_LAST_NAMES = [
    "Chevalier",
    "Moreau",
    "Blanchard",
    "Garnier",
    "Renaud",
    "Colin",
    "Lefort",
    "Barbier",
    "Perrin",
    "Aubert",
    "Marty",
    "Delmas",
]
