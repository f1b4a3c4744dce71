"""Person pages: list, creation with duplicate check, situation and project, merge."""

urlpatterns: list = []
