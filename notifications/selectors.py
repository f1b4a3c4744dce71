from notifications.models import NotificationPreference
from notifications.notices import NOTICES


def preferences_of(user) -> dict[str, bool]:
    """{notice: by_email} for every notice, defaults included."""
    chosen = dict(NotificationPreference.objects.visible_to(user).values_list("notice", "by_email"))
    return {notice: chosen.get(notice, True) for notice, _ in NOTICES}


def opted_out_user_ids(notice: str, user_ids) -> set[int]:
    """Among `user_ids`, those who asked not to receive `notice` by email."""
    return set(
        NotificationPreference.objects.opted_out(notice)
        .filter(user_id__in=list(user_ids))
        .values_list("user_id", flat=True)
    )
