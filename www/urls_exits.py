"""The check after an exit."""

from django.urls import path

from www.views import exits

urlpatterns = [
    path(
        "personnes/<int:person_pk>/suivis-apres-sortie/<int:check_pk>/",
        exits.post_exit_check,
        name="post_exit_check",
    ),
]
