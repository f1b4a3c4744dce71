from django.apps import AppConfig


class WwwConfig(AppConfig):
    name = "www"
    verbose_name = "Interface web"
