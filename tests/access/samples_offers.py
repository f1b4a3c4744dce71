"""Route arguments of the offer pages and endpoints: a draft offer of the team (its text
is private until published), a published one to which the team introduced the followed
person (whose name the employer sees only as first name and initial) and sent the
introduction to the employer's contact (whose address is the team's); the requests the
draft received while it was on the public board (a referral « candidature sur une
offre » to the team, an interest left for the employer), which only they read. The emailed
link's own page is walked with the unknown token every walk shares: a real link is a
key, and whoever holds it sees the employer's view (`test_employer_walls`)."""

from offers import services
from offers.enums import OfferState
from offers.models import OfferInterest
from persons.services import person_create
from referrals.enums import Channel
from referrals.services import referral_create
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
    services.introduction_send(
        introduction=introduction, user=team.colleague, email="contact-secret@employeur.example"
    )
    visitor = person_create(
        organization=team.organization,
        user=None,
        data={"first_name": "Yanis", "last_name": "Candidat-Secret-Offre", "phone": "0611223344"},
    )
    referral_create(
        person=visitor,
        to_organization=team.organization,
        motivation="Intéressé par l'offre : motif-secret-candidature-offre",
        channel=Channel.OFFER,
        offer=draft,
    )
    OfferInterest.objects.create(
        offer=draft, first_name="Inès", last_name="Visiteuse-Secrète", email="ines@exemple.fr"
    )
    markers = [
        "texte-secret-brouillon",
        "Candidat-Secret-Offre",
        "motif-secret-candidature-offre",
        "Visiteuse-Secrète",
        "mot-secret-mise-en-relation",
        "contact-secret@employeur.example",
    ]
    arguments = {
        "offer_pk": draft.pk,
        "offer_id": draft.pk,
        "step": "contraintes",
        "introduction_pk": introduction.pk,
        "introduction_id": introduction.pk,
    }
    return markers, arguments
