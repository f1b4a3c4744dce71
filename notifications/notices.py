"""Every notice the platform may email, by key, with the label a user reads in « Mon
compte ». A domain app lists its own notices here so the preferences page offers them."""

from partner_services.enums import Notice as ServiceReferralNotice
from referrals.enums import Notice as ReferralNotice

NOTICES: list[tuple[str, str]] = [
    (f"referral_{value}", label) for value, label in ReferralNotice.choices
] + [(f"service_referral_{value}", label) for value, label in ServiceReferralNotice.choices]


def referral_notice(event: str) -> str:
    """The preference key of a referral email (`referrals.enums.Notice` value)."""
    return f"referral_{event}"


def service_referral_notice(event: str) -> str:
    """The preference key of a service referral email (`partner_services.enums.Notice`)."""
    return f"service_referral_{event}"
