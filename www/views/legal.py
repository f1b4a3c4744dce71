from django.shortcuts import render


def legal_notice(request):
    return render(request, "legal/mentions_legales.html", {"title": "Mentions légales"})


def personal_data(request):
    return render(request, "legal/donnees_personnelles.html", {"title": "Données personnelles"})


def accessibility(request):
    return render(request, "legal/accessibilite.html", {"title": "Accessibilité"})
