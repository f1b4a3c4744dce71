"""Words that tell an employer what it must never learn about a person: health,
disability, justice (legal protection included), benefits, housing, family situation.
A structure writes a free text that an employer reads (the « mot pour l'employeur » of
an introduction, a comment on an offer's history); before it is sent, the text is
checked here and the writer is told which words, of which kind, so they rewrite it or
confirm that it says nothing of the person.

The check compares normalized words (lower case, no accents, `lib.text`), whole words
only, with the plural and feminine forms; a hit is reported with the words as typed.
It is a safety net, not a judge: a term may be innocent in context (« garde d'enfants »
is also a job), which is why the writer may confirm instead of rewriting.

Words that are also ordinary job words are matched only in the phrases that give the
person away: « foyer » alone is a workplace (« foyer logement ») or a household, so only
« hébergé en foyer », « foyer d'hébergement » count; « tutelle » alone is an authority
(« ministère de tutelle »), so only « sous tutelle », « mesure de tutelle »; « ARE » only
after « l' », « en », « droits à »…, since « are » is also a unit of land."""

import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from unidecode import unidecode

HEALTH = "health"
DISABILITY = "disability"
JUSTICE = "justice"
BENEFITS = "benefits"
FAMILY = "family"
HOUSING = "housing"

CATEGORY_LABELS = {
    HEALTH: "santé",
    DISABILITY: "handicap",
    JUSTICE: "justice",
    BENEFITS: "allocations et minima sociaux",
    FAMILY: "situation familiale",
    HOUSING: "logement",
}

CONFIRMATION_LABEL = (
    "Je confirme que ce texte ne contient aucune information de santé, de handicap, "
    "de justice, d'allocation, de logement ou de situation familiale"
)

# Patterns on normalized text: ASCII lower case, words separated by one space (an
# apostrophe too: « garde d'enfants » is « garde d enfants »), with the plural and the
# feminine forms.

_TERMS: dict[str, tuple[str, ...]] = {
    HEALTH: (
        "depressions?",
        "depressi(?:f|ve)s?",
        "depressi(?:fs|ves)",
        "maladies?",
        "malades?",
        r"traitements?(?! (?:de|des|du|d)\b)",  # « traitement des commandes » is a job
        "traitements? de substitution",
        r"psychiatr\w*",
        "psychi(?:que|ques)",
        "psychologiques?",
        "psychologues?",
        "psys?",  # « suivi psy »; « psychomotricité » is another word
        r"troubles? (?:psy\w*|du comportement|anxieux|bipolaires?)",
        "sante mentale",
        r"psychotropes?",
        r"schizophren\w*",
        "bipolaires?",
        r"autis\w*",
        r"burn ?out",
        r"hospitalis\w*",
        "cmpp?",
        "ald",
        "affections? (?:de )?longue duree",
        "arrets? (?:de )?(?:maladie|travail)",
        # « prévention des accidents du travail » is a safety job
        r"(?<!prevention des )(?<!prevention d )accidents? (?:du|de) travail",
        "cancers?",
        r"chimio\w*",
        r"diabet\w*",
        r"epilep\w*",
        "vih",
        "seropositi(?:f|ve|fs|ves)",
        "seropos",
        "sida",
        "hepatites?",
        "therapies?",
        "therapeutiques?",
        "medicaments?",
        r"(?:probleme|souci|raison)s? de sante",
        "etat de sante",
        "addictions?",
        r"addicto\w*",
        r"alcool\w*",
        "drogues?",
        r"toxicoman\w*",
        "cannabis",
        "sevrages?",
        "postcures?",
        "csapa",
        r"inapt\w*",
        "convalescen(?:ce|t|te)s?",
    ),
    DISABILITY: (
        "rqth",
        r"handicap\w*",
        "mdph",
        "esats?",
        "invalidites?",
        "invalides?",
        r"deficien\w*",
        "sourd(?:e|es|s)?",
        "malentendant(?:e|es|s)?",
        "aveugles?",
        "malvoyant(?:e|es|s)?",
        "fauteuil roulant",
        r"dyslex\w*",
    ),
    JUSTICE: (
        "prisons?",
        r"emprisonn\w*",
        r"incarcer\w*",
        "detenu(?:e|es|s)?(?: es?)?",
        "detentions?",
        "spip",
        "casiers?",
        "judiciaires?",
        "justice",
        "condamnations?",
        "condamne(?:e|es|s)?",
        r"penitentiaire\w*",
        "ecroue(?:e|es|s)?",
        "bracelets? electroniques?",
        r"semi ?liberte",
        "liberations? conditionnelles?",
        "sursis",
        "tig",
        "probation",
        "garde a vue",
        "delits?",
        "tribunal",
        "tribunaux",
        "amenagements? de peine",
        "sous main de justice",
        "ppsmj",
        r"carceral\w*",
        "(?:sous|porte|porter|portait|avec) (?:un |le |son )?bracelets?",
        r"sortant(?:e|es|s)?(?: es?)? de (?:prison|detention)",
        "travaux? d interet general",
        # legal protection of adults: a judge's measure
        "curatelles?",
        "(?:sous|en|mesures? de) tutelles?",
        "tutelles? (?:renforcee|aux prestations sociales)s?",
        "sauvegardes? de justice",
        "mandataires? judiciaires?",
        "mjpm",
    ),
    BENEFITS: (
        "rsa",
        "aah",
        "ass",
        "allocations?",
        "allocataires?",
        "caf",
        "minima sociaux",
        "minimum social",
        "prestations? sociales?",
        # « are » is also a unit of land: the allowance only after its usual words
        "(?:l|en|d|son|ses|droits? a l|indemnise(?:e|es|s)?|beneficiaire de l) are",
        "are(?= (?:jusqu|depuis|pendant))",
        "aide au retour a l emploi",
        "primes? d activite",
        "apls?",
        "aides? au logement",
        "cmu",
        "complementaire sante solidaire",
    ),
    FAMILY: (
        "enceintes?",
        "grossesses?",
        r"divorc\w*",
        "gardes? d enfants?",
        "modes? de garde",
        "gardes? alternees?",
        "enfants? malades?",
        "enfants? a charge",
        "(?:mere|pere|maman|papa|parent)s? (?:celibataire|isolee?|solo)s?(?: es?)?",
        "seule?s? avec (?:ses|son|sa|leurs?|[0-9]+|deux|trois|quatre) enfants?",
        "eleve(?:nt)? seule?s? (?:ses|son|sa|leurs?) enfants?",
        "familles? monoparentales?",
        r"enfants? (?:handicape\w*|en situation de handicap)",
        "conges? (?:de )?(?:maternite|paternite|parental)",
        r"monoparental\w*",
        "violences?",
        r"conjugal\w*",
        "veu(?:f|ve)s?",
        "deces",
        "deuils?",
        "ase",
        "femmes? battues?",
    ),
    HOUSING: (
        "sdf",
        "sans domiciles?(?: fixes?)?",
        "sans abris?",
        "sans logements?",
        "mal loge(?:e|es|s)?",
        # the participle: « hébergement » is a hotel and IT job word
        "heberge(?:e|es|s)?(?: es?)?",  # « hébergé·e »
        r"foyers? d (?:hebergement|urgence)",
        # « animateur en foyer », « femme au foyer »: only where the person lives
        "(?:vit|vivait|vivant|dort|dormait|reside|residant|loge(?:e|es|s)?)"
        " (?:en|au|dans un) foyer",
        "centres? d hebergement",
        "hebergements? d urgence",
        "chrs",
        "hotels? sociaux",
        "hotel social",
        r"squat\w*",
        r"expuls\w*",
        "(?:vit|vivait|dort|dormait|est|etait) (?:a|dans) la rue",
        # the emergency shelter number, not an address or an amount
        "(?:le|du|au|via) 115"
        "(?! (?:rue|avenue|bd|boulevard|route|chemin|euros?|eur|e|h|heures?|km|m))",
    ),
}

_PATTERNS = [
    (category, re.compile(rf"\b(?:{term})\b"))
    for category, terms in _TERMS.items()
    for term in terms
]

_WORD = re.compile(r"[^\W_]+")


@dataclass(frozen=True)
class Found:
    """A sensitive term found: the words as typed, and their kind."""

    words: str
    category: str

    @property
    def category_label(self) -> str:
        return CATEGORY_LABELS[self.category]


def _normalized_words(text: str) -> tuple[str, list[tuple[int, int, int]]]:
    """The text as one normalized string, and for each word its (start in that string,
    start and end in the text as typed). Initials in a row are one word: « R.S.A. » is
    « rsa »."""
    words = []
    for match in _WORD.finditer(text):
        word = re.sub(r"[^a-z0-9]+", "", unidecode(match.group()).lower())
        if not word:
            continue
        previous = words[-1] if words else None
        if (
            len(word) == 1
            and previous is not None
            and previous[3]
            and text[previous[2] : match.start()] in (".", ". ")
        ):
            words[-1] = (previous[0] + word, previous[1], match.end(), True)
        else:
            words.append((word, match.start(), match.end(), len(word) == 1))
    parts, spans, offset = [], [], 0
    for word, start, end, _ in words:
        spans.append((offset, start, end))
        parts.append(word)
        offset += len(word) + 1
    return " ".join(parts), spans


def _typed(text: str, spans, start: int, end: int) -> str:
    """The words as typed that cover [start, end) of the normalized string."""
    covered = [s for s in spans if start <= s[0] < end]
    return text[covered[0][1] : covered[-1][2]]


def sensitive_words(text: str) -> list[Found]:
    """Every sensitive term of `text`, in the order of the text, each once; a term
    inside a longer one found (« malade » in « enfant malade ») is not repeated."""
    normalized, spans = _normalized_words(text or "")
    hits = []
    for category, pattern in _PATTERNS:
        for match in pattern.finditer(normalized):
            hits.append((match.start(), match.end(), category))
    found, seen, covered_until = [], set(), -1
    for start, end, category in sorted(hits, key=lambda hit: (hit[0], -hit[1])):
        if end <= covered_until:
            continue
        covered_until = max(covered_until, end)
        words = _typed(text, spans, start, end)
        if (words.lower(), category) not in seen:
            seen.add((words.lower(), category))
            found.append(Found(words=words, category=category))
    return found


def explain(found: list[Found]) -> str:
    """What the writer is told, in French: which words, of which kind."""
    by_category: dict[str, list[str]] = {}
    for hit in found:
        by_category.setdefault(hit.category, []).append(f"« {hit.words} »")
    details = " ; ".join(
        f"{CATEGORY_LABELS[category]} : {', '.join(words)}"
        for category, words in by_category.items()
    )
    return (
        "Ce texte sera lu par l'employeur et semble parler de la situation de la personne "
        f"({details}). Réécrivez-le sans ces informations, ou confirmez qu'il n'en "
        "contient aucune."
    )


class SensitiveWordsError(ValidationError):
    """A text for an employer with sensitive words that its writer has not confirmed:
    the message (on `field` when given) says which; `found` lists them."""

    code = "sensitive_words"

    def __init__(self, found: list[Found], *, field: str | None = None):
        self.found = found
        error = ValidationError(explain(found), code=self.code)
        super().__init__({field: [error]} if field else error)


def check_text_for_employer(text: str, *, confirmed: bool, field: str | None = None) -> None:
    """Refuse a text an employer will read when it holds sensitive words, unless its
    writer confirmed that it says nothing of the person's situation."""
    if confirmed:
        return
    found = sensitive_words(text)
    if found:
        raise SensitiveWordsError(found, field=field)
