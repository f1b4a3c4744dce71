"""Rankings: the people for an offer (with the shortlist), the offers for a person."""

from django.urls import path

from www.views import matching

OFFER = "rapprochement/offres/<int:ranked_offer_pk>/"

urlpatterns = [
    path(OFFER + "candidats/", matching.offer_candidates, name="offer_candidates"),
    path(OFFER + "selection/", matching.shortlist_change, name="shortlist_change"),
    path(OFFER + "selection/comparer/", matching.shortlist_compare, name="shortlist_compare"),
    path(OFFER + "selection/presenter/", matching.shortlist_introduce, name="shortlist_introduce"),
    path(
        "rapprochement/personnes/<int:person_pk>/offres/",
        matching.person_offers,
        name="person_offers",
    ),
]
