"""Success stories: the structure's pages (/histoires/) and the public ones
(/belles-histoires/)."""

from django.urls import path

from www.views import public_stories, stories

S = "histoires/<int:story_pk>/"

urlpatterns = [
    path(
        "personnes/<int:person_pk>/parcours/<int:pathway_pk>/belle-histoire/",
        stories.story_create,
        name="story_create",
    ),
    path("histoires/", stories.story_list, name="story_list"),
    path(S, stories.story_detail, name="story_detail"),
    path(S + "relecture/", stories.story_review, name="story_review"),
    path(S + "modifier/", stories.story_edit, name="story_edit"),
    path(S + "accord/", stories.story_consent, name="story_consent"),
    path(S + "accord/retrait/", stories.story_consent_withdraw, name="story_consent_withdraw"),
    path(S + "etat/", stories.story_transition, name="story_transition"),
    path(S + "pdf/", stories.story_pdf_view, name="story_pdf"),
    path("belles-histoires/", public_stories.public_story_list, name="public_story_list"),
    path(
        "belles-histoires/<slug:slug>/",
        public_stories.public_story_detail,
        name="public_story_detail",
    ),
    path(
        "belles-histoires/<slug:slug>/pdf/",
        public_stories.public_story_pdf,
        name="public_story_pdf",
    ),
]
