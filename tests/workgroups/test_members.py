"""The members page (roles changed and members removed by chairs from the site, audited,
effective on the next request) and each member's settings (notifications, calendar address)."""

import pytest
from wagtail.models import ModelLogEntry

from tests.factories import MemberOrganizationFactory
from workgroups import membership
from workgroups.models import CalendarFeed, Membership

from .helpers import VIEWER_STATUSES, archive

pytestmark = [pytest.mark.django_db, pytest.mark.bare]


def members_url(work_group):
    return work_group.space.url + "members/"


def membership_url(work_group, item):
    return f"{members_url(work_group)}{item.pk}/"


def settings_url(work_group):
    return work_group.space.url + "settings/"


def membership_of(user, work_group):
    return Membership.objects.filter(user=user, work_group=work_group).first()


def log_entries(work_group, action):
    return ModelLogEntry.objects.filter(
        content_type__model="workgroup", object_id=str(work_group.pk), action=action
    )


# The list


@pytest.mark.parametrize(
    ("role", "status"),
    VIEWER_STATUSES,
)
def test_who_sees_the_member_list(clients, work_group, role, status):
    response = clients[role].get(members_url(work_group))
    assert response.status_code == status
    if status == 200:
        assert "no-store" in response["Cache-Control"]


def test_the_list_shows_roles_and_organizations(clients, work_group, people):
    organization = MemberOrganizationFactory(name="Riverside General Hospital")
    profile = people["member"].profile
    profile.organization = organization
    profile.save()

    response = clients["observer"].get(members_url(work_group))

    page = response.content.decode()
    assert "Riverside General Hospital" in page
    for role in ("observer", "member", "chair"):
        assert people[role].get_full_name() in page
    assert people["other_member"].get_full_name() not in page
    assert "Chair" in page and "Observer" in page
    # Only those who manage members get the forms (and the e-mail addresses).
    assert "Save role" not in page
    assert "Invite someone" not in page
    assert people["member"].email not in page


def test_chairs_get_the_forms_with_csrf(clients, work_group, people):
    page = clients["chair"].get(members_url(work_group)).content.decode()
    assert "Save role" in page
    assert "Invite someone" in page
    assert "csrfmiddlewaretoken" in page
    assert people["member"].email in page


# Changing roles and removing members


def test_a_chair_changes_a_role(clients, work_group, people):
    item = membership_of(people["member"], work_group)

    response = clients["chair"].post(
        membership_url(work_group, item), {"action": "role", "role": "chair"}
    )

    assert response.status_code == 302
    assert response["Location"] == members_url(work_group)
    item.refresh_from_db()
    assert item.role == "chair"
    assert people["member"].groups.filter(pk=work_group.chairs_id).exists()
    [entry] = log_entries(work_group, membership.ROLE_CHANGED)
    assert entry.user_id == people["chair"].pk
    assert entry.data["member_id"] == people["member"].pk
    assert (entry.data["from"], entry.data["to"]) == ("member", "chair")
    page = clients["chair"].get(members_url(work_group)).content.decode()
    assert "is now chair" in page


def test_csrf_is_required(work_group, people):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    strict.force_login(people["chair"])
    item = membership_of(people["member"], work_group)
    response = strict.post(membership_url(work_group, item), {"action": "role", "role": "chair"})
    assert response.status_code == 403
    assert membership_of(people["member"], work_group).role == "member"


def test_a_bad_role_is_a_form_error(clients, work_group, people):
    item = membership_of(people["member"], work_group)
    response = clients["chair"].post(
        membership_url(work_group, item), {"action": "role", "role": "owner"}
    )
    assert response.status_code == 200
    assert "Choose a role: chair, member or observer." in response.content.decode()
    assert membership_of(people["member"], work_group).role == "member"
    assert not log_entries(work_group, membership.ROLE_CHANGED).exists()


def test_the_last_chair_is_protected(clients, work_group, people):
    item = membership_of(people["chair"], work_group)

    for data in ({"action": "role", "role": "member"}, {"action": "remove", "confirm": "yes"}):
        response = clients["chair"].post(membership_url(work_group, item), data)
        assert response.status_code == 200
        assert "A work group needs at least one chair" in response.content.decode()

    assert membership_of(people["chair"], work_group).role == "chair"
    assert not log_entries(work_group, membership.ROLE_CHANGED).exists()
    assert not log_entries(work_group, membership.REMOVED).exists()


def test_removal_asks_first_then_takes_access_away_at_once(clients, work_group, people):
    member = people["member"]
    item = membership_of(member, work_group)
    assert clients["member"].get(work_group.space.url).status_code == 200

    response = clients["chair"].post(membership_url(work_group, item), {"action": "remove"})
    assert response.status_code == 200
    assert "will lose access" in response.content.decode()
    assert membership_of(member, work_group) is not None

    response = clients["chair"].post(
        membership_url(work_group, item), {"action": "remove", "confirm": "yes"}
    )
    assert response.status_code == 302
    assert membership_of(member, work_group) is None
    assert not member.groups.filter(
        pk__in=[work_group.readers_id, work_group.editors_id, work_group.chairs_id]
    ).exists()
    # The removed member's very next request is refused, not sent to log in.
    assert clients["member"].get(work_group.space.url).status_code == 403
    assert clients["member"].get(members_url(work_group)).status_code == 403
    [entry] = log_entries(work_group, membership.REMOVED)
    assert entry.user_id == people["chair"].pk
    assert entry.data == {
        "member": member.get_full_name(),
        "member_id": member.pk,
        "role": "member",
    }


def test_staff_manage_members_of_any_group(clients, work_group, people):
    item = membership_of(people["observer"], work_group)
    response = clients["staff"].post(
        membership_url(work_group, item), {"action": "role", "role": "member"}
    )
    assert response.status_code == 302
    assert membership_of(people["observer"], work_group).role == "member"


def test_a_chair_may_step_down_when_another_chair_remains(clients, work_group, people):
    membership.change_role(
        membership_of(people["member"], work_group), "chair", actor=people["chair"]
    )
    item = membership_of(people["chair"], work_group)
    response = clients["chair"].post(
        membership_url(work_group, item), {"action": "remove", "confirm": "yes"}
    )
    assert response.status_code == 302
    # No longer a member: sent to the public list, not to a page that would refuse them.
    assert response["Location"] == work_group.space.get_parent().url
    assert membership_of(people["chair"], work_group) is None


@pytest.mark.parametrize("role", ["outsider", "other_member", "observer", "member"])
@pytest.mark.parametrize(
    "data",
    [
        {"action": "role", "role": "chair"},
        {"action": "remove", "confirm": "yes"},
    ],
)
def test_non_chairs_cannot_change_members(clients, work_group, people, role, data):
    item = membership_of(people["observer"], work_group)
    response = clients[role].post(membership_url(work_group, item), data)
    assert response.status_code == 403
    assert membership_of(people["observer"], work_group).role == "observer"


def test_anonymous_cannot_change_members(clients, work_group, people):
    item = membership_of(people["observer"], work_group)
    response = clients["anonymous"].post(
        membership_url(work_group, item), {"action": "remove", "confirm": "yes"}
    )
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert membership_of(people["observer"], work_group) is not None


def test_another_groups_membership_is_404(clients, work_group, other_group, people):
    foreign = membership_of(people["other_member"], other_group)
    for data in ({"action": "role", "role": "observer"}, {"action": "remove", "confirm": "yes"}):
        response = clients["chair"].post(f"{members_url(work_group)}{foreign.pk}/", data)
        assert response.status_code == 404
        assert people["other_member"].get_full_name() not in response.content.decode()
    assert clients["chair"].get(f"{members_url(work_group)}{foreign.pk}/").status_code == 404
    assert clients["chair"].get(f"{members_url(work_group)}999999/").status_code == 404
    assert membership_of(people["other_member"], other_group).role == "member"


def test_an_unknown_action_changes_nothing(clients, work_group, people):
    item = membership_of(people["observer"], work_group)
    response = clients["chair"].post(membership_url(work_group, item), {"action": "promote"})
    assert response.status_code == 400
    assert membership_of(people["observer"], work_group).role == "observer"


# Archived groups are read-only


def test_an_archived_group_is_read_only(clients, work_group, people):
    archive(work_group)
    item = membership_of(people["member"], work_group)

    page = clients["chair"].get(members_url(work_group)).content.decode()
    assert people["member"].get_full_name() in page
    assert "Save role" not in page
    assert "Invite someone" not in page
    assert 'name="action"' not in page

    for who in ("chair", "staff"):
        for url, data in (
            (membership_url(work_group, item), {"action": "role", "role": "chair"}),
            (membership_url(work_group, item), {"action": "remove", "confirm": "yes"}),
            (members_url(work_group), {"action": "invite", "email": "a@example.org"}),
        ):
            response = clients[who].post(url, {**data, "role": data.get("role", "member")})
            assert response.status_code == 403
            assert "archived" in response.content.decode()
    assert membership_of(people["member"], work_group).role == "member"


# Settings


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("anonymous", 302),
        ("outsider", 403),
        ("other_member", 403),
        ("observer", 200),
        ("member", 200),
        ("chair", 200),
        ("staff", 403),  # sees inside, but has no membership to set up here
    ],
)
def test_who_has_settings(clients, work_group, role, status):
    assert clients[role].get(settings_url(work_group)).status_code == status


def test_a_member_chooses_notifications(clients, work_group, people):
    item = membership_of(people["observer"], work_group)
    assert item.notifications == Membership.Notifications.DAILY

    response = clients["observer"].post(
        settings_url(work_group), {"action": "notifications", "notifications": "weekly"}
    )

    assert response.status_code == 302
    item.refresh_from_db()
    assert item.notifications == Membership.Notifications.WEEKLY
    page = clients["observer"].get(settings_url(work_group)).content.decode()
    assert 'value="weekly" checked' in page

    response = clients["observer"].post(
        settings_url(work_group), {"action": "notifications", "notifications": "hourly"}
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    item.refresh_from_db()
    assert item.notifications == Membership.Notifications.WEEKLY


def test_settings_change_only_the_own_membership(clients, work_group, other_group, people):
    membership.add_member(other_group, people["member"], "member")
    clients["member"].post(
        settings_url(work_group), {"action": "notifications", "notifications": "none"}
    )
    assert membership_of(people["member"], work_group).notifications == "none"
    assert membership_of(people["member"], other_group).notifications == "daily"
    assert membership_of(people["chair"], work_group).notifications == "daily"


def test_the_calendar_address_is_shown_and_can_be_replaced(clients, work_group, people):
    page = clients["member"].get(settings_url(work_group)).content.decode()
    feed = CalendarFeed.objects.get(user=people["member"])
    old = feed.token
    assert f"http://testserver/work-group-calendar/{old}.ics" in page

    response = clients["member"].post(settings_url(work_group), {"action": "new_calendar_address"})

    assert response.status_code == 302
    feed.refresh_from_db()
    assert feed.token != old
    assert len(feed.token) >= 40
    assert not CalendarFeed.objects.filter(token=old).exists()
    page = clients["member"].get(settings_url(work_group)).content.decode()
    assert f"/work-group-calendar/{feed.token}.ics" in page
    assert old not in page
    assert CalendarFeed.objects.filter(user=people["member"]).count() == 1


def test_settings_stay_personal_in_an_archived_group(clients, work_group, people):
    archive(work_group)
    response = clients["member"].post(
        settings_url(work_group), {"action": "notifications", "notifications": "none"}
    )
    assert response.status_code == 302
    assert membership_of(people["member"], work_group).notifications == "none"


# Leaving


def test_a_member_leaves_after_confirming_and_loses_access_at_once(clients, work_group, people):
    member = people["observer"]
    response = clients["observer"].post(settings_url(work_group), {"action": "leave"})
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert "You will lose access" in response.content.decode()
    assert membership_of(member, work_group) is not None

    response = clients["observer"].post(
        settings_url(work_group), {"action": "leave", "confirm": "yes"}
    )
    assert response.status_code == 302
    assert response["Location"] == work_group.space.get_parent().url
    assert membership_of(member, work_group) is None
    assert not member.groups.filter(pk=work_group.readers_id).exists()
    assert clients["observer"].get(work_group.space.url).status_code == 403
    [entry] = log_entries(work_group, membership.LEFT)
    assert entry.user_id == member.pk
    assert entry.data["member"] == member.get_full_name()
    assert not log_entries(work_group, membership.REMOVED).exists()


def test_the_last_chair_cannot_leave(clients, work_group, people):
    response = clients["chair"].post(
        settings_url(work_group), {"action": "leave", "confirm": "yes"}
    )
    assert response.status_code == 302
    assert membership_of(people["chair"], work_group) is not None
    page = clients["chair"].get(response["Location"]).content.decode()
    assert "needs at least one chair" in page
    assert not log_entries(work_group, membership.LEFT).exists()


def test_members_leave_only_their_own_membership(clients, work_group, people):
    for role, status in (("anonymous", 302), ("outsider", 403), ("staff", 403)):
        response = clients[role].post(
            settings_url(work_group), {"action": "leave", "confirm": "yes"}
        )
        assert response.status_code == status, role
    assert Membership.objects.filter(work_group=work_group).count() == 3


def test_members_may_leave_an_archived_group(clients, work_group, people):
    archive(work_group)
    clients["member"].post(settings_url(work_group), {"action": "leave", "confirm": "yes"})
    assert membership_of(people["member"], work_group) is None
