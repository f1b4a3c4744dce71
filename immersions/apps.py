from django.apps import AppConfig


class ImmersionsConfig(AppConfig):
    name = "immersions"
    verbose_name = "Immersions (PMSMP)"
