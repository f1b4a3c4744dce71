"""Route arguments of the offer pages and endpoints: a draft offer of the team (its text
is private until published), a published one to which the team introduced the followed
person (whose name the employer sees only as first name and initial)."""

from offers import services
from offers.enums import OfferState
from tests.offers.helpers import offer


def samples(team, followed):
    draft = offer(
        team.organization,
        team.colleague,
        tasks="Préparer la tournée secrète : texte-secret-brouillon",
    )
    published = offer(team.organization, team.colleague, state=OfferState.PUBLISHED)
    introduction = services.introduction_create(
        offer=published,
        person=followed.person,
        organization=team.organization,
        user=team.colleague,
        comment="Mot pour l'employeur : mot-secret-mise-en-relation",
    )
    markers = ["texte-secret-brouillon", "mot-secret-mise-en-relation"]
    arguments = {
        "offer_pk": draft.pk,
        "offer_id": draft.pk,
        "step": "contraintes",
        "introduction_pk": introduction.pk,
        "introduction_id": introduction.pk,
    }
    return markers, arguments
