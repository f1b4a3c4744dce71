"""The territory as one employer: the needs of an area (an EPCI, or a commune and a
radius), the barriers to lift first and an employer group's crossing. Reads in
`matching.needs`; who may see it in `matching.access`."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_GET

from matching.access import territory_organization
from matching.area_forms import DEFAULT_RADIUS_KM, MAX_RADIUS_KM, MIN_RADIUS_KM, AreaForm
from matching.needs import area_of, epci_choices, territory_needs

FAMILIES_SHOWN = 30
UNKNOWN_GROUP = "Ce groupement ne fait pas partie de ceux proposés pour ce territoire."


@login_required
@require_GET
def territory_needs_page(request):
    organization = territory_organization(request.user, request.current_organization)
    form = AreaForm(request.GET or None)
    needs = None
    if form.is_valid():
        data = form.cleaned_data
        area = area_of(epci=data["epci"], commune=data["commune"], radius_km=data["radius_km"])
        try:
            needs = territory_needs(request.user, organization, area, group_id=data["group"])
        except LookupError:
            form.add_error("group", UNKNOWN_GROUP)
            needs = territory_needs(request.user, organization, area)
    chosen = form.cleaned_data.get("epci") if form.is_bound else None
    return render(
        request,
        "matching/territory_needs.html",
        {
            "title": "Besoins du territoire",
            "form": form,
            "needs": needs,
            "epcis": epci_choices(request.user, chosen),
            "radius_bounds": (MIN_RADIUS_KM, MAX_RADIUS_KM),
            "default_radius": DEFAULT_RADIUS_KM,
            "families_shown": FAMILIES_SHOWN,
            "families_slice": f":{FAMILIES_SHOWN}",
            "by_commune": form.is_bound and bool(request.GET.get("commune")),
        },
        status=400 if form.is_bound and form.errors else 200,
    )
