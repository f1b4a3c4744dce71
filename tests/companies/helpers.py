"""Objects the company tests share: companies of the register, relations of the team."""

from datetime import date

from companies.services import company_create, contact_create, log_entry_create
from organizations.siret import with_check_digit
from tests.factories.territories import CommuneFactory

_counter = iter(range(1, 10_000))


def siret() -> str:
    return with_check_digit(f"{700000000 + next(_counter):09d}0001")


def a_company(name="Boulangerie Test", *, commune=None, naf_code="10.71C", **data):
    return company_create(
        data={
            "siret": data.pop("siret", None) or siret(),
            "name": name,
            "naf_code": naf_code,
            "commune": commune or CommuneFactory(),
            **data,
        }
    )


def a_contact(organization, company, name="Martine Vendéenne", email="martine@boulangerie.fr"):
    return contact_create(
        organization=organization,
        company=company,
        data={"name": name, "role": "Responsable de magasin", "email": email},
    )


def a_call(organization, company, user, summary="Besoin de deux vendeuses", **data):
    return log_entry_create(
        organization=organization,
        company=company,
        user=user,
        data={
            "kind": "call",
            "occurred_on": data.pop("occurred_on", date.today()),
            "summary": summary,
            **data,
        },
    )
