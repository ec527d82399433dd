"""Work groups' e-mail settings on the account's subscriptions page: one row per group the
person belongs to, one click per setting, and only their own memberships."""

import pytest

from workgroups.models import Membership

pytestmark = [pytest.mark.django_db, pytest.mark.bare]

PAGE = "/accounts/subscriptions/"


def test_each_group_is_listed_with_its_setting_and_changed_in_one_click(
    clients, people, work_group
):
    html = clients["member"].get(PAGE).content.decode()
    assert work_group.name in html and "Daily digest" in html
    assert "Discharge Planning Test Group" not in html
    assert (
        "You are not a member of any work group." in clients["outsider"].get(PAGE).content.decode()
    )

    data = {"provider": "work-groups", "key": str(work_group.pk), "value": "weekly"}
    response = clients["member"].post(PAGE, data)
    assert response.status_code == 302
    membership = Membership.objects.get(user=people["member"], work_group=work_group)
    assert membership.notifications == Membership.Notifications.WEEKLY


def test_another_persons_group_or_an_unknown_setting_changes_nothing(clients, people, work_group):
    for client, value in ((clients["outsider"], "none"), (clients["member"], "hourly")):
        data = {"provider": "work-groups", "key": str(work_group.pk), "value": value}
        assert client.post(PAGE, data).status_code == 400
    assert set(
        Membership.objects.filter(work_group=work_group).values_list("notifications", flat=True)
    ) == {Membership.Notifications.DAILY}
