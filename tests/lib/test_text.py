import pytest
from django.core.exceptions import ValidationError

from lib.text import check_no_nul, normalize, words


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Trélazé", "trelaze"),
        ("TRÉLAZÉ", "trelaze"),
        ("L'Haÿ-les-Roses", "l hay les roses"),
        ("Saint-Barthélemy-d’Anjou", "saint barthelemy d anjou"),
        ("  Aide à  domicile ", "aide a domicile"),
        ("Œnologue / Œnologue", "oenologue oenologue"),
        ("Boulanger-pâtissier (H/F)", "boulanger patissier h f"),
        ("49800", "49800"),
        ("", ""),
        ("--'", ""),
    ],
)
def test_it_normalizes_case_accents_and_punctuation(text, expected):
    assert normalize(text) == expected


def test_it_splits_normalized_words():
    assert words("Aide-soignant à domicile") == ["aide", "soignant", "a", "domicile"]
    assert words(" - ") == []


def test_a_nul_byte_is_refused_before_any_lookup():
    with pytest.raises(ValidationError) as refused:
        check_no_nul("Trélazé\x00")
    assert refused.value.messages == ["Caractère interdit (octet nul)."]
    check_no_nul("Trélazé")
    check_no_nul(None)


def test_de_is_elided_before_a_vowel_or_an_h_as_french_writes_it():
    from lib.text import of

    assert [of(n) for n in ("Aminata", "Élodie", "Hugo", "Yves", "Yanis", "Nadia")] == [
        "d'Aminata",
        "d'Élodie",
        "d'Hugo",
        "d'Yves",
        "de Yanis",
        "de Nadia",
    ]


def test_de_contracts_with_the_article_of_a_place_or_an_organization():
    from lib.text import of

    assert [of(n) for n in ("Le Mans", "Les Jardins de la Maine", "La Flèche", "Angers")] == [
        "du Mans",
        "des Jardins de la Maine",
        "de La Flèche",
        "d'Angers",
    ]


def test_templates_write_de_with_its_elision_and_still_escape_the_name():
    from html import unescape

    from django.template import Context, Template

    rendered = Template("Immersion {{ a|de }}, offres {{ b|de }}").render(
        Context({"a": "Alain M.", "b": "Les Ponts-de-Cé <b>"})
    )
    assert "<b>" not in rendered
    assert unescape(rendered) == "Immersion d'Alain M., offres des Ponts-de-Cé <b>"
