import pytest

from lib.counted_page import counted_page
from organizations.models import Organization
from tests.factories.organizations import OrganizationFactory

pytestmark = pytest.mark.django_db


def _organizations():
    return Organization.objects.filter(name__startswith="Page ").order_by("name")


@pytest.fixture
def seven():
    for index in range(7):
        OrganizationFactory(name=f"Page {index}")


def test_a_page_and_its_total_come_in_one_query(seven, django_assert_num_queries):
    with django_assert_num_queries(1):
        page = counted_page(_organizations(), "2", 3)
        names = [o.name for o in page]
        assert page.paginator.count == 7 and page.paginator.num_pages == 3
    assert names == ["Page 3", "Page 4", "Page 5"]
    assert page.has_next() and page.has_previous()


@pytest.mark.parametrize("typed", [None, "", "abc", "0", "-4"])
def test_a_bad_page_number_gives_the_first_page(seven, typed):
    page = counted_page(_organizations(), typed, 3)
    assert page.number == 1 and [o.name for o in page] == ["Page 0", "Page 1", "Page 2"]


def test_a_page_past_the_end_gives_the_last_one(seven):
    page = counted_page(_organizations(), "9", 3)
    assert page.number == 3 and [o.name for o in page] == ["Page 6"]
    assert page.paginator.count == 7


def test_an_empty_list_has_one_empty_page(db, django_assert_num_queries):
    with django_assert_num_queries(1):
        page = counted_page(_organizations(), "1", 3)
    assert page.paginator.count == 0 and list(page) == [] and not page.has_other_pages()


def test_read_by_ids_it_gives_the_same_page_in_two_queries(seven, django_assert_num_queries):
    with django_assert_num_queries(2):
        page = counted_page(_organizations(), "2", 3, by_ids=True)
        names = [o.name for o in page]
    assert names == ["Page 3", "Page 4", "Page 5"]
    assert page.paginator.count == 7 and page.paginator.num_pages == 3
    last = counted_page(_organizations(), "9", 3, by_ids=True)
    assert last.number == 3 and [o.name for o in last] == ["Page 6"]


def test_sorted_on_one_table_it_shows_the_rows_another_gives_for_their_ids(seven):
    def shown(ids):
        return {pk: f"ligne {pk}" for pk in ids}

    ids = list(_organizations().values_list("pk", flat=True))
    page = counted_page(_organizations(), "2", 3, by_ids=True, id_field="pk", rows_of=shown)
    assert list(page) == [f"ligne {pk}" for pk in ids[3:6]]
    assert page.paginator.count == 7
    last = counted_page(_organizations(), "9", 3, by_ids=True, id_field="pk", rows_of=shown)
    assert last.number == 3 and list(last) == [f"ligne {ids[6]}"]
