"""The six logs moved onto `lib.lifecycle.TransitionLog` keep every row, whichever way
their migrations run."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from audit.context import SYSTEM
from barriers.enums import BarrierStatus
from barriers.models import BarrierItem, BarrierTheme
from barriers.services import barrier_change_status, barrier_identify
from offers import services as offers
from offers.enums import IntroductionState, OfferState
from partner_services.enums import ReferralState as ServiceReferralState
from partner_services.services import service_referral_send, service_referral_transition
from pathways.enums import PathwayState
from pathways.services import pathway_transition
from referrals.services import referral_create, referral_withdraw
from tests.barriers.helpers import partner_with_service
from tests.factories.organizations import OrganizationFactory
from tests.factories.territories import commune_at
from tests.offers.helpers import offer

BEFORE = [
    ("pathways", "0006_finer_statistics"),
    ("referrals", "0002_alter_referraltransition_options"),
    ("partner_services", "0002_alter_servicereferraltransition_options"),
    ("barriers", "0003_alter_barrierstatuschange_options"),
    ("offers", "0006_introduction_sent_seen_withdrawn_cancelled"),
]
# model: (foreign key, from, to) as named before the migrations, then after.
LOGS = {
    ("pathways", "Transition"): ("pathway_id", "from_state", "to_state"),
    ("referrals", "ReferralTransition"): ("referral_id", "from_state", "to_state"),
    ("partner_services", "ServiceReferralTransition"): ("referral_id", "from_state", "to_state"),
    ("barriers", "BarrierStatusChange"): ("barrier_id", "from_status", "to_status"),
    ("offers", "OfferTransition"): ("offer_id", "from_state", "to_state"),
    ("offers", "IntroductionTransition"): ("introduction_id", "from_state", "to_state"),
}
AFTER_NAMES = {("barriers", "BarrierStatusChange"): ("barrier_id", "from_state", "to_state")}


def _rows(apps, names_of) -> dict:
    rows = {}
    for (app, model), names in LOGS.items():
        names = names_of.get((app, model), names)
        log = apps.get_model(app, model)
        rows[model] = list(
            log.objects.order_by("pk").values_list("pk", *names, "at", "by_id", "comment")
        )
    return rows


@pytest.mark.django_db(transaction=True)
def test_the_logs_keep_every_row_migrated_backward_then_forward(team, followed):
    pathway_transition(
        pathway=followed.pathway, to_state=PathwayState.ACTIVE, user=team.colleague, comment="Go"
    )
    theme, _ = BarrierTheme.objects.get_or_create(code="test-mobilite", label="Mobilité")
    item, _ = BarrierItem.objects.get_or_create(code="test-permis", label="Permis", theme=theme)
    barrier = barrier_identify(
        person=followed.person, item=item, user=team.colleague, organization=team.organization
    )
    barrier_change_status(
        barrier=barrier, to_status=BarrierStatus.LIFTED, user=team.colleague, comment="Obtenu"
    )
    referral = referral_create(
        person=followed.person,
        to_organization=OrganizationFactory(),
        from_organization=team.organization,
        from_user=team.colleague,
        motivation="Un essai",
    )
    referral_withdraw(referral=referral, user=team.colleague, comment="Erreur de structure")
    _, partner_user, service = partner_with_service(commune_at("49353", "Trélazé", 47.45, -0.48))
    service_referral = service_referral_send(
        person=followed.person,
        service=service,
        organization=team.organization,
        user=team.colleague,
        message="Une voiture",
    )
    service_referral_transition(
        referral=service_referral, to_state=ServiceReferralState.ACCEPTED, user=partner_user
    )

    job = offer(team.organization, team.colleague, state=OfferState.PUBLISHED)
    introduction = offers.introduction_create(
        offer=job, person=followed.person, organization=team.organization, user=team.colleague
    )
    offers.introduction_mark_seen(introduction=introduction, actor=SYSTEM, via_link=True)
    offers.introduction_close(
        introduction=introduction,
        user=team.colleague,
        to_state=IntroductionState.WITHDRAWN,
        comment="La personne a trouvé ailleurs",
    )
    offers.offer_transition(
        offer=job, user=team.colleague, to_state=OfferState.PAUSED, comment="Congés"
    )

    executor = MigrationExecutor(connection)
    after = _rows(executor.loader.project_state().apps, AFTER_NAMES)
    assert [len(after[m]) for _, m in LOGS] == [2, 3, 2, 2, 3, 3]
    try:
        executor.migrate(BEFORE)
        executor = MigrationExecutor(connection)
        assert _rows(executor.loader.project_state(BEFORE).apps, {}) == after
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())
    executor = MigrationExecutor(connection)
    assert _rows(executor.loader.project_state().apps, AFTER_NAMES) == after
