import datetime

from allauth.account.adapter import get_adapter
from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from accounts import services
from accounts.mfa import has_totp
from lib.confirmation import ask_first


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label="Nom du jeton",
        max_length=100,
        help_text="Pour vous souvenir de son usage, par exemple « tableur de suivi ».",
    )
    expires_on = forms.DateField(
        label="Date d'expiration (facultatif)",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="Le jeton cesse de fonctionner ce jour-là à 0 h. Sans date, il dure "
        "jusqu'à sa révocation ou au prochain changement de votre mot de passe.",
    )
    password = forms.CharField(
        label="Votre mot de passe",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text="Un jeton donne accès à vos données : confirmez que c'est bien vous.",
        error_messages={"required": "Saisissez votre mot de passe pour créer un jeton."},
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_expires_on(self):
        day = self.cleaned_data["expires_on"]
        if day is not None and day <= timezone.localdate():
            raise ValidationError("Choisissez une date à partir de demain.")
        return day

    def clean_password(self):
        # Through the sign-in throttle: this form is no way round it to guess a password.
        password = self.cleaned_data["password"]
        if not self.user.has_usable_password():  # signed in through ProConnect only
            raise ValidationError(
                "Votre compte n'a pas encore de mot de passe : définissez-en un pour créer "
                "un jeton."
            )
        if not get_adapter().reauthenticate(self.user, password):
            raise ValidationError("Mot de passe incorrect.")
        return password

    def expires_at(self):
        day = self.cleaned_data.get("expires_on")
        if day is None:
            return None
        return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


@login_required
def api_tokens(request):
    form = ApiTokenForm(request.POST or None, user=request.user)
    created_raw = None
    if request.method == "POST" and form.is_valid():
        _, created_raw = services.api_token_create(
            user=request.user, name=form.cleaned_data["name"], expires_at=form.expires_at()
        )
        form = ApiTokenForm(user=request.user)
    return render(
        request,
        "account/api_tokens.html",
        {
            "title": "Mon compte",
            "form": form,
            "created_raw": created_raw,
            "tokens": request.user.api_tokens.filter(revoked_at__isnull=True),
            "has_totp": has_totp(request.user),
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def api_token_revoke(request, pk):
    token = get_object_or_404(request.user.api_tokens.filter(revoked_at__isnull=True), pk=pk)
    asking = ask_first(
        request,
        title=f"Révoquer le jeton « {token.name} » ?",
        consequence="Les programmes qui s'en servent n'auront plus accès à l'API ; "
        "un jeton révoqué ne se rétablit pas, il faudra en créer un autre.",
        button="Révoquer le jeton",
        cancel_url=reverse("api_tokens"),
    )
    if asking:
        return asking
    services.api_token_revoke(token=token)
    messages.success(request, f"Le jeton « {token.name} » est révoqué.")
    return redirect("api_tokens")
