import pytest
from django.urls import reverse

from tests.factories.accounts import UserFactory
from tests.factories.jobs import AppellationFactory
from tests.factories.territories import commune_at

PAGES = [
    reverse("commune_search"),
    reverse("commune_autocomplete") + "?q=tre",
    reverse("commune_detail", args=["49353"]),
    reverse("appellation_search"),
    reverse("appellation_autocomplete") + "?q=aide",
]


@pytest.fixture
def member(client, db):
    user = UserFactory()
    client.force_login(user)
    return user


@pytest.mark.parametrize("url", PAGES)
def test_it_requires_signing_in(client, anjou, url):
    response = client.get(url)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_it_shows_a_search_box_with_a_label_and_live_status(client, member):
    response = client.get(reverse("commune_search"))

    html = response.content.decode()
    assert response.status_code == 200
    assert '<label class="fr-label" for="commune-q">' in html
    assert f'hx-get="{reverse("commune_autocomplete")}"' in html
    assert (
        'id="commune-status" class="fr-text--sm fr-mb-1w" role="status" aria-live="polite"' in html
    )


def test_it_renders_results_without_javascript(client, member, anjou):
    response = client.get(reverse("commune_search"), {"q": "trelaze"})

    assert response.context["results"] == [anjou["trelaze"]]
    assert f'href="{reverse("commune_detail", args=["49353"])}">Trélazé</a>' in (
        response.content.decode()
    )


def test_it_answers_the_live_search_with_a_partial_and_its_count(client, member, anjou):
    response = client.get(reverse("commune_autocomplete"), {"q": "498"}, HTTP_HX_REQUEST="true")

    html = response.content.decode()
    assert "<html" not in html
    assert html.index("Trélazé") < html.index("Sarrigné")
    assert 'hx-swap-oob="true">2 résultats.</p>' in html


@pytest.mark.parametrize(
    ("query", "status"),
    [("t", "Saisissez au moins 2 caractères."), ("zzz", "Aucune commune trouvée.")],
)
def test_it_says_why_there_is_no_result(client, member, anjou, query, status):
    response = client.get(reverse("commune_autocomplete"), {"q": query})

    assert f">{status}</p>" in response.content.decode()


def test_it_shows_a_commune_and_the_communes_around_it(client, member, anjou):
    response = client.get(reverse("commune_detail", args=["49353"]), {"rayon": "5"})

    html = response.content.decode()
    assert response.context["radius"] == 5
    for fact in [
        "Trélazé",
        "Maine-et-Loire (49)",
        "Pays de la Loire",
        "CU Angers Loire Métropole",
        "49800",
        "16\xa0333 habitants",
    ]:
        assert fact in html
    assert "2 communes à moins de 5 km de Trélazé" in html
    assert '<td class="fr-cell--right">2,5 km</td>' in html
    assert '<option value="5" selected>' in html


def test_it_pages_the_nearby_communes_25_at_a_time(client, member):
    centre = commune_at("49001", "Centre", 47.0, -0.5)
    for i in range(30):
        commune_at(f"49{100 + i}", f"Voisine {i:02d}", 47.0 + (i + 1) / 1000, -0.5)
    url = reverse("commune_detail", args=[centre.code])

    first = client.get(url, {"rayon": "10"})
    second = client.get(url, {"rayon": "10", "page": "2"})

    assert len(first.context["page"]) == 25
    assert [item.commune.name for item in second.context["page"]] == [
        f"Voisine {i}" for i in range(25, 30)
    ]
    assert 'href="?rayon=10&amp;page=2"' in first.content.decode()


def test_it_falls_back_to_10_km_on_an_unknown_radius(client, member, anjou):
    response = client.get(reverse("commune_detail", args=["49353"]), {"rayon": "7"})

    assert response.context["radius"] == 10
    assert "fr-select-group--error" in response.content.decode()


def test_it_answers_404_for_an_unknown_commune(client, member, db):
    assert client.get(reverse("commune_detail", args=["00000"])).status_code == 404


def test_it_searches_job_titles_with_their_rome_family(client, member):
    AppellationFactory(name="Aide à domicile")

    page = client.get(reverse("appellation_search"), {"q": "domicile aide"})
    partial = client.get(reverse("appellation_autocomplete"), {"q": "domicile aide"})

    for response in (page, partial):
        html = response.content.decode()
        assert "<strong>Aide à domicile</strong>" in html
        assert "Services domestiques (K1304)" in html
        assert "1 résultat." in html
