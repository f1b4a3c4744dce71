"""Barrier and partner service pages."""

urlpatterns: list = []
