from django.apps import AppConfig


class PartnerServicesConfig(AppConfig):
    name = "partner_services"
    verbose_name = "Services partenaires"
