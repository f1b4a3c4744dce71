from django.apps import AppConfig


class ExitsConfig(AppConfig):
    name = "exits"
    verbose_name = "Sorties : suivi après sortie et bilan au prescripteur"
