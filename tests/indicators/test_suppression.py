import pytest

from indicators.catalogue import Figure, Unit
from indicators.suppression import FEWER_THAN, NO_DATA, is_hidden, shown


@pytest.mark.parametrize("people", [1, 2, 3, 4])
def test_a_count_under_five_people_across_organizations_reads_moins_de_5(people):
    assert shown(Figure.count(people), Unit.PEOPLE, across_organizations=True) == FEWER_THAN
    assert shown(Figure.count(people), Unit.COUNT, across_organizations=True) == FEWER_THAN


@pytest.mark.parametrize("people", [0, 5, 12])
def test_zero_and_five_or_more_read_as_numbers_across_organizations(people):
    assert shown(Figure.count(people), Unit.PEOPLE, across_organizations=True) == str(people)


def test_one_organization_reads_its_own_small_figures():
    assert shown(Figure.count(3), Unit.PEOPLE, across_organizations=False) == "3"


def test_a_figure_about_no_person_is_never_hidden():
    assert not is_hidden(Figure(2), Unit.PLAIN, across_organizations=True)
    assert shown(Figure(2), Unit.PLAIN, across_organizations=True) == "2"


def test_a_rate_over_fewer_than_five_people_is_hidden_whatever_its_value():
    assert shown(Figure.share(3, 4), Unit.RATE, across_organizations=True) == FEWER_THAN
    assert shown(Figure.share(3, 4), Unit.RATE, across_organizations=False) == "75 %"
    assert shown(Figure.share(3, 6), Unit.RATE, across_organizations=True) == "50 %"


def test_a_missing_figure_reads_pas_encore_de_donnees_never_zero():
    assert shown(Figure.share(0, 0), Unit.RATE, across_organizations=False) == NO_DATA
    assert shown(Figure(None, 0), Unit.COUNT, across_organizations=True) == NO_DATA


def test_a_median_reads_in_days():
    assert shown(Figure(2.5, 8), Unit.DAYS, across_organizations=True) == "2,5 j"
    assert shown(Figure(3.0, 8), Unit.DAYS, across_organizations=True) == "3 j"
