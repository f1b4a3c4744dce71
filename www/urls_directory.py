"""The structure directory and the profile structures publish for prescribers."""

from django.urls import path

from www.views import directory

urlpatterns: list = [
    path("structures/", directory.structure_directory, name="structure_directory"),
    path("structures/<int:pk>/", directory.structure_detail, name="structure_detail"),
    path("structures/<int:pk>/orienter/", directory.structure_refer, name="structure_refer"),
    path(
        "organisations/<int:pk>/orientations/",
        directory.organization_referral_profile,
        name="organization_referral_profile",
    ),
]
