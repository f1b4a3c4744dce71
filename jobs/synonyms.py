"""Everyday words for jobs, and the words the ROME referential and the offers use instead.

People type what they would say (« ménage », « vente », « boulangerie »); job titles say
« Agent d'entretien », « Vendeur », « Boulanger ». Each entry below is what a person
types (a word or a short phrase, written as spoken) and the words of titles or offers
it stands for; a search for the entry also looks for each of them. Curated by hand from
the words people use in drop-in sessions, kept short on purpose: a synonym that is too
broad drowns the jobs the person meant. The search adds the word itself.

Entries and words are compared after `lib.stemming` (accents, case, plural and feminine
do not matter): « ménagère » and « menage » both work."""

SYNONYMS: dict[str, tuple[str, ...]] = {
    # Shops
    "vente": ("vendeur", "commercial", "conseiller de vente"),
    "vendre": ("vendeur",),
    "commerce": ("vendeur", "commercial", "vente"),
    "magasin": ("vendeur", "employé libre service", "mise en rayon"),
    "caisse": ("caissier", "hôte de caisse"),
    "rayon": ("employé libre service", "mise en rayon"),
    "supermarché": ("employé libre service", "caissier", "grande distribution"),
    "boulangerie": ("boulanger", "vendeur en boulangerie"),
    "pâtisserie": ("pâtissier",),
    "boucherie": ("boucher",),
    "fleuriste": ("fleur",),
    # Cleaning and home help
    "ménage": ("nettoyage", "entretien", "propreté", "ménager", "employé de maison"),
    "femme de ménage": ("nettoyage", "entretien", "propreté", "ménager", "employé de maison"),
    "nettoyage": ("propreté", "entretien", "nettoyeur"),
    "propreté": ("nettoyage", "entretien"),
    "entretien": ("nettoyage", "propreté"),
    "repassage": ("repasseur", "ménager"),
    "personnes âgées": ("aide à domicile", "auxiliaire de vie"),
    "domicile": ("aide à domicile", "auxiliaire de vie"),
    "garde d'enfants": ("garde d'enfant", "assistant maternel", "baby sitter"),
    "nounou": ("garde d'enfant", "assistant maternel"),
    "crèche": ("petite enfance", "auxiliaire de puériculture"),
    # Warehouse and factory
    "logistique": ("préparateur de commandes", "magasinier", "cariste", "manutentionnaire"),
    "entrepôt": ("préparateur de commandes", "magasinier", "cariste", "manutentionnaire"),
    "manutention": ("manutentionnaire",),
    "emballage": ("conditionneur", "emballeur", "conditionnement"),
    "conditionnement": ("conditionneur",),
    "conditionneur": ("conditionnement",),
    "colis": ("préparateur de commandes", "emballeur"),
    "usine": ("opérateur de production", "ouvrier", "agent de fabrication"),
    "chariot": ("cariste",),
    "fenwick": ("cariste",),
    # Driving and delivery
    "livraison": ("livreur", "chauffeur livreur"),
    "chauffeur": ("conducteur", "livreur"),
    "conduite": ("conducteur",),
    "camion": ("conducteur poids lourd", "chauffeur"),
    "bus": ("conducteur de transport en commun",),
    # Food and hotels
    "restauration": ("serveur", "cuisinier", "employé polyvalent de restauration"),
    "restaurant": ("serveur", "cuisinier", "plongeur", "employé polyvalent de restauration"),
    "cuisine": ("cuisinier", "commis de cuisine", "plongeur"),
    "plonge": ("plongeur",),
    "service en salle": ("serveur",),
    "hôtel": ("réceptionniste", "valet de chambre", "femme de chambre"),
    "hôtellerie": ("réceptionniste", "valet de chambre", "femme de chambre"),
    # Building and outdoors
    "bâtiment": ("maçon", "ouvrier du bâtiment", "manœuvre"),
    "btp": ("maçon", "ouvrier du bâtiment", "manœuvre", "bâtiment"),
    "chantier": ("manœuvre", "maçon", "ouvrier"),
    "peinture": ("peintre",),
    "jardin": ("jardinier", "espaces verts", "paysagiste"),
    "jardinage": ("jardinier", "espaces verts", "paysagiste"),
    "espaces verts": ("jardinier", "paysagiste"),
    "paysagiste": ("jardinier", "espaces verts"),
    # Care, office, security
    "soins": ("soignant", "infirmier"),
    "hôpital": ("agent de service hospitalier", "soignant", "brancardier"),
    "secrétariat": ("secrétaire", "assistant administratif"),
    "bureau": ("secrétaire", "assistant administratif", "employé administratif"),
    "accueil": ("hôte d'accueil", "agent d'accueil", "standardiste"),
    "sécurité": ("agent de sécurité", "surveillant"),
    "vigile": ("agent de sécurité",),
    "gardiennage": ("gardien", "agent de sécurité"),
    "informatique": ("informaticien", "développeur", "technicien informatique"),
    "mécanique": ("mécanicien",),
    "garage": ("mécanicien", "carrossier"),
    "coiffure": ("coiffeur",),
    "esthétique": ("esthéticien",),
}
