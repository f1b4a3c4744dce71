import pytest
from django.urls import reverse

from stories.pdf import story_pdf
from tests.pdf_text import pdf_text
from tests.stories.helpers import draft, published

pytestmark = pytest.mark.django_db


def test_the_public_pdf_opens_and_tells_the_changed_first_name_never_the_real_one(
    client, team, followed
):
    story = published(team, followed)
    response = client.get(reverse("public_story_pdf", args=[story.slug]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    drawn = pdf_text(response.content)
    assert "L'histoire de Nadia" in drawn
    assert "Du chantier au fournil" in drawn
    assert "Sandrine" not in drawn and "Quintaval" not in drawn
    assert "Le prénom a été changé" in drawn
    assert "ne pas diffuser" not in drawn


def test_a_draft_prints_for_the_structure_marked_as_not_for_sharing(client, team, followed):
    story = draft(team, followed)
    client.force_login(team.colleague)
    response = client.get(reverse("story_pdf", args=[story.pk]))
    assert response.status_code == 200
    assert "Brouillon — document de travail, à ne pas diffuser." in pdf_text(response.content)


def test_the_pdf_keeps_french_quotes_and_survives_characters_outside_its_fonts(team, followed):
    story = draft(team, followed, text="« Je me lève à 4 h » — dit-elle → fière 🙂")
    drawn = pdf_text(story_pdf(story))
    assert "« Je me lève à 4 h » — dit-elle ? fière ?" in drawn
