"""« Mon compte » → the emails a user wants to receive about referrals."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from notifications import services
from notifications.forms import NotificationPreferencesForm
from notifications.selectors import preferences_of


@login_required
@require_http_methods(["GET", "POST"])
def notification_preferences(request):
    form = NotificationPreferencesForm(
        request.POST if request.method == "POST" else None,
        preferences=preferences_of(request.user),
    )
    if request.method == "POST" and form.is_valid():
        services.preferences_set(user=request.user, by_email=form.cleaned_data)
        messages.success(request, "Vos préférences de notification sont enregistrées.")
        return redirect("api_tokens")
    return render(
        request,
        "referrals/notification_preferences.html",
        {"title": "Mes notifications", "notification_form": form},
        status=400 if form.errors else 200,
    )
