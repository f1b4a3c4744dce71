"""Route arguments of the referral pages and endpoints: a referral from the followed
person's prescriber to the team's structure — two organizations the stranger has
nothing to do with. Its motivation, the person's name, the eligibility diagnosis made
with it and the document joined to it are private to both (the document, to the team
once the referral is accepted)."""

from django.core.files.uploadedfile import SimpleUploadedFile

from pathways.eligibility import Criteria
from persons.services import person_create
from referrals.services import referral_create

# A genuine PDF whose bytes carry a marker: a download that reached the walker would
# show it.
JOINED_PDF = b"%PDF-1.4\n% contenu-secret-piece-jointe-orientation\n%%EOF\n"


def samples(team, followed):
    person = person_create(
        organization=followed.prescriber,
        user=followed.prescriber_user,
        data={"first_name": "Noémie", "last_name": "Orientée-Secrètement"},
    )
    referral = referral_create(
        person=person,
        to_organization=team.organization,
        motivation="Motif privé de l'orientation : motif-secret-orientation-structure",
        from_organization=followed.prescriber,
        from_user=followed.prescriber_user,
        eligibility_criteria=Criteria(level1=["rsa"], level2=["justice"]),
        uploads=[("cv", SimpleUploadedFile("cv-secret-orientation.pdf", JOINED_PDF))],
    )
    markers = [
        "motif-secret-orientation-structure",
        "Orientée-Secrètement",
        "cv-secret-orientation",
        "contenu-secret-piece-jointe-orientation",
    ]
    return markers, {"referral_pk": referral.pk, "referral_id": referral.pk}
