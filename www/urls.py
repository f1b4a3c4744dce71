from django.urls import path

from www.views import home, legal, switch

urlpatterns = [
    path("", home.home, name="home"),
    path("organisation/changer/", switch.switch_organization, name="switch_organization"),
    path("mentions-legales/", legal.legal_notice, name="legal_notice"),
    path("donnees-personnelles/", legal.personal_data, name="personal_data"),
    path("accessibilite/", legal.accessibility, name="accessibility"),
]
