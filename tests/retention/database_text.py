"""Every piece of text the database holds, in one string: each character, text, email,
file and JSON column of every table (the audit trail and the task queue included)."""

import json

from django.apps import apps
from django.db import models

TEXT_FIELDS = (models.CharField, models.TextField, models.FileField, models.JSONField)


def database_text() -> str:
    chunks = []
    for model in apps.get_models():
        names = [f.name for f in model._meta.concrete_fields if isinstance(f, TEXT_FIELDS)]
        if not names:
            continue
        for row in model._base_manager.values_list(*names):
            chunks += [json.dumps(v, ensure_ascii=False, default=str) for v in row]
    return "\n".join(chunks).casefold()
