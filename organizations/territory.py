"""The organizations working on the same territory as a given one."""

from django.db.models import Count, Q

from organizations.models import Organization


def organizations_on_territory_of(organization: Organization):
    epcis = list(organization.served_epcis.values_list("pk", flat=True))
    communes = list(organization.served_communes.values_list("pk", flat=True))
    if not epcis and not communes:
        return Organization.objects.none()
    return Organization.objects.filter(
        Q(commune__epci_id__in=epcis) | Q(commune_id__in=communes)
    ).exclude(pk=organization.pk)


def kind_counts(organizations) -> list[tuple[str, int]]:
    """(kind label, count) for a queryset of organizations, most numerous first."""
    labels = dict(Organization._meta.get_field("kind").choices)
    rows = organizations.values("kind").annotate(n=Count("id")).order_by("-n", "kind")
    return [(labels[row["kind"]], row["n"]) for row in rows]
