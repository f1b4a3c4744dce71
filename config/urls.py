from django.contrib import admin
from django.urls import include, path

from api.v1 import api

urlpatterns = [
    path("", include("www.urls")),
    path("comptes/", include("allauth.urls")),
    path("api/v1/", api.urls),
    path("admin-plateforme/", admin.site.urls),
]
