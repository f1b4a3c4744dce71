from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from accounts import services
from accounts.mfa import has_totp


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label="Nom du jeton",
        max_length=100,
        help_text="Pour vous souvenir de son usage, par exemple « tableur de suivi ».",
    )


@login_required
def api_tokens(request):
    form = ApiTokenForm(request.POST or None)
    created_raw = None
    if request.method == "POST" and form.is_valid():
        _, created_raw = services.api_token_create(
            user=request.user, name=form.cleaned_data["name"]
        )
        form = ApiTokenForm()
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
@require_POST
def api_token_revoke(request, pk):
    token = get_object_or_404(request.user.api_tokens.filter(revoked_at__isnull=True), pk=pk)
    services.api_token_revoke(token=token)
    messages.success(request, f"Le jeton « {token.name} » est révoqué.")
    return redirect("api_tokens")
