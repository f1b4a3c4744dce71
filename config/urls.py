from django.contrib import admin
from django.urls import include, path

from api.v1 import api

urlpatterns = [
    path("", include("www.urls")),
    path("comptes/", include("allauth.urls")),
    path("api/v1/", api.urls),
    path("admin-plateforme/", admin.site.urls),
]

# French pages in the site's layout (JSON under /api/); see www/views/errors.py.
handler400 = "www.views.errors.bad_request"
handler403 = "www.views.errors.permission_denied"
handler404 = "www.views.errors.page_not_found"
handler500 = "www.views.errors.server_error"
