from django.apps import AppConfig


class EmploymentConfig(AppConfig):
    name = "employment"
    verbose_name = "Emploi : contrats et suivi dans l'emploi"
