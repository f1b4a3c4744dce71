from django.contrib import messages
from django.contrib.auth import login
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render

from organizations import services
from organizations.forms import AcceptInvitationForm
from organizations.middleware import SESSION_KEY


def invitation_accept(request, token):
    """Open to anyone holding the link: the token is the credential. A signed-in user
    accepts with their account; a newcomer creates theirs here."""
    invitation = services.invitation_from_token(token)
    if invitation is None:
        return render(
            request,
            "organizations/invitation_invalid.html",
            {"title": "Invitation non valable"},
            status=404,
        )
    user = request.user if request.user.is_authenticated else None
    form = None
    if user is None:
        form = AcceptInvitationForm(request.POST or None, email=invitation.email)
    if request.method == "POST" and (form is None or form.is_valid()):
        data = form.cleaned_data if form else {}
        try:
            membership = services.invitation_accept(
                invitation=invitation,
                user=user,
                first_name=data.get("first_name", ""),
                last_name=data.get("last_name", ""),
                password=data.get("password1"),
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            if user is None:
                login(request, membership.user, backend="django.contrib.auth.backends.ModelBackend")
            request.session[SESSION_KEY] = membership.organization_id
            messages.success(request, f"Bienvenue dans {membership.organization} !")
            return redirect("home")
    return render(
        request,
        "organizations/invitation_accept.html",
        {"title": "Rejoindre une organisation", "invitation": invitation, "form": form},
    )
