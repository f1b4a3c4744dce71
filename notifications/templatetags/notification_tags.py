from django import template

from notifications.forms import NotificationPreferencesForm
from notifications.selectors import preferences_of

register = template.Library()


@register.simple_tag(takes_context=True)
def notification_preferences_form(context):
    """The preferences form of the signed-in user, for the « Mon compte » page."""
    return NotificationPreferencesForm(preferences=preferences_of(context["request"].user))
