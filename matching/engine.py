"""The matching engine: pure Python and NumPy, no database. It takes the arrays of
people and offers (`matching.arrays`) and returns ranked pairs, each with a score in
[0, 1], its components explained in French and a verdict (feasible, feasible if a
barrier being lifted is lifted, not feasible and why).

The concepts live in their own modules: `components` (the vectorised rules),
`feasibility` (the verdict and its reasons), `explain` (the words), `ranking` (order and
the two directions)."""

from matching.arrays import OfferArrays, PersonArrays, Vocabulary
from matching.feasibility import FEASIBLE, FEASIBLE_IF, NOT_FEASIBLE
from matching.ranking import (
    Component,
    Pair,
    candidates_for_offer,
    evaluate,
    offers_for_person,
    pair,
)

__all__ = [
    "FEASIBLE",
    "FEASIBLE_IF",
    "NOT_FEASIBLE",
    "Component",
    "OfferArrays",
    "Pair",
    "PersonArrays",
    "Vocabulary",
    "candidates_for_offer",
    "evaluate",
    "offers_for_person",
    "pair",
]
