"""Pathway, action plan, timeline and worklist pages."""

urlpatterns: list = []
