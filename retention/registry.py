"""The models whose free text holds no followed person's data, each with the reason.

Models that hold a person's data declare it themselves (`retention.scrub`); every other
model with a free-text field is listed here, so that a new model must make the decision
(`tests/retention/test_declarations.py` fails otherwise). The register of processing
activities (`docs/registre-des-traitements.md`) says how long each of these is kept."""

# Professionals' and organizations' data: kept while the account or the organization
# lives, never anonymised with a person's file.
PROFESSIONALS = {
    "accounts.User": "comptes des professionnels (nom, courriel, téléphone)",
    "accounts.ApiToken": "jetons d'API d'un professionnel (empreinte, jamais le jeton)",
    "account.EmailAddress": "adresse de connexion d'un professionnel (allauth)",
    "account.EmailConfirmation": "clé de confirmation d'adresse (allauth)",
    "mfa.Authenticator": "second facteur d'un professionnel (allauth)",
    "socialaccount.SocialApp": "configuration ProConnect",
    "socialaccount.SocialAccount": "compte ProConnect d'un professionnel",
    "socialaccount.SocialToken": "jeton ProConnect d'un professionnel",
    "organizations.Organization": "coordonnées publiques des structures",
    "organizations.Invitation": "invitation d'un professionnel (courriel, empreinte)",
    "companies.Company": "registre des entreprises (données publiques SIRENE)",
    "companies.CompanyTag": "étiquettes d'une organisation sur une entreprise",
    "companies.Contact": "interlocuteurs en entreprise, vus de l'organisation seule",
    "companies.ContactLogEntry": "échanges avec les entreprises, sans les personnes suivies",
    "offers.JobOffer": "offres d'emploi des employeurs",
    "offers.OfferTransition": "journal des étapes d'une offre",
    "partner_services.Service": "annuaire des services (data·inclusion)",
    "partner_services.ServiceTheme": "thématiques d'un service",
}

# Reference data, configuration and machinery: no personal data at all.
REFERENCE = {
    "territories.Region": "référentiel public",
    "territories.Department": "référentiel public",
    "territories.EPCI": "référentiel public",
    "territories.Commune": "référentiel public",
    "jobs.RomeFamily": "référentiel public (ROME)",
    "jobs.Appellation": "référentiel public (ROME)",
    "jobs.SectorHiring": "statistiques publiques",
    "jobs.ShortageRate": "statistiques publiques",
    "reference.LoadedFile": "fichiers de référence chargés",
    "barriers.BarrierTheme": "référentiel des freins",
    "barriers.BarrierItem": "référentiel des freins",
    "auth.Permission": "machinerie Django",
    "auth.Group": "machinerie Django",
    "contenttypes.ContentType": "machinerie Django",
    "sites.Site": "machinerie Django",
    "sessions.Session": "sessions de connexion des professionnels, expirées par Django",
    "admin.LogEntry": "actions du personnel dans l'administration (aucun dossier n'y est)",
    "dsfr.DsfrConfig": "configuration du gabarit DSFR",
    "dsfr.DsfrSocialMedia": "configuration du gabarit DSFR",
    "django_tasks_database.DBTaskResult": "file des tâches : identifiants et compteurs",
    # Rewritten for the objects of an anonymised person by `retention.audit_trail`.
    "audit.AuditEntry": "journal des modifications, réécrit à l'anonymisation",
}

UNDECLARED: dict[str, str] = PROFESSIONALS | REFERENCE
