"""The host's side of immersions, in the employer space: the company (or the employer
group, for its member companies) sees the immersions it hosts as an employer sees a
person — first name and initial, dates, job — and its tutor fills the end assessment."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from immersions import services
from immersions.access import immersion_for_host, require_host
from immersions.forms import HostAssessmentForm
from immersions.host_view import host_card
from immersions.selectors import hosted_by

PAGE_SIZE = 25


@login_required
@require_GET
def host_immersions(request):
    organization = request.current_organization
    require_host(request.user, organization)
    page = Paginator(hosted_by(organization), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "immersions/host_list.html",
        {
            "title": "Immersions dans votre entreprise",
            "organization": organization,
            "page": page,
            # Built field by field (immersions.host_view): never a person's record.
            "immersions": [host_card(immersion) for immersion in page],
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def host_immersion_detail(request, immersion_pk):
    organization = request.current_organization
    immersion = immersion_for_host(request.user, immersion_pk, organization)
    posted = request.method == "POST"
    form = HostAssessmentForm(request.POST if posted else None, instance=immersion)
    if posted and form.is_valid():
        try:
            services.host_assessment_record(
                immersion=immersion,
                user=request.user,
                organization=organization,
                data=form.cleaned_data,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, "Bilan enregistré : la structure qui accompagne la personne le voit."
            )
            return redirect("host_immersion_detail", immersion_pk=immersion.pk)
    if posted:
        # Unsaved answers must not show as saved: the card reads what the database holds.
        immersion = immersion_for_host(request.user, immersion_pk, organization)
    card = host_card(immersion)
    return render(
        request,
        "immersions/host_detail.html",
        {
            "title": f"Immersion de {card['display_name']}",
            "immersion": card,
            "form": form,
            "may_assess": card["stage"] != "coming",
        },
        status=400 if posted else 200,
    )
