"""Every notice the platform may email, by key, with the label a user reads in « Mon
compte ». A domain app lists its own notices here so the preferences page offers them."""

from referrals.enums import Notice as ReferralNotice

NOTICES: list[tuple[str, str]] = [
    (f"referral_{value}", label) for value, label in ReferralNotice.choices
]


def referral_notice(event: str) -> str:
    """The preference key of a referral email (`referrals.enums.Notice` value)."""
    return f"referral_{event}"
