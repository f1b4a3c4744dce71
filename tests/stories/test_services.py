from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from audit.models import AuditEntry
from persons.enums import ConsentPurpose
from persons.models import Consent
from stories import selectors, services
from stories.enums import CONSENT_TEXT, ConsentScope, StoryState
from stories.models import Story
from tests.employment.helpers import hire
from tests.factories.organizations import MembershipFactory
from tests.stories.helpers import consented, draft, published
from timeline.models import TimelineEvent

pytestmark = pytest.mark.django_db


def test_a_pathway_without_contract_nor_positive_exit_has_no_story_to_tell(team, followed):
    assert not selectors.has_a_story_to_tell(followed.pathway)
    with pytest.raises(ValidationError, match="ni contrat ni sortie positive"):
        draft(team, followed, hired=False)
    hire(team, followed)
    assert selectors.has_a_story_to_tell(followed.pathway)


def test_a_positive_exit_is_enough_to_tell_a_story(team, followed):
    followed.pathway.exit_category = "positive"
    assert selectors.has_a_story_to_tell(followed.pathway, contracts=[])


def test_the_draft_starts_from_the_job_and_contract_only(team, followed):
    hire(team, followed)
    facts = selectors.draft_facts(followed.pathway)
    assert facts["contract_type"] == "CDD"
    assert facts["outcome"].startswith("En CDD depuis le 05/01/2026")
    assert set(facts) == {"job", "sector", "contract_type", "outcome"}
    assert "Quintaval" not in str(facts) and "Sandrine" not in str(facts)


def test_a_draft_is_logged_in_the_trail_the_transition_log_and_the_timeline(team, followed):
    story = draft(team, followed)
    assert story.state == StoryState.DRAFT
    assert story.organization == team.organization
    assert [t.to_state for t in story.transitions.all()] == [StoryState.DRAFT]
    assert AuditEntry.objects.filter(
        object_id=str(story.pk), content_type__model="story", organization=team.organization
    ).exists()
    event = TimelineEvent.objects.get(subject_type="stories.story", subject_id=story.pk)
    assert "brouillon" in event.title


@pytest.mark.parametrize(
    "fields, message",
    [
        ({"first_name": "Sandrine"}, "prénom d'emprunt"),
        ({"text": "Sandrine a trouvé un emploi."}, "vrai prénom"),
        ({"title": "Mme Quintaval au travail"}, "le nom"),
        ({"text": "Écrire à sandrine@exemple.fr pour la féliciter."}, "adresse électronique"),
        ({"outcome": ""}, "obligatoire"),
    ],
)
def test_a_story_that_gives_the_person_away_is_refused(team, followed, fields, message):
    with pytest.raises(ValidationError, match=message):
        draft(team, followed, **fields)
    assert not Story.objects.exists()


def test_a_story_that_gives_the_phone_number_is_refused(team, followed):
    type(followed.person).objects.filter(pk=followed.person.pk).update(phone="0612345678")
    followed.pathway.person.refresh_from_db()
    with pytest.raises(ValidationError, match="téléphone"):
        draft(team, followed, text="Son numéro : 06 12 34 56 78, appelez-la.")
    assert draft(team, followed, hired=False, text="Embauchée en 2026 après 12 mois.").pk


def test_words_of_health_are_refused_until_the_writer_confirms(team, followed):
    with pytest.raises(ValidationError, match="santé"):
        draft(team, followed, text="Après sa dépression, elle a repris le travail.")
    story = draft(
        team,
        followed,
        hired=False,
        text="Après sa dépression, elle a repris le travail.",
        confirm_sensitive_words=True,
    )
    assert story.pk


def test_an_employer_or_a_stranger_cannot_draft(team, followed):
    hire(team, followed)
    with pytest.raises(PermissionDenied):
        services.story_create(
            pathway=followed.pathway,
            user=team.stranger,
            first_name="Nadia",
            title="t",
            text="x",
            outcome="o",
        )


def test_the_consent_keeps_the_text_shown_the_date_the_scope_and_who(team, followed):
    story = consented(draft(team, followed), team, scope=ConsentScope.PRINT)
    story.refresh_from_db()
    assert story.consent_text == CONSENT_TEXT
    assert story.consent_scope == ConsentScope.PRINT
    assert story.consented_on == timezone.localdate()
    assert story.consent_recorded_by == team.colleague
    register = Consent.objects.get(person=followed.person, purpose=ConsentPurpose.SUCCESS_STORY)
    assert register.given


def test_a_consent_dated_in_the_future_is_refused(team, followed):
    story = draft(team, followed)
    with pytest.raises(ValidationError, match="à venir"):
        services.consent_record(
            story=story,
            user=team.colleague,
            scope="public",
            consented_on=timezone.localdate() + timedelta(days=1),
        )


def test_withdrawing_consent_takes_the_story_down_at_once(team, followed):
    story = published(team, followed)
    assert selectors.public_story(story.slug) == story
    services.consent_withdraw(story=story, user=team.colleague)
    story.refresh_from_db()
    assert story.state == StoryState.WITHDRAWN
    assert story.consent_withdrawn_at is not None and story.consent_withdrawn_by == team.colleague
    assert selectors.public_story(story.slug) is None
    assert story.transitions.last().comment == "Retrait de l'accord de la personne"
    assert not Consent.objects.filter(person=followed.person).order_by("-id").first().given
    with pytest.raises(ValidationError, match="retiré son accord"):
        consented(story, team)


def test_the_withdrawal_is_one_transaction(team, followed, monkeypatch):
    story = published(team, followed)

    def broken(**kwargs):
        raise RuntimeError("timeline down")

    monkeypatch.setattr(services, "_event", lambda *a, **k: broken())
    with pytest.raises(RuntimeError):
        services.consent_withdraw(story=story, user=team.colleague)
    story.refresh_from_db()
    assert story.state == StoryState.PUBLISHED and story.consent_withdrawn_at is None


def test_only_public_scoped_published_stories_reach_the_public_site(team, followed):
    story = published(team, followed, scope=ConsentScope.PRINT)
    assert story.state == StoryState.PUBLISHED
    assert not selectors.public_stories().exists()


def test_an_anonymised_file_takes_its_story_off_the_public_site(team, followed):
    story = published(team, followed)
    type(followed.person).objects.filter(pk=followed.person.pk).update(anonymised_at=timezone.now())
    assert selectors.public_story(story.slug) is None


def test_a_member_of_another_structure_on_nothing_cannot_withdraw(team, followed):
    story = published(team, followed)
    with pytest.raises(PermissionDenied):
        services.consent_withdraw(story=story, user=team.stranger)
    other_member = MembershipFactory().user
    with pytest.raises(PermissionDenied):
        services.consent_withdraw(story=story, user=other_member)
