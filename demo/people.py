"""The people of the demo territory: synthetic persons whose stories follow the five
journeys of the source documents, at every stage of the pathway. Dates are relative to
the day the demo is loaded, so the worklist always has something to show."""

from dataclasses import dataclass, field

from pathways.enums import EntryChannel as E
from pathways.enums import ExitReason as X
from pathways.enums import PathwayKind as K
from pathways.enums import PathwayState as S


@dataclass(frozen=True)
class DemoPerson:
    first_name: str
    last_name: str
    age: int
    commune: str  # INSEE code
    holder: str  # organization key (demo.territory)
    referent: str  # user key
    kind: str
    states: tuple[str, ...]  # the transitions after intake, in order
    channel: str = E.WALK_IN
    prescriber: str = ""  # organization key
    wishes: tuple[tuple[str, str], ...] = ()  # (appellation code, own words)
    experiences: tuple[tuple[str, str, int], ...] = ()  # (appellation code, employer, months)
    barriers: tuple[str, ...] = ()  # barrier item codes (barriers.referential)
    exit_reason: str = ""
    started_days_ago: int = 60
    pass_started_days_ago: int | None = None
    eligibility: tuple[tuple[str, ...], tuple[str, ...]] | None = None  # (level 1, level 2)
    situation: dict = field(default_factory=dict)


PEOPLE = [
    # Journey 1 — the rural employment hub (seed 000)
    DemoPerson(
        "Karim",
        "Benali",
        44,
        "12164",
        "eef-aubrac",
        "nadia.eef",
        K.SUPPORT,
        (S.DIAGNOSIS,),
        wishes=(("11679", "cariste, comme avant à l'usine"), ("10432", "la déchetterie, dehors")),
        experiences=(("11686", "Laiterie du Carladez (démo)", 96),),
        barriers=("mobilite-sans-vehicule",),
        eligibility=(("ltu_24",), ()),
        situation={
            "education_level": "3",
            "ft_registered": False,
            "driving_licence": "B",
            "moves_on_foot": True,
            "max_travel_km": 15,
            "no_nights": False,
        },
        started_days_ago=6,
    ),
    DemoPerson(
        "Josiane",
        "Couderc",
        52,
        "12209",
        "aci-aubrac",
        "martine.aubrac",
        K.IAE,
        (S.ACTIVE,),
        channel=E.REFERRAL,
        prescriber="ft-espalion",
        wishes=(("16068", "l'entretien des espaces verts"),),
        barriers=("sante-port-de-charges",),
        eligibility=(("rsa",), ()),
        pass_started_days_ago=200,
        situation={
            "receives_rsa": True,
            "driving_licence": "B",
            "has_vehicle": True,
            "moves_by_car": True,
            "max_travel_km": 30,
        },
        started_days_ago=200,
    ),
    DemoPerson(
        "Lucas",
        "Bouscarel",
        22,
        "12119",
        "eef-aubrac",
        "nadia.eef",
        K.SAS_IAE,
        (),
        channel=E.OUTREACH,
        wishes=(("11606", "travailler en forêt"),),
        barriers=("remobilisation-isolement", "numerique-sans-competences"),
        started_days_ago=3,
        situation={"education_level": "none", "driving_licence": "in_progress"},
    ),
    # Journey 2 — the prescriber and the SIAE (seed 001)
    DemoPerson(
        "Sandrine",
        "Leclerc",
        47,
        "49353",
        "ai-trelaze",
        "camille.siae",
        K.IAE,
        (S.ACTIVE, S.IN_EMPLOYMENT),
        channel=E.REFERRAL,
        prescriber="ft-angers",
        wishes=(("10688", "le ménage dans les bureaux, tôt le matin ça me va"),),
        barriers=("famille-periscolaire",),
        eligibility=(("ltu_24",), ()),
        pass_started_days_ago=650,
        situation={
            "ft_registered": True,
            "ft_identifier": "DEMO1234567",
            "moves_by_public_transport": True,
            "no_weekends": True,
        },
        started_days_ago=650,
    ),
    # Journey 4 — the three-actor method (seed 003)
    DemoPerson(
        "Fatou",
        "Diallo",
        34,
        "49353",
        "mission-trelaze",
        "sophie.mission",
        K.SUPPORT,
        (S.ACTIVE,),
        channel=E.REFERRAL,
        prescriber="dept-49",
        wishes=(("10805", "aide à domicile, m'occuper des personnes âgées"),),
        experiences=(("14813", "Restaurant scolaire (démo)", 30),),
        barriers=("famille-garde-moins-3-ans", "mobilite-transports-en-commun"),
        situation={
            "receives_rsa": True,
            "driving_licence": "none",
            "moves_by_public_transport": True,
            "max_travel_km": 10,
            "no_early_mornings": True,
        },
        started_days_ago=20,
    ),
    # Journey 3 — the employer group and the SIAE (seed 002): packers at the ACI
    DemoPerson(
        "Mickaël",
        "Renard",
        29,
        "49007",
        "aci-jardins",
        "camille.siae",
        K.IAE,
        (S.ACTIVE,),
        channel=E.REFERRAL,
        prescriber="ml-angers",
        wishes=(("12848", "conditionnement, j'aime le travail en équipe"),),
        eligibility=((), ("young_26", "low_qualification", "qpv")),
        pass_started_days_ago=300,
        situation={"driving_licence": "B", "moves_by_bike": True, "max_travel_km": 20},
        started_days_ago=300,
    ),
    DemoPerson(
        "Nadège",
        "Poulain",
        41,
        "49246",
        "aci-jardins",
        "camille.siae",
        K.IAE,
        (S.ACTIVE,),
        channel=E.REFERRAL,
        prescriber="ft-angers",
        wishes=(("12849", "conditionneuse"), ("16384", "le maraîchage")),
        barriers=("famille-garde-moins-3-ans",),
        eligibility=(("ass",), ()),
        pass_started_days_ago=700,
        situation={
            "receives_ass": True,
            "driving_licence": "B",
            "has_vehicle": True,
            "moves_by_car": True,
            "no_nights": True,
        },
        started_days_ago=700,
    ),
    DemoPerson(
        "Alain",
        "Mercier",
        56,
        "49267",
        "aci-jardins",
        "yann.aci",
        K.IAE,
        (S.ACTIVE, S.IN_EMPLOYMENT, S.CLOSED),
        channel=E.REFERRAL,
        prescriber="ft-angers",
        wishes=(("12848", "conditionnement"),),
        exit_reason=X.CDI,
        eligibility=(("ltu_24",), ()),
        pass_started_days_ago=500,
        started_days_ago=500,
        situation={"driving_licence": "B", "has_vehicle": True, "moves_by_car": True},
    ),
    # Journey 5 — the city's employment mission (seed 004)
    DemoPerson(
        "Inès",
        "Haddad",
        26,
        "49353",
        "mission-trelaze",
        "sophie.mission",
        K.SUPPORT,
        (S.ACTIVE,),
        wishes=(("20560", "vendeuse en boulangerie"),),
        situation={"moves_on_foot": True, "moves_by_public_transport": True, "max_travel_km": 8},
        started_days_ago=40,
    ),
    DemoPerson(
        "Kevin",
        "Moulin",
        31,
        "49353",
        "mission-trelaze",
        "sophie.mission",
        K.SUPPORT,
        (S.ACTIVE, S.IN_EMPLOYMENT, S.CLOSED, S.POST_EXIT),
        wishes=(("17993", "préparateur de commandes"),),
        exit_reason=X.SHORT_FIXED_TERM,
        started_days_ago=240,
        situation={"driving_licence": "B", "moves_by_car": True, "has_vehicle": True},
    ),
    # Other stages
    DemoPerson(
        "Samia",
        "Benyahia",
        38,
        "49007",
        "ei-proprete",
        "karine.ei",
        K.IAE,
        (S.ACTIVE,),
        channel=E.REFERRAL,
        prescriber="ccas-angers",
        wishes=(("10571", "agente de propreté"),),
        barriers=("langue-francais-a-apprendre",),
        eligibility=((), ("refugee", "no_french", "homeless")),
        pass_started_days_ago=680,
        started_days_ago=680,
    ),
    DemoPerson(
        "Thierry",
        "Gaudin",
        49,
        "49007",
        "etti-anjou",
        "thomas.etti",
        K.IAE,
        (S.ACTIVE, S.CLOSED),
        channel=E.REFERRAL,
        prescriber="ft-angers",
        wishes=(("16361", "manutention"),),
        exit_reason=X.TRAINING,
        eligibility=(("ltu_24",), ()),
        pass_started_days_ago=400,
        started_days_ago=400,
    ),
    DemoPerson(
        "Chantal",
        "Briand",
        58,
        "49015",
        "ei-proprete",
        "karine.ei",
        K.IAE,
        (S.ACTIVE, S.CLOSED),
        channel=E.REFERRAL,
        prescriber="dept-49",
        wishes=(("10688", "entretien de locaux"),),
        exit_reason=X.HEALTH,
        barriers=("sante-station-debout",),
        eligibility=(("aah",), ()),
        pass_started_days_ago=300,
        started_days_ago=300,
    ),
    DemoPerson(
        "Yanis",
        "Ferhat",
        19,
        "49007",
        "aci-jardins",
        "yann.aci",
        K.IAE,
        (),
        channel=E.REFERRAL,
        prescriber="ml-angers",
        wishes=(("16384", "travailler dehors, le maraîchage"),),
        barriers=("logement-hebergement-temporaire", "finances-sans-compte-bancaire"),
        started_days_ago=2,
    ),
]
