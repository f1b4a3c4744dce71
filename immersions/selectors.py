from django.db.models import Case, When
from django.utils import timezone

from companies.models import Company, GroupMembership
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


def host_company_ids(*organizations) -> list[int]:
    """The companies whose immersions the `organizations` host: their own companies and,
    for an employer group, the member companies that have joined it."""
    companies = list(Company.objects.filter(organization__in=organizations))
    ids = [company.pk for company in companies]
    groups = [company.pk for company in companies if company.is_employer_group]
    if groups:
        members = GroupMembership.objects.filter(group_id__in=groups).active()
        ids += list(members.values_list("member_id", flat=True))
    return ids


def hosted_by(*organizations):
    """Immersions hosted by the organizations (see `host_company_ids`), the coming and
    current ones first. Read through `immersions.host_view` only."""
    today = timezone.localdate()
    return (
        Immersion.objects.filter(company_id__in=host_company_ids(*organizations))
        .select_related("person", "company", "appellation", "organization")
        .annotate(finished=Case(When(end_on__lt=today, then=1), default=0))
        .order_by("finished", "-start_on", "-id")
    )
