"""« Rapports »: the documents funders and councils ask for, over the scope and period
chosen as on « Résultats » (the same filters, the same rule: 404 for a scope one may
not read), each downloadable as PDF or XLSX. Their figures are the page's
(`reports.catalogue.report_of` picks rows of `indicator_table`); every download is in
the audit trail, as every export."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_GET

from indicators.suppression import FEWER_THAN
from reports.access import template_for
from reports.answers import report_answer
from reports.catalogue import REPORTS, report_of
from www.views.results import chosen


def _page(request, form, scope, period):
    return render(
        request,
        "reports/report_list.html",
        {
            "title": "Rapports",
            "form": form,
            "scope": scope,
            "period": period,
            "previous": period.previous(),
            "reports": list(REPORTS.values()),
            "query": request.GET.urlencode(),
            "fewer_than": FEWER_THAN,
        },
        status=400 if form.is_bound and form.errors else 200,
    )


@login_required
@require_GET
def report_list(request):
    return _page(request, *chosen(request))


@login_required
@require_GET
def report_download(request, report: str, file_format: str):
    template = template_for(report, file_format)
    form, scope, period = chosen(request)
    if form.is_bound and form.errors:
        # A period the form refuses is said on the page, not replaced by the default.
        return _page(request, form, scope, period)
    return report_answer(
        user=request.user,
        organization=request.current_organization,
        report=report_of(template, scope, period),
        file_format=file_format,
    )
