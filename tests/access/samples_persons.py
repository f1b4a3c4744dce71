"""Route arguments of the person pages: a wish and an experience of the followed person,
whose words are markers a stranger must never see."""

from persons.services import experience_save, wish_add
from tests.factories.jobs import AppellationFactory


def samples(team, followed):
    wish = wish_add(
        actor=team.colleague,
        person=followed.person,
        appellation=AppellationFactory(code="77777", name="Agent de tri"),
        own_words="Souhait-secret-du-tri",
    )
    experience = experience_save(
        actor=team.colleague,
        person=followed.person,
        data={"description": "Expérience-secrète-de-plonge", "employer": "Le Relais"},
    )
    return (
        ["Souhait-secret-du-tri", "Expérience-secrète-de-plonge"],
        {"wish_pk": wish.pk, "experience_pk": experience.pk, "wish_id": wish.pk},
    )
