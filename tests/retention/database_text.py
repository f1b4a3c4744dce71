"""Every piece of text the database holds, in one string: each character, text, email,
file and JSON column of every table (the audit trail and the task queue included), a
row per line with its values side by side (so « first last » is found in a table that
keeps them in two columns)."""

import json

from django.apps import apps
from django.db import models

TEXT_FIELDS = (models.CharField, models.TextField, models.FileField, models.JSONField)


def _text(value) -> str:
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False, default=str)


def database_text() -> str:
    chunks = []
    for model in apps.get_models():
        names = [f.name for f in model._meta.concrete_fields if isinstance(f, TEXT_FIELDS)]
        if not names:
            continue
        for row in model._base_manager.values_list(*names):
            chunks.append(" ".join(_text(value) for value in row))
    return "\n".join(chunks).casefold()
