from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class AccountsConfig(AppConfig):
    default = True
    name = "accounts"
    verbose_name = "Comptes"


class PlatformAdminConfig(admin_apps.AdminConfig):
    """django.contrib.admin, whose site signs in through allauth and the second factor
    (installed in place of « django.contrib.admin »)."""

    default = False
    default_site = "accounts.admin_site.PlatformAdminSite"
