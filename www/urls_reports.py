"""« Rapports »: the reports of « Résultats » for funders and councils, as files."""

from django.urls import path

from www.views import reports

urlpatterns = [
    path("resultats/rapports/", reports.report_list, name="report_list"),
    path(
        "resultats/rapports/<slug:report>.<slug:file_format>",
        reports.report_download,
        name="report_download",
    ),
]
