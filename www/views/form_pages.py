"""A form of a person's page, asked for on its own: the fragment for htmx (loaded in
place under its toggle), or a page of its own without JavaScript."""

from django.shortcuts import render


def render_form(request, template: str, context: dict, *, back_url: str, back_label: str):
    if request.htmx:
        return render(request, template, context)
    page = {**context, "form_template": template, "back_url": back_url, "back_label": back_label}
    return render(request, "includes/form_page.html", page)
