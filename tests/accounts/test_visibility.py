from accounts.models import ApiToken, User
from accounts.services import api_token_create


def test_a_user_sees_themself_and_their_colleagues_only(team):
    visible = set(User.objects.visible_to(team.colleague))
    assert visible == {team.colleague, team.admin}
    assert team.colleague not in User.objects.visible_to(team.stranger)


def test_a_removed_member_is_no_longer_a_colleague(team):
    team.colleague.memberships.update(is_active=False)
    assert team.colleague not in User.objects.visible_to(team.admin)


def test_tokens_are_visible_to_their_owner_only(team):
    token, _ = api_token_create(user=team.colleague, name="t")
    assert token in ApiToken.objects.visible_to(team.colleague)
    assert token not in ApiToken.objects.visible_to(team.admin)
