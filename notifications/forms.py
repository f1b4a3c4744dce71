from django import forms

from notifications.notices import NOTICES


class NotificationPreferencesForm(forms.Form):
    """One checkbox per notice: checked means « send me an email »."""

    def __init__(self, *args, preferences: dict[str, bool], **kwargs):
        kwargs.setdefault("initial", preferences)
        super().__init__(*args, **kwargs)
        for notice, label in NOTICES:
            self.fields[notice] = forms.BooleanField(label=label, required=False)
