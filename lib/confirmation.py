"""Actions that cannot be undone ask first. Their view answers a GET, or a POST that
does not carry the confirmation, with a page that says what will happen and a form that
posts again with it; only that second POST acts. A page, not a script's dialog: it
works without JavaScript and a stray request changes nothing."""

from django.shortcuts import render

FIELD = "confirmation"
YES = "oui"


def confirmed(request) -> bool:
    return request.method == "POST" and request.POST.get(FIELD) == YES


def confirmation_page(
    request,
    *,
    title: str,
    consequence: str,
    button: str,
    cancel_url: str,
    hidden: dict | None = None,
    extra: str = "",
    context: dict | None = None,
    status: int = 200,
):
    """The page that asks. `hidden` are the fields the action posts again; `extra` is a
    template included inside the form (a choice the action needs)."""
    return render(
        request,
        "includes/confirm_action.html",
        {
            "title": title,
            "consequence": consequence,
            "button": button,
            "cancel_url": cancel_url,
            "hidden": hidden or {},
            "extra": extra,
            "confirm_field": FIELD,
            "confirm_value": YES,
            **(context or {}),
        },
        status=status,
    )


def ask_first(request, *, keep: tuple[str, ...] = (), **page):
    """None once the request carries the confirmation; until then, the page that asks
    (`confirmation_page`'s arguments), posting again the fields `keep` the action reads."""
    if confirmed(request):
        return None
    hidden = {name: request.POST.get(name, "") for name in keep}
    return confirmation_page(request, hidden=hidden, **page)
