"""A form and the service it feeds: the service's refusal is shown on the form, beside
what was typed, never as an error page."""

from django.core.exceptions import ValidationError


def write_if_valid(form, write) -> bool:
    """Call `write(cleaned_data)` if the form is valid; a ValidationError it raises goes
    on the form. True when the write went through."""
    if not form.is_valid():
        return False
    try:
        write(form.cleaned_data)
    except ValidationError as error:
        form.add_error(None, error)
        return False
    return True
