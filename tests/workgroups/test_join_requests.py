"""Asking to join a work group: staff of a member organization ask from the public list (or
the space's 403), the group's chairs are e-mailed and answer on the members page, and the
person is e-mailed the answer. Everyone else is told why, and nothing changes."""

import pytest
from django.core import mail
from django.db import IntegrityError, transaction
from django.test import Client

from tests.factories import MemberOrganizationFactory, UserFactory
from workgroups import membership
from workgroups.models import JoinRequest, Membership

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.bare,
    pytest.mark.usefixtures("fresh_cache"),
    pytest.mark.postgresql,
]


def ask_url(work_group):
    return f"/work-group-requests/{work_group.slug}/"


def members_url(work_group):
    return work_group.space.url + "members/"


def with_organization(user):
    user.profile.organization = MemberOrganizationFactory()
    user.profile.save()
    return user


@pytest.fixture
def asker(people):
    """Staff of a member organization, in no group."""
    user = with_organization(UserFactory(first_name="Robin", last_name="Asker"))
    client = Client()
    client.force_login(user)
    return user, client


@pytest.fixture
def asked(asker, work_group, django_capture_on_commit_callbacks):
    """A pending request of the asker, with the chairs' e-mail sent."""
    user, client = asker
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(ask_url(work_group), {"message": "I run our sepsis screening."})
    assert response.status_code == 302
    return JoinRequest.objects.get(user=user, work_group=work_group)


def answer(client, work_group, join_request, action, captured, reason=""):
    mail.outbox.clear()
    with captured(execute=True):
        return client.post(
            members_url(work_group),
            {"action": action, "request": join_request.pk, "reason": reason},
        )


# Asking


def test_member_organization_staff_ask_and_the_chairs_are_emailed(asked, people, work_group):
    assert asked.status == JoinRequest.Status.PENDING
    assert asked.message == "I run our sepsis screening."
    [message] = mail.outbox
    assert message.to == [people["chair"].email]
    assert "Robin Asker" in message.subject and work_group.name in message.subject
    assert "I run our sepsis screening." in message.body
    assert f"{work_group.space.url}members/" in message.body
    assert not Membership.objects.filter(user=asked.user, work_group=work_group).exists()


def test_the_form_is_offered_to_member_organization_staff(asker, work_group):
    response = asker[1].get(ask_url(work_group))
    assert response.status_code == 200
    assert b'name="message"' in response.content


def test_the_public_list_links_active_groups_to_the_request(asker, work_group, group_index):
    work_group.status = "archived"
    work_group.save()
    response = Client().get(group_index.url)
    content = response.content.decode()
    assert ask_url(work_group) not in content
    assert "/work-group-requests/discharge-planning-test/" in content


def test_anonymous_visitors_log_in_first(work_group):
    response = Client().post(ask_url(work_group), {"message": "hi"})
    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")
    assert not JoinRequest.objects.exists()


def test_an_account_without_a_member_organization_is_refused(clients, work_group):
    response = clients["outsider"].post(ask_url(work_group), {"message": "hi"})
    assert response.status_code == 403
    assert "member organization" in response.content.decode()
    assert not JoinRequest.objects.exists()


@pytest.mark.parametrize("role", ["observer", "member", "chair"])
def test_people_in_the_group_cannot_ask(people, work_group, role):
    user = with_organization(people[role])
    client = Client()
    client.force_login(user)
    response = client.post(ask_url(work_group), {"message": "hi"})
    assert response.status_code == 400
    assert "already in this work group" in response.content.decode()
    assert not JoinRequest.objects.exists()
    assert Membership.objects.get(user=user, work_group=work_group).role == role


def test_asking_twice_changes_nothing(asked, asker, work_group):
    response = asker[1].post(ask_url(work_group), {"message": "again"})
    assert response.status_code == 400
    assert "already asked" in response.content.decode()
    assert JoinRequest.objects.filter(user=asker[0]).count() == 1


def test_an_archived_group_takes_no_requests(asker, work_group):
    work_group.status = "archived"
    work_group.save()
    response = asker[1].post(ask_url(work_group), {"message": "hi"})
    assert response.status_code == 400
    assert "archived" in response.content.decode()
    assert not JoinRequest.objects.exists()


def test_a_too_long_message_is_refused(asker, work_group):
    response = asker[1].post(ask_url(work_group), {"message": "x" * 501})
    assert response.status_code == 400
    assert not JoinRequest.objects.exists()


def test_an_unknown_group_is_404(asker):
    assert asker[1].get("/work-group-requests/no-such-group/").status_code == 404


def test_the_space_403_offers_the_request(asker, asked, people, work_group, other_group):
    user, client = asker
    # Before asking, at another group's space: the link to ask.
    response = client.get(other_group.space.url)
    assert response.status_code == 403
    assert ask_url(other_group) in response.content.decode()
    # Having asked: the request is waiting.
    response = client.get(work_group.space.url + "members/")
    assert response.status_code == 403
    assert "is waiting for its chairs" in response.content.decode()
    # An outsider without an organization is not offered it.
    outsider = Client()
    outsider.force_login(people["outsider"])
    assert ask_url(work_group) not in outsider.get(work_group.space.url).content.decode()


# Answering


def test_chairs_and_staff_see_the_requests_members_do_not(asked, clients, work_group):
    for who in ("chair", "staff"):
        content = clients[who].get(members_url(work_group)).content.decode()
        assert "Requests to join" in content and "I run our sepsis screening." in content
    for who in ("member", "observer"):
        content = clients[who].get(members_url(work_group)).content.decode()
        assert "Requests to join" not in content
        assert "I run our sepsis screening." not in content


def test_a_chair_accepts_and_the_person_becomes_a_member(
    asked, clients, people, work_group, django_capture_on_commit_callbacks
):
    response = answer(
        clients["chair"], work_group, asked, "accept_request", django_capture_on_commit_callbacks
    )
    assert response.status_code == 302
    asked.refresh_from_db()
    assert asked.status == JoinRequest.Status.ACCEPTED
    assert asked.decided_by == people["chair"] and asked.decided_at is not None
    assert Membership.objects.get(user=asked.user, work_group=work_group).role == "member"
    [message] = mail.outbox
    assert message.to == [asked.user.email]
    assert "Welcome" in message.subject
    assert work_group.space.url in message.body
    # The new member now sees inside the space.
    client = Client()
    client.force_login(asked.user)
    assert client.get(work_group.space.url).status_code == 200


def test_a_moderator_declines_with_a_reason(
    asked, clients, people, work_group, django_capture_on_commit_callbacks
):
    response = answer(
        clients["staff"],
        work_group,
        asked,
        "decline_request",
        django_capture_on_commit_callbacks,
        reason="The group is full this year.",
    )
    assert response.status_code == 302
    asked.refresh_from_db()
    assert asked.status == JoinRequest.Status.DECLINED
    assert asked.decided_by == people["staff"]
    assert not Membership.objects.filter(user=asked.user, work_group=work_group).exists()
    [message] = mail.outbox
    assert message.to == [asked.user.email]
    assert "declined" in message.subject
    assert "The group is full this year." in message.body


def test_deciding_twice_changes_nothing(
    asked, clients, work_group, django_capture_on_commit_callbacks
):
    answer(
        clients["chair"], work_group, asked, "decline_request", django_capture_on_commit_callbacks
    )
    response = answer(
        clients["chair"], work_group, asked, "accept_request", django_capture_on_commit_callbacks
    )
    assert response.status_code == 302
    asked.refresh_from_db()
    assert asked.status == JoinRequest.Status.DECLINED
    assert not Membership.objects.filter(user=asked.user, work_group=work_group).exists()
    assert mail.outbox == []


@pytest.mark.parametrize("who", ["member", "observer", "other_member", "outsider"])
def test_people_who_do_not_manage_the_group_cannot_answer(
    asked, clients, work_group, who, django_capture_on_commit_callbacks
):
    response = answer(
        clients[who], work_group, asked, "accept_request", django_capture_on_commit_callbacks
    )
    assert response.status_code == 403
    asked.refresh_from_db()
    assert asked.status == JoinRequest.Status.PENDING
    assert mail.outbox == []


def test_another_groups_chair_cannot_answer(
    asked, work_group, other_group, people, django_capture_on_commit_callbacks
):
    other_chair = UserFactory()
    membership.add_member(other_group, other_chair, Membership.Role.CHAIR)
    client = Client()
    client.force_login(other_chair)
    # Not at this group's space, and not through their own group's page either.
    assert (
        answer(client, work_group, asked, "accept_request", django_capture_on_commit_callbacks)
    ).status_code == 403
    response = answer(
        client, other_group, asked, "accept_request", django_capture_on_commit_callbacks
    )
    assert response.status_code == 302
    asked.refresh_from_db()
    assert asked.status == JoinRequest.Status.PENDING


def test_bad_request_ids_are_404(clients, work_group):
    response = clients["chair"].post(
        members_url(work_group), {"action": "accept_request", "request": "x"}
    )
    assert response.status_code == 404


def test_the_database_holds_one_pending_request_per_person_and_group(asked, work_group):
    with pytest.raises(IntegrityError), transaction.atomic():
        JoinRequest.objects.create(work_group=work_group, user=asked.user)
    # Once answered, the person may ask again later.
    asked.status = JoinRequest.Status.DECLINED
    asked.save()
    JoinRequest.objects.create(work_group=work_group, user=asked.user)
