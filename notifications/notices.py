"""Every notice the platform may email, by key, with the label a user reads in « Mon
compte ». A domain app lists its own notices here so the preferences page offers them."""

from companies.enums import Notice as CompanyNotice
from events.enums import Notice as EventNotice
from offers.enums import Notice as OfferNotice
from partner_services.enums import Notice as ServiceReferralNotice
from referrals.enums import Notice as ReferralNotice

NOTICES: list[tuple[str, str]] = [
    (f"referral_{value}", label) for value, label in ReferralNotice.choices
] + [(f"service_referral_{value}", label) for value, label in ServiceReferralNotice.choices]
NOTICES += [(f"offer_{value}", label) for value, label in OfferNotice.choices]
NOTICES += [(f"company_{value}", label) for value, label in CompanyNotice.choices]
NOTICES += [(f"event_{value}", label) for value, label in EventNotice.choices]


def company_notice(event: str) -> str:
    """The preference key of a company register email (`companies.enums.Notice` value)."""
    return f"company_{event}"


def referral_notice(event: str) -> str:
    """The preference key of a referral email (`referrals.enums.Notice` value)."""
    return f"referral_{event}"


def service_referral_notice(event: str) -> str:
    """The preference key of a service referral email (`partner_services.enums.Notice`)."""
    return f"service_referral_{event}"


def offer_notice(event: str) -> str:
    """The preference key of an offer email (`offers.enums.Notice` value)."""
    return f"offer_{event}"


def event_notice(event: str) -> str:
    """The preference key of an event email (`events.enums.Notice` value)."""
    return f"event_{event}"
