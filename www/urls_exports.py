from django.urls import path

from www.views import exports

urlpatterns = [
    path("exports/", exports.export_history, name="export_history"),
    path(
        "exports/<slug:list_name>.<slug:file_format>",
        exports.export_list,
        name="export_list",
    ),
    path("exports/<int:export_pk>/", exports.export_detail, name="export_detail"),
    path("exports/<int:export_pk>/fichier/", exports.export_download, name="export_download"),
]
