from immersions.models import Immersion


def person_immersions(user, person):
    return (
        Immersion.objects.visible_to(user)
        .filter(person=person)
        .select_related("company__commune", "appellation", "tutor_contact", "organization")
    )


def company_immersions(user, company):
    return (
        Immersion.objects.visible_to(user)
        .filter(company=company)
        .select_related("person", "appellation", "tutor_contact")
    )
