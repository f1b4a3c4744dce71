"""Errors of the API as JSON with a French sentence, whatever raised them: a refused
field (422), a rule of the domain (400, 403, 409), an unknown object or route (404), a
wrong method (405)."""

from django.http import JsonResponse

from lib.text import NUL_REFUSED

# pydantic's error types, in French. `{…}` are filled from the error's context.
_MESSAGES = {
    "missing": "Champ obligatoire.",
    "string_type": "Texte attendu.",
    "string_too_long": "{max_length} caractères au plus.",
    "string_too_short": "{min_length} caractère(s) au moins.",
    "string_pattern_mismatch": NUL_REFUSED,
    "int_type": "Nombre entier attendu.",
    "int_parsing": "Nombre entier attendu.",
    "int_from_float": "Nombre entier attendu.",
    "int_parsing_size": "Nombre trop grand.",
    "float_type": "Nombre attendu.",
    "float_parsing": "Nombre attendu.",
    "finite_number": "Nombre attendu.",
    "decimal_type": "Nombre décimal attendu.",
    "decimal_parsing": "Nombre décimal attendu.",
    "decimal_max_digits": "{max_digits} chiffres au plus.",
    "decimal_max_places": "{decimal_places} décimales au plus.",
    "decimal_whole_digits": "Nombre trop grand.",
    "greater_than": "Plus de {gt} attendu.",
    "greater_than_equal": "Au moins {ge}.",
    "less_than": "Moins de {lt} attendu.",
    "less_than_equal": "Au plus {le}.",
    "bool_type": "Vrai ou faux (true, false) attendu.",
    "bool_parsing": "Vrai ou faux (true, false) attendu.",
    "date_type": "Date attendue (AAAA-MM-JJ).",
    "date_parsing": "Date attendue (AAAA-MM-JJ).",
    "date_from_datetime_parsing": "Date attendue (AAAA-MM-JJ).",
    "date_from_datetime_inexact": "Date attendue (AAAA-MM-JJ), sans heure.",
    "datetime_type": "Date et heure attendues (AAAA-MM-JJTHH:MM).",
    "datetime_parsing": "Date et heure attendues (AAAA-MM-JJTHH:MM).",
    "datetime_from_date_parsing": "Date et heure attendues (AAAA-MM-JJTHH:MM).",
    "enum": "Valeur possible : {expected}.",
    "literal_error": "Valeur possible : {expected}.",
    "list_type": "Liste attendue.",
    "dict_type": "Objet JSON attendu.",
    "model_type": "Objet JSON attendu.",
    "model_attributes_type": "Objet JSON attendu.",
    "json_invalid": "JSON invalide.",
    "json_type": "JSON invalide.",
}


def french(error: dict) -> str:
    """The French sentence for one pydantic error."""
    if error.get("type") == "value_error":
        # Our own validators raise ValueError with a French sentence already.
        return str(error.get("msg", "")).removeprefix("Value error, ")
    template = _MESSAGES.get(error.get("type"), "Valeur invalide.")
    context = dict(error.get("ctx") or {})
    if "expected" in context:
        context["expected"] = str(context["expected"]).replace(" or ", " ou ")
    try:
        return template.format(**context)
    except (KeyError, IndexError):
        return "Valeur invalide."


def field_errors(errors: list[dict]) -> list[dict]:
    return [
        {"loc": list(e.get("loc", ())), "msg": french(e), "type": e.get("type", "")} for e in errors
    ]


def json_error(status: int, detail: str, **headers) -> JsonResponse:
    response = JsonResponse({"detail": detail}, status=status)
    for name, value in headers.items():
        response[name] = value
    return response
