"""The demo's exits: one of every category, each from its facts; a check after the exit
recorded and one due in the employment mission's « À traiter »; a review sent to France
Travail Angers on Hugo's referral."""

from django.urls import reverse
from django.utils import timezone

from exits.models import ExitReview, PostExitCheck
from pathways.enums import ExitCategory, PathwayState
from pathways.models import Pathway
from tests.browser.conftest import demo_territory, reference_data_dir  # noqa: F401


def test_the_demo_has_exits_of_every_category_with_their_follow_up(demo_territory, client):  # noqa: F811
    exited = Pathway.objects.filter(is_demo=True).exclude(exit_category="")
    assert set(exited.values_list("exit_category", flat=True)) == set(ExitCategory.values)
    kevin = exited.get(person__first_name="Kevin", person__last_name="Moulin")
    assert (kevin.exit_reason, kevin.state) == ("short_fixed_term", PathwayState.POST_EXIT)
    alain = exited.get(person__last_name="Mercier")
    assert (alain.exit_reason, alain.state) == ("cdi", PathwayState.CLOSED)
    assert alain.post_exit_checks.get().situation == "same_employer"

    today = timezone.localdate()
    due = PostExitCheck.objects.due(today)
    assert due.filter(pathway=kevin).exists()
    assert PostExitCheck.objects.filter(done_on__isnull=False).exists()

    # Hugo's, among the reviews of the year of history (`demo.build_history`).
    review = ExitReview.objects.get(
        referral__from_organization__name__contains="Angers",
        referral__person__first_name="Hugo",
        referral__person__last_name="Carpentier",
    )
    assert review.exit_category == ExitCategory.DURABLE and review.appointments_attended == 3
    julien = review.referral.from_user
    client.force_login(julien)
    page = client.get(reverse("referral_detail", args=[review.referral_id])).content.decode()
    assert "Bilan de fin de parcours" in page and "Hugo" in page

    client.force_login(kevin.referent)
    worklist = client.get(reverse("worklist")).content.decode()
    assert "Kevin Moulin" in worklist[worklist.index('id="sorties"') :]
