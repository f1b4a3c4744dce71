"""The directory and the ways in use only `pk` and `person_pk` as route arguments. What
must stay private: the motive of a referral the team received, and the directory
profile's contacts are public to professionals (not markers)."""

from referrals.services import referral_create


def samples(team, followed):
    referral_create(
        person=followed.person,
        to_organization=team.organization,
        motivation="Motif confidentiel : motif-secret-orientation-structure",
        from_organization=followed.prescriber,
        from_user=followed.prescriber_user,
    )
    return ["motif-secret-orientation-structure"], {}
