"""`get_<field>_display()` read from a table built once per field. Django's rebuilds the
table of the field's choices on every call (flattened, made hashable), which on a list of
rows with a state and a kind each adds up to more than the rest of the row."""

from django.db import models
from django.utils.choices import CallableChoiceIterator
from django.utils.encoding import force_str
from django.utils.hashable import make_hashable

_LABELS: dict = {}


class ChoiceLabels(models.Model):
    class Meta:
        abstract = True

    def _get_FIELD_display(self, field):
        labels = _LABELS.get(field)
        if labels is None:
            labels = dict(make_hashable(field.flatchoices))
            # Choices given as a function may change: those are read each time, as Django does.
            if not isinstance(field.choices, CallableChoiceIterator):
                _LABELS[field] = labels
        value = getattr(self, field.attname)
        # force_str() of a lazy label, at each call: in the language of the request.
        return force_str(labels.get(make_hashable(value), value), strings_only=True)
