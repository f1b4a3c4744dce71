from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from territories.forms import commune_label
from territories.selectors import communes_search


@login_required
def commune_options(request):
    """`<option>`s for a commune field's datalist, refreshed as the person types."""
    query = request.GET.get("commune") or request.GET.get("q", "")
    communes = communes_search(query, limit=8) if len(query.strip()) >= 2 else []
    return render(
        request,
        "includes/commune_options.html",
        {"options": [commune_label(c) for c in communes]},
    )
