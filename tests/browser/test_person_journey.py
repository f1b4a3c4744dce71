"""Sophie, counsellor at the Mission emploi de Trélazé, records a new person and follows
her from the first meeting to the action plan (journey 4, the three-actor method); then
Julien, the France Travail adviser who referred another person, sees only her
milestones, and nothing of the person the Mission emploi created."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from lib.text import of
from tests.browser.axe import assert_accessible
from tests.browser.steps import (
    open_form,
    open_main_nav_link,
    open_person_tab,
    sign_in,
    sign_out,
    tick,
)

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

SOPHIE = "sophie.mission@demo.parcours.localhost"
JULIEN = "julien.ft@demo.parcours.localhost"
MISSION = "Mission emploi de Trélazé (démo)"

FIRST_NAME, LAST_NAME, BIRTH_DATE = "Aïcha", "Benhamou", "1990-05-14"
AICHA = f"{FIRST_NAME} {LAST_NAME}"
TRELAZE = "Trélazé (49353)"
HOME_HELP = "Aide à domicile"
BAKERY = "Vendeur / Vendeuse en boulangerie-pâtisserie"
CHILDCARE = "Enfant de moins de 3 ans sans solution de garde"
FAMILY_THEME = "Famille (garde d'enfants, proche dépendant)"
CRECHE = "Places en crèche à vocation d'insertion professionnelle (AVIP) (démo)"


def test_a_counsellor_follows_a_new_person_and_a_prescriber_sees_only_milestones(
    page, demo_territory
):
    sign_in(page, SOPHIE)
    expect(page.locator("p.fr-text--lead")).to_contain_text(MISSION)

    person_url = create_person(page)
    check_duplicate_warning(page)
    page.goto(person_url)
    wished_jobs_and_mobility(page)
    open_pathway_and_move_it(page)
    barrier_and_service_referral(page)
    action_plan(page)
    timeline(page)

    sign_out(page)
    sign_in(page, JULIEN)
    prescriber_sees_milestones_only(page, aicha_url=person_url)


# Sophie: the person's record -----------------------------------------------------------


def create_person(page) -> str:
    """« Personnes » → « Nouvelle personne »: a refused form first (no consent), then the
    record. Returns the URL of the person's page."""
    open_main_nav_link(page, "Personnes suivies")
    expect(page.get_by_role("heading", level=1)).to_have_text("Personnes")
    assert_accessible(page)

    page.get_by_role("link", name="Nouvelle personne").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Nouvelle personne")
    assert_accessible(page)
    fill_identity(page)

    # The commune field suggests communes (htmx fills its datalist as one types).
    commune = page.get_by_label(re.compile(r"^Commune de résidence"))
    commune.press_sequentially("Trélaz", delay=20)
    suggestions = page.locator(f"#{commune.get_attribute('list')}")
    expect(suggestions.locator(f'option[value="{TRELAZE}"]')).to_have_count(1)
    assert_accessible(page)
    commune.fill(TRELAZE)  # what choosing the suggestion puts in the field

    # Without the person's consent, nothing is created.
    page.get_by_role("button", name="Créer le dossier").click()
    consent = page.get_by_role("checkbox", name=re.compile(r"^La personne accepte"))
    expect(consent).to_have_attribute("aria-invalid", "true")
    expect(consent).to_have_accessible_description(
        re.compile("Le consentement de la personne est obligatoire")
    )
    assert_accessible(page)

    tick(consent)
    page.get_by_role("button", name="Créer le dossier").click()
    expect(page.get_by_role("status").first).to_contain_text(f"Le dossier de {AICHA} est créé.")
    expect(page.get_by_role("heading", level=1)).to_have_text(AICHA)
    expect(page).to_have_url(re.compile(r"/personnes/\d+/$"))
    header = page.locator("h1 + p")
    expect(header).to_contain_text("Né·e le 14 mai 1990")
    expect(header).to_contain_text("Trélazé")
    tabs = page.get_by_role("navigation", name=f"Dossier {of(AICHA)}")
    expect(tabs.get_by_role("link", name="Situation et projet")).to_have_attribute(
        "aria-current", "page"
    )
    assert_accessible(page)
    return page.url


def fill_identity(page, first_name=FIRST_NAME, last_name=LAST_NAME) -> None:
    page.get_by_label(re.compile(r"^Prénom")).fill(first_name)
    page.get_by_label(re.compile(r"^Nom")).fill(last_name)
    page.get_by_label(re.compile(r"^Date de naissance")).fill(BIRTH_DATE)


def check_duplicate_warning(page) -> None:
    """The same names (typed differently) and birth date: the form warns, shows the
    record found, and creates nothing until the counsellor confirms; she gives up."""
    open_main_nav_link(page, "Personnes suivies")
    rows = page.get_by_role("table").locator("tbody tr")
    expect(rows.filter(has_text="BENHAMOU Aïcha")).to_have_count(1)
    count = rows.count()
    page.get_by_role("link", name="Nouvelle personne").click()
    fill_identity(page, first_name="aicha", last_name="BENHAMOU")
    tick(page.get_by_role("checkbox", name=re.compile(r"^La personne accepte")))
    page.get_by_role("button", name="Créer le dossier").click()

    expect(page.get_by_role("alert")).to_contain_text(
        "Un dossier semble déjà exister pour cette personne."
    )
    warning = page.locator("#doublons-probables")
    expect(warning.get_by_role("heading")).to_have_text(
        "Cette personne a peut-être déjà un dossier"
    )
    expect(warning).to_contain_text(f"{AICHA}, né·e le 14/05/1990, Trélazé")
    expect(warning.get_by_role("link", name="Ouvrir ce dossier")).to_be_visible()
    expect(page.get_by_role("checkbox", name="Il s'agit d'une autre personne")).not_to_be_checked()
    assert_accessible(page)

    page.get_by_role("link", name="Annuler").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Personnes")
    expect(rows.filter(has_text="BENHAMOU Aïcha")).to_have_count(1)
    expect(rows).to_have_count(count)


def wished_jobs_and_mobility(page) -> None:
    """Two wished jobs in her words, in order; the second moves up (htmx); her mobility."""
    wishes = page.locator("#metiers-souhaites")
    expect(wishes).to_contain_text("Aucun métier souhaité noté pour l'instant")
    add_wish(page, "aide à dom", HOME_HELP, "10805", "m'occuper des personnes âgées")
    add_wish(page, "boulangerie", BAKERY, "20560", "le contact avec les clients")
    assert _wish_names(wishes) == [HOME_HELP, BAKERY]
    expect(wishes.locator("li").nth(0)).to_contain_text("« m'occuper des personnes âgées »")
    expect(wishes.locator("li").nth(1)).to_contain_text("« le contact avec les clients »")
    # Only the second can move up, only the first down.
    expect(wishes.get_by_role("button", name=f"Monter « {HOME_HELP} »")).to_have_count(0)
    expect(wishes.get_by_role("button", name=f"Descendre « {BAKERY} »")).to_have_count(0)

    url = page.url
    wishes.get_by_role("button", name=f"Monter « {BAKERY} »").click()
    expect(wishes.locator("li").first).to_contain_text(BAKERY)
    assert _wish_names(wishes) == [BAKERY, HOME_HELP]
    assert page.url == url  # swapped in place by htmx, no page load
    expect(wishes.get_by_role("button", name=f"Monter « {HOME_HELP} »")).to_be_visible()
    assert_accessible(page)
    page.reload()
    assert _wish_names(page.locator("#metiers-souhaites")) == [BAKERY, HOME_HELP]

    page.get_by_role("link", name="Modifier la mobilité").click()
    expect(page.get_by_role("heading", level=2, name="Mobilité")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Permis de conduire").select_option(label="Pas de permis")
    tick(page.get_by_role("checkbox", name="Transports en commun"))
    page.get_by_label(re.compile(r"^Distance maximale")).fill("10")
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_role("status").first).to_contain_text(
        "Mobilité : modifications enregistrées."
    )
    mobility = page.locator("section", has=page.get_by_role("heading", name="Mobilité"))
    expect(_fact(mobility, "Permis de conduire")).to_have_text("Pas de permis")
    expect(_fact(mobility, "Véhicule")).to_have_text("Non")
    expect(_fact(mobility, "Se déplace")).to_have_text("en transports en commun ;")
    expect(_fact(mobility, "Distance maximale")).to_have_text("10 km")
    assert_accessible(page)


def add_wish(page, typed: str, name: str, code: str, own_words: str) -> None:
    page.get_by_role("link", name="Ajouter un métier souhaité").click()
    expect(page.get_by_role("heading", level=2, name="Ajouter un métier souhaité")).to_be_visible()
    job = page.get_by_label(re.compile(r"^Métier souhaité"))
    job.press_sequentially(typed, delay=20)
    label = f"{name} ({code})"
    suggestions = page.locator(f"#{job.get_attribute('list')}")
    expect(suggestions.locator(f'option[value="{label}"]')).to_have_count(1)
    assert_accessible(page)
    job.fill(label)
    page.get_by_label(re.compile(r"^En ses mots")).fill(own_words)
    page.get_by_role("button", name="Ajouter", exact=True).click()
    expect(page.get_by_role("status").first).to_contain_text(
        f"« {name} » ajouté aux métiers souhaités."
    )
    assert_accessible(page)


def _wish_names(wishes) -> list[str]:
    return wishes.locator("li > strong").all_inner_texts()


def _fact(section, term: str):
    """The <dd> that follows the <dt> `term` in a section's facts."""
    return section.locator(f"dt:text-is('{term}') + dd")


# Sophie: the pathway --------------------------------------------------------------------


def open_pathway_and_move_it(page) -> None:
    page.get_by_role("link", name="Ouvrir un parcours").click()
    expect(page.get_by_role("heading", level=2)).to_have_text(f"Ouvrir un parcours à {MISSION}")
    assert_accessible(page)
    page.get_by_label("Type de parcours").select_option(label="Accompagnement vers l'emploi")
    page.get_by_label("Référent·e").select_option(label="Sophie Lemaire")
    page.get_by_label("Entrée").select_option(label="Venue spontanée (permanence)")
    page.get_by_role("button", name="Ouvrir le parcours").click()

    expect(page.get_by_role("status").first).to_contain_text("Le parcours est ouvert.")
    tabs = page.get_by_role("navigation", name=f"Dossier {of(AICHA)}")
    expect(tabs.get_by_role("link", name="Parcours")).to_have_attribute("aria-current", "page")
    pathway = page.locator("section", has=page.get_by_role("heading", level=3, name=MISSION))
    expect(pathway.get_by_role("heading", level=3)).to_contain_text("Accompagnement vers l'emploi")
    expect(pathway.locator("h3 .fr-badge")).to_have_text("Accueil")
    expect(pathway.locator("dl")).to_contain_text("Sophie Lemaire")
    expect(pathway.locator("dl")).to_contain_text("Venue spontanée (permanence)")
    assert_accessible(page)

    for step in ("Diagnostic", "Parcours en cours"):
        open_person_tab(page, AICHA, "Parcours")
        form = open_form(pathway, "Changer d'étape")
        assert_accessible(page)
        form.get_by_label("Nouvelle étape").select_option(label=step)
        form.get_by_role("button", name="Enregistrer l'étape").click()
        expect(page.get_by_role("status").first).to_contain_text(
            "L'étape du parcours est enregistrée."
        )
        expect(pathway.locator("h3 .fr-badge")).to_have_text(step)
    journal = pathway.get_by_role("table", name="Journal des étapes")
    assert journal.locator("tbody tr td:nth-child(4)").all_inner_texts() == [
        "Accueil",
        "Diagnostic",
        "Parcours en cours",
    ]
    # From « Parcours en cours », the next steps are employment or an exit.
    form = open_form(pathway, "Changer d'étape")
    options = form.get_by_label("Nouvelle étape").locator("option").all_inner_texts()
    assert options == ["En emploi", "Sorti·e"]
    assert_accessible(page)


# Sophie: barriers and services -----------------------------------------------------------


def barrier_and_service_referral(page) -> None:
    open_person_tab(page, AICHA, "Freins et services")
    expect(page.get_by_text("Aucun frein noté pour le moment.")).to_be_visible()
    assert_accessible(page)

    # The list of barriers follows the theme chosen (htmx).
    item = page.get_by_label(re.compile(r"^Frein\b"))
    expect(item.locator("option")).to_have_text(["Choisir d'abord un thème"])
    page.get_by_label(re.compile(r"^Thème")).select_option(label=FAMILY_THEME)
    expect(item.locator("option", has_text=CHILDCARE)).to_have_count(1)
    expect(item.locator("option").first).to_have_text("Choisir un frein")
    assert_accessible(page)
    item.select_option(label=CHILDCARE)
    page.get_by_label(re.compile(r"^Précisions")).fill("Sa fille a deux ans.")
    page.get_by_role("button", name="Noter ce frein").click()

    expect(page.get_by_role("status").first).to_contain_text(f"Frein « {CHILDCARE} » noté.")
    barrier = page.locator(".parcours-panel", has=page.get_by_role("heading", name=CHILDCARE))
    expect(barrier.locator("h4 .fr-badge")).to_have_text("Identifié")
    expect(
        page.get_by_role("heading", level=3, name=re.compile(r"^Famille \(garde"))
    ).to_be_visible()
    # The nearby service that lifts it: the crèche with places for job seekers, in Angers.
    expect(
        barrier.get_by_role("heading", name="Services à proximité qui lèvent ce frein")
    ).to_be_visible()
    creche = barrier.get_by_role("listitem").filter(has_text=CRECHE)
    expect(creche).to_contain_text("Crèche Les Petits Pas (démo), Angers")
    expect(creche).to_contain_text(re.compile(r"\(\d+,\d km\)"))
    assert_accessible(page)

    creche.get_by_role("link", name=f"Orienter vers {CRECHE}").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Orienter {AICHA} vers {CRECHE}")
    expect(page.get_by_label("Pour le frein").locator("option:checked")).to_have_text(CHILDCARE)
    assert_accessible(page)
    message = "Mme Benhamou cherche une place pour sa fille de deux ans pour reprendre un emploi."
    page.get_by_label(re.compile(r"^Message au service")).fill(message)
    page.get_by_role("button", name="Envoyer l'orientation").click()

    expect(page.get_by_role("status").first).to_contain_text(f"Orientation envoyée à {CRECHE}.")
    expect(barrier.locator("h4 .fr-badge")).to_have_text("En cours de levée")
    referrals = page.get_by_role("table", name=f"Orientations {of(AICHA)} vers des services")
    row = referrals.locator("tbody tr")
    expect(row).to_have_count(1)
    expect(row.locator("td").nth(0)).to_contain_text(CRECHE)
    expect(row.locator("td").nth(1)).to_have_text(CHILDCARE)
    expect(row.locator("td").nth(2)).to_contain_text(f"par {MISSION}")
    expect(row.locator("td").nth(3)).to_have_text("Envoyée")
    assert_accessible(page)


# Sophie: the action plan ----------------------------------------------------------------


def action_plan(page) -> None:
    open_person_tab(page, AICHA, "Plan d'action")
    expect(page.get_by_role("heading", level=2)).to_have_text("Plan d'action")
    assert_accessible(page)
    objective_title = "Trouver un emploi d'aide à domicile à Trélazé"

    objective_form = open_form(page, "Ajouter un objectif")
    objective_form.get_by_label(re.compile(r"^Objectif")).fill(objective_title)
    objective_form.get_by_label(re.compile(r"^Il concerne")).select_option(
        label="L'emploi (projet professionnel)"
    )
    objective_form.get_by_role("button", name="Ajouter l'objectif").click()
    expect(page.get_by_role("status").first).to_have_text("Objectif ajouté.")
    objectives = page.get_by_role("table", name="Objectifs")
    expect(objectives.locator("tbody tr")).to_have_count(1)
    expect(objectives.locator("tbody tr td").nth(0)).to_have_text(objective_title)
    expect(objectives.locator("tbody tr td").nth(1)).to_have_text("L'emploi")

    due = timezone.localdate() + timedelta(days=7)
    action_form = open_form(page, "Ajouter une action")
    action_form.get_by_label(re.compile(r"^Action")).fill("Appeler Anjou Aide à Domicile")
    action_form.get_by_label(re.compile(r"^Type")).select_option(label="Recherche d'emploi")
    action_form.get_by_label(re.compile(r"^Objectif")).select_option(label=objective_title)
    expect(
        action_form.get_by_label(re.compile(r"^Responsable")).locator("option:checked")
    ).to_have_text("Sophie Lemaire")
    action_form.get_by_label(re.compile(r"^Échéance")).fill(due.isoformat())
    action_form.get_by_role("button", name="Ajouter l'action").click()
    expect(page.get_by_role("status").first).to_have_text("Action ajoutée.")
    action = page.get_by_role("table", name="Actions").locator("tbody tr")
    expect(action).to_have_count(1)
    expect(action.locator("td").nth(0)).to_contain_text("Appeler Anjou Aide à Domicile")
    expect(action.locator("td").nth(0)).to_contain_text(f"Objectif : {objective_title}")
    expect(action.locator("td").nth(3)).to_have_text(due.strftime("%d/%m/%Y"))
    expect(action.locator("td").nth(4)).to_have_text("À faire")

    at = (timezone.localtime() + timedelta(days=3)).replace(hour=10, minute=30)
    appointment_form = open_form(page, "Prévoir un rendez-vous")
    appointment_form.get_by_label(re.compile(r"^Date et heure")).fill(at.strftime("%Y-%m-%dT%H:%M"))
    appointment_form.get_by_label(re.compile(r"^Objet")).fill("Point sur la garde et les offres")
    appointment_form.get_by_label(re.compile(r"^Lieu")).fill("Mission emploi, hôtel de ville")
    appointment_form.get_by_role("button", name="Ajouter le rendez-vous").click()
    expect(page.get_by_role("status").first).to_have_text("Rendez-vous ajouté.")
    appointment = page.get_by_role("table", name="Rendez-vous").locator("tbody tr")
    expect(appointment).to_have_count(1)
    expect(appointment.locator("td").nth(0)).to_have_text(at.strftime("%d/%m/%Y 10:30"))
    expect(appointment.locator("td").nth(1)).to_have_text("Point sur la garde et les offres")
    expect(appointment.locator("td").nth(3)).to_have_text("Sophie Lemaire")

    note_form = open_form(page, "Écrire une note")
    note_form.get_by_label(re.compile(r"^Note")).fill(
        "Très motivée ; disponible dès la garde trouvée."
    )
    note_form.get_by_label(re.compile(r"^Visibilité")).select_option(
        label="Partagée avec l'équipe d'accompagnement"
    )
    note_form.get_by_role("button", name="Enregistrer la note").click()
    expect(page.get_by_role("status").first).to_have_text("Note enregistrée.")
    notes = page.locator("section", has=page.get_by_role("heading", name=re.compile(r"^Notes")))
    expect(notes.get_by_role("heading", level=3)).to_have_text("Notes (1)")
    expect(notes.locator(".fr-callout")).to_contain_text(
        "Très motivée ; disponible dès la garde trouvée."
    )
    expect(notes.locator(".fr-callout")).to_contain_text("Partagée avec l'équipe d'accompagnement")
    assert_accessible(page)


# Sophie: the timeline -------------------------------------------------------------------


def timeline(page) -> None:
    open_person_tab(page, AICHA, "Chronologie")
    expect(page.get_by_role("heading", level=2)).to_have_text("Chronologie")
    events = page.locator("ol.parcours-timeline > li")
    kinds = {_event_kind(text) for text in events.locator("p.fr-text--xs").all_inner_texts()}
    expected = {"Entrée", "Frein", "Orientation vers un service", "Action", "Rendez-vous"}
    assert expected <= kinds, kinds
    titles = events.locator("p.fr-text--bold").all_inner_texts()
    assert any(CRECHE in title for title in titles), titles
    assert_accessible(page)

    tick(page.get_by_role("checkbox", name="Frein", exact=True))
    page.get_by_role("button", name="Filtrer").click()
    expect(page).to_have_url(re.compile(r"[?&]type=barrier"))
    expect(page.get_by_role("checkbox", name="Frein", exact=True)).to_be_checked()
    expect(events.first).to_be_visible()
    filtered = {_event_kind(text) for text in events.locator("p.fr-text--xs").all_inner_texts()}
    assert filtered == {"Frein"}, filtered
    # Two barrier events: noted, then being lifted by the referral. The theme is sensitive:
    # the timeline names the theme, never the item.
    theme = FAMILY_THEME.lower()
    assert events.locator("p.fr-text--bold").all_inner_texts() == [
        f"Frein en cours de levée : {theme}",
        f"Frein identifié : {theme}",
    ]
    expect(page.locator("ol.parcours-timeline")).not_to_contain_text(CHILDCARE)
    assert_accessible(page)


def _event_kind(meta: str) -> str:
    """« 14/05/2026 10:30 · Frein · Mission emploi… » → « Frein »."""
    return meta.split(" · ")[1].strip()


# Julien, the prescriber -----------------------------------------------------------------


def prescriber_sees_milestones_only(page, *, aicha_url: str) -> None:
    expect(page.locator("p.fr-text--lead")).to_contain_text("France Travail Angers Europe")
    open_main_nav_link(page, "Personnes suivies")
    table = page.get_by_role("table")
    expect(table.locator("tbody")).to_contain_text("LECLERC Sandrine")
    # A person the Mission emploi created is none of France Travail's business.
    expect(table.locator("tbody")).not_to_contain_text("BENHAMOU")
    assert_accessible(page)

    table.get_by_role("link", name="LECLERC Sandrine").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Sandrine Leclerc")
    expect(
        page.get_by_text("seules les grandes étapes de son parcours vous sont visibles")
    ).to_be_visible()
    tabs = page.get_by_role("navigation", name="Dossier de Sandrine Leclerc")
    expect(tabs.get_by_role("link")).to_have_text(
        ["Situation et projet", "Parcours", "Chronologie"]
    )
    # Her wishes, barriers and plan are the team's: not shown.
    expect(page.get_by_role("heading", name="Métiers souhaités")).to_have_count(0)
    assert_accessible(page)
    sandrine_url = page.url

    tabs.get_by_role("link", name="Parcours").click()
    pathway = page.locator("section", has=page.get_by_role("heading", level=3))
    expect(pathway.get_by_role("heading", level=3)).to_contain_text("Trélazé Services")
    expect(pathway.locator("h3 .fr-badge")).to_have_text("En emploi")
    milestones = pathway.get_by_role("table", name="Grandes étapes")
    expect(milestones.locator("thead th")).to_have_text(["Date", "Vers"])
    assert milestones.locator("tbody tr td:nth-child(2)").all_inner_texts() == [
        "Parcours en cours",
        "En emploi",
    ]
    expect(page.get_by_role("heading", name="Agir sur ce parcours")).to_have_count(0)
    expect(page.get_by_role("table", name="Équipe d'accompagnement")).to_have_count(0)
    assert_accessible(page)

    # The addresses of the team's tabs typed by hand: forbidden (403: he may know she
    # exists, not more).
    response = page.goto(sandrine_url + "freins/")
    assert response.status == 403
    assert_accessible(page)
    response = page.goto(sandrine_url + "plan/")
    assert response.status == 403

    # Aïcha's page: as if she did not exist.
    response = page.goto(aicha_url)
    assert response.status == 404
    assert_accessible(page)
    response = page.goto(aicha_url + "plan/")
    assert response.status == 404
    # Her barriers too: the person comes first, whatever the tab.
    response = page.goto(aicha_url + "freins/")
    assert response.status == 404
