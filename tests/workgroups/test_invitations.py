"""Invitations: a chair invites by e-mail; the link works once, for 28 days, only for an account
with the invited address (which the link itself proves: no second confirmation), through
allauth's real sign-up and login; every bad link gives a clear page and creates nothing."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core import mail
from django.db import transaction
from django.utils import timezone
from wagtail.models import ModelLogEntry

from tests.factories import PASSWORD, UserFactory
from workgroups import invitations, membership
from workgroups.models import Invitation, Membership

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.bare,
    pytest.mark.usefixtures("fresh_cache"),
    pytest.mark.postgresql,
]

User = get_user_model()
INVITEE = "Dana.Invitee@Example.org"
SIGNUP_PASSWORD = "sepsis-signup-passphrase-7"


def members_url(work_group):
    return work_group.space.url + "members/"


@pytest.fixture
def invite(clients, django_capture_on_commit_callbacks):
    """Invite through the members page, as a chair would; returns the link's path. (The
    e-mail goes out when the transaction commits.)"""

    def invite(work_group, email=INVITEE, role="member", who="chair"):
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            response = clients[who].post(
                members_url(work_group), {"action": "invite", "email": email, "role": role}
            )
        assert response.status_code == 302, response.content.decode()
        [message] = mail.outbox
        return invitation_path(message)

    return invite


def invitation_path(message):
    [path] = re.findall(r"https?://[^/\s]+(/work-group-invitations/[\w-]+/)", message.body)
    return path


def links_in(message):
    return re.findall(r"https?://testserver(/\S+)", message.body)


def memberships_of(email):
    return Membership.objects.filter(user__email__iexact=email)


def log_entries(work_group, action):
    return ModelLogEntry.objects.filter(
        content_type__model="workgroup", object_id=str(work_group.pk), action=action
    )


# Sending


def test_a_chair_invites_by_email_and_only_a_hash_is_stored(invite, clients, work_group, people):
    path = invite(work_group, role="observer")

    invitation = Invitation.objects.get(work_group=work_group)
    assert invitation.email == "Dana.Invitee@example.org"  # the domain part is normalized
    assert invitation.role == "observer"
    assert invitation.invited_by == people["chair"]
    token = path.rstrip("/").rsplit("/", 1)[1]
    assert len(token) >= 40
    assert invitation.token_hash == invitations.hash_token(token)
    assert token not in invitation.token_hash
    expected = timezone.now() + Invitation.VALID_FOR
    assert abs((invitation.expires_at - expected).total_seconds()) < 60

    [message] = mail.outbox
    assert message.to == ["Dana.Invitee@example.org"]
    assert "Triage Screening Test Group" in message.subject
    assert "as observer" in message.body

    [entry] = log_entries(work_group, membership.INVITED)
    assert entry.user_id == people["chair"].pk
    assert entry.data == {
        "email": "Dana.Invitee@example.org",
        "role": "observer",
        "invitation_id": invitation.pk,
    }


def test_an_invitation_is_not_sent_when_the_transaction_fails(
    work_group, people, django_capture_on_commit_callbacks
):
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        invitations.invite(work_group, INVITEE, "member", actor=people["chair"])
        raise RuntimeError
    assert not Invitation.objects.exists()
    assert mail.outbox == []


# Accepting


def test_anonymous_invitee_signs_up_and_joins(invite, client, work_group, clients):
    path = invite(work_group, role="member")

    # The link explains and offers allauth's sign-up (address filled in) and login, both
    # returning to the link.
    response = client.get(path)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Triage Screening Test Group" in page
    signup_url = re.search(r'href="(/accounts/signup/\?[^"]+)"', page).group(1)
    assert "next=%2Fwork-group-invitations%2F" in signup_url
    assert "email=Dana.Invitee%40example.org" in signup_url
    assert re.search(r'href="/accounts/login/\?next=%2Fwork-group-invitations%2F', page)
    assert "private" in response["Cache-Control"]
    assert client.get(signup_url.replace("&amp;", "&")).status_code == 200

    # Sign up with the invited address and land back on the invitation, logged in: the link
    # came to that address, so allauth asks for no confirmation and sends none.
    mail.outbox.clear()
    response = client.post(
        signup_url.replace("&amp;", "&"),
        {
            "email": "dana.invitee@example.org",
            "password1": SIGNUP_PASSWORD,
            "password2": SIGNUP_PASSWORD,
            "first_name": "Dana",
            "last_name": "Invitee",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == path
    assert not memberships_of(INVITEE).exists()
    assert not [m for m in mail.outbox if "/confirm-email/" in m.body]
    assert EmailAddress.objects.get(email__iexact=INVITEE).verified

    # Opening the link again offers the Join button; nothing is created by looking.
    response = client.get(path)
    assert response.status_code == 200
    assert "Join Triage Screening Test Group as member" in response.content.decode()
    assert not memberships_of(INVITEE).exists()

    response = client.post(path)
    assert response.status_code == 302
    assert response["Location"] == work_group.space.url

    user = User.objects.get(email__iexact=INVITEE)
    joined = Membership.objects.get(work_group=work_group, user=user)
    assert joined.role == Membership.Role.MEMBER
    invitation = Invitation.objects.get(work_group=work_group)
    assert invitation.accepted_by == user
    assert invitation.accepted_at is not None
    # The membership works on the very next request.
    response = client.get(work_group.space.url)
    assert response.status_code == 200
    assert "Welcome to Triage Screening Test Group" in response.content.decode()

    [entry] = log_entries(work_group, membership.JOINED).filter(data__member_id=user.pk)
    assert entry.user_id == user.pk
    assert entry.data["via"] == "invitation"
    assert entry.data["role"] == "member"
    assert entry.data["member_id"] == user.pk


def test_existing_account_logs_in_and_joins(invite, client, work_group, clients):
    invitee = UserFactory(email="dana.invitee@example.org")
    path = invite(work_group, role="chair")

    response = client.post(
        f"/accounts/login/?next={path}", {"login": invitee.email, "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == path

    response = client.post(path)
    assert response.status_code == 302
    assert Membership.objects.get(work_group=work_group, user=invitee).role == "chair"
    assert invitee.groups.filter(pk=work_group.chairs_id).exists()
    assert client.get(work_group.space.url).status_code == 200


def test_anonymous_post_is_sent_to_log_in(invite, client, work_group, clients):
    path = invite(work_group)
    response = client.post(path)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=%2Fwork-group-invitations%2F")
    assert not Membership.objects.filter(user__email__iexact=INVITEE).exists()
    assert Invitation.objects.get().accepted_at is None


def test_a_double_submit_makes_one_membership(invite, client, work_group, clients):
    invitee = UserFactory(email="dana.invitee@example.org")
    path = invite(work_group)
    client.force_login(invitee)

    first = client.post(path)
    second = client.post(path)

    assert first.status_code == second.status_code == 302
    assert second["Location"] == work_group.space.url
    assert Membership.objects.filter(work_group=work_group, user=invitee).count() == 1
    assert (
        log_entries(work_group, membership.JOINED).filter(data__member_id=invitee.pk).count() == 1
    )


# Bad links: a clear page, the right status, and nothing created


def assert_nothing_created(work_group, users_before):
    assert not memberships_of(INVITEE).exists()
    assert Membership.objects.filter(work_group=work_group).count() == users_before


@pytest.fixture
def invitee_client(client):
    invitee = UserFactory(email="dana.invitee@example.org")
    client.force_login(invitee)
    client.invitee = invitee
    return client


def test_an_expired_invitation_is_refused(invite, invitee_client, work_group, clients):
    path = invite(work_group)
    Invitation.objects.update(expires_at=timezone.now() - timezone.timedelta(minutes=1))
    before = Membership.objects.filter(work_group=work_group).count()

    for method in (invitee_client.get, invitee_client.post):
        response = method(path)
        assert response.status_code == 410
        assert "This invitation has expired" in response.content.decode()
    # The same page for someone not logged in.
    invitee_client.logout()
    assert invitee_client.get(path).status_code == 410
    assert_nothing_created(work_group, before)
    assert Invitation.objects.get().accepted_at is None


def test_a_used_invitation_is_refused(invite, invitee_client, work_group, clients, people):
    path = invite(work_group)
    assert invitee_client.post(path).status_code == 302
    # The invitee leaves; the link does not let them back in.
    membership.remove_member(
        Membership.objects.get(user=invitee_client.invitee), actor=people["chair"]
    )
    before = Membership.objects.filter(work_group=work_group).count()

    response = invitee_client.post(path)

    assert response.status_code == 410
    assert "already been used" in response.content.decode()
    assert_nothing_created(work_group, before)
    # Nor anyone else who gets the link afterwards.
    assert clients["outsider"].post(path).status_code == 410


def test_a_revoked_invitation_is_refused(invite, invitee_client, work_group, clients, people):
    path = invite(work_group)
    invitation = Invitation.objects.get()
    response = clients["chair"].post(
        members_url(work_group), {"action": "revoke", "invitation": invitation.pk}
    )
    assert response.status_code == 302
    invitation.refresh_from_db()
    assert invitation.revoked_at is not None
    [entry] = log_entries(work_group, membership.INVITATION_REVOKED)
    assert entry.user_id == people["chair"].pk
    assert entry.data == {
        "email": invitation.email,
        "role": "member",
        "invitation_id": invitation.pk,
    }
    before = Membership.objects.filter(work_group=work_group).count()

    response = invitee_client.post(path)

    assert response.status_code == 410
    assert "withdrawn" in response.content.decode()
    assert_nothing_created(work_group, before)


def test_a_forwarded_invitation_is_refused(invite, work_group, clients, people):
    path = invite(work_group)
    before = Membership.objects.filter(work_group=work_group).count()

    for method in ("get", "post"):
        response = getattr(clients["outsider"], method)(path)
        assert response.status_code == 403
        assert "different e-mail address" in response.content.decode()
    assert not Membership.objects.filter(work_group=work_group, user=people["outsider"]).exists()
    assert_nothing_created(work_group, before)
    assert Invitation.objects.get().accepted_at is None


def test_the_invitation_proves_an_unverified_invited_address(invite, client, work_group, clients):
    invitee = UserFactory(email="dana.invitee@example.org", verified=False)
    path = invite(work_group)
    client.force_login(invitee)

    response = client.post(path)

    assert response.status_code == 302
    assert Membership.objects.filter(user=invitee).exists()
    assert EmailAddress.objects.get(user=invitee).verified


def test_signing_up_with_another_address_still_asks_to_confirm_it(invite, client, work_group):
    path = invite(work_group)
    client.get(path)
    signup = "/accounts/signup/?" + f"next={path}"
    mail.outbox.clear()
    response = client.post(
        signup,
        {
            "email": "someone.else@example.org",
            "password1": SIGNUP_PASSWORD,
            "password2": SIGNUP_PASSWORD,
            "first_name": "Some",
            "last_name": "One",
        },
    )
    assert response.status_code == 302
    assert not EmailAddress.objects.get(email="someone.else@example.org").verified
    # The invited address is not slipped into the new account either.
    assert not EmailAddress.objects.filter(email__iexact=INVITEE).exists()
    assert [m for m in mail.outbox if "/confirm-email/" in m.body]


def test_a_verified_secondary_address_is_enough(invite, client, work_group, clients):
    invitee = UserFactory(email="someone.else@example.org")
    EmailAddress.objects.create(
        user=invitee, email="DANA.INVITEE@example.org", verified=True, primary=False
    )
    path = invite(work_group)
    client.force_login(invitee)

    assert client.post(path).status_code == 302
    assert Membership.objects.filter(work_group=work_group, user=invitee).exists()


@pytest.mark.parametrize("token", ["not-a-real-token", "x" * 43])
def test_an_unknown_token_is_refused(invitee_client, work_group, token):
    before = Membership.objects.filter(work_group=work_group).count()
    path = f"/work-group-invitations/{token}/"
    for method in (invitee_client.get, invitee_client.post):
        response = method(path)
        assert response.status_code == 404
        assert "This invitation link is not valid" in response.content.decode()
    assert_nothing_created(work_group, before)


def test_an_archived_group_takes_no_new_members(invite, invitee_client, work_group, clients):
    path = invite(work_group)
    work_group.status = work_group.Status.ARCHIVED
    work_group.save()
    before = Membership.objects.filter(work_group=work_group).count()

    response = invitee_client.post(path)

    assert response.status_code == 410
    assert_nothing_created(work_group, before)


# Invite form errors: clear messages, nothing sent


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"email": "not-an-address", "role": "member"}, "Enter a valid email address."),
        (
            {"email": "new@example.org", "role": "owner"},
            "Choose a role: chair, member or observer.",
        ),
        ({"email": "new@example.org"}, "Choose a role: chair, member or observer."),
    ],
)
def test_bad_invitations_are_form_errors(clients, work_group, data, message):
    response = clients["chair"].post(members_url(work_group), {"action": "invite", **data})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Invitation.objects.exists()
    assert mail.outbox == []


def test_a_member_cannot_be_invited_again(clients, work_group, people):
    email = people["member"].email.upper()
    response = clients["chair"].post(
        members_url(work_group), {"action": "invite", "email": email, "role": "chair"}
    )
    assert response.status_code == 200
    assert "is already a member of this group" in response.content.decode()
    assert not Invitation.objects.exists()
    assert mail.outbox == []


def test_an_open_invitation_is_not_duplicated(invite, clients, work_group):
    invite(work_group)
    mail.outbox.clear()
    response = clients["chair"].post(
        members_url(work_group),
        {"action": "invite", "email": INVITEE.lower(), "role": "member"},
    )
    assert response.status_code == 200
    assert "has already been invited" in response.content.decode()
    assert Invitation.objects.count() == 1
    assert mail.outbox == []

    # Once it has expired (or been revoked), a new invitation may be sent.
    Invitation.objects.update(expires_at=timezone.now() - timezone.timedelta(seconds=1))
    invite(work_group)
    assert Invitation.objects.count() == 2


def refused_invitation(client, work_group, email):
    """Invite as the members page would; returns the page's text, asserting that nothing was
    created or sent."""
    mail.outbox.clear()
    response = client.post(
        members_url(work_group), {"action": "invite", "email": email, "role": "member"}
    )
    assert response.status_code == 200
    assert not Invitation.objects.filter(email=email).exists()
    assert mail.outbox == []
    return response.content.decode()


def test_one_person_sends_a_limited_number_of_invitations_an_hour(
    invite, clients, work_group, settings
):
    settings.WORK_GROUP_INVITATIONS_PER_HOUR = 3
    for number in range(3):
        invite(work_group, email=f"guest{number}@example.org")
    # Each person has their own count: staff may still invite to the same group.
    invite(work_group, email="staff1@example.org", who="staff")
    page = refused_invitation(clients["chair"], work_group, "guest9@example.org")
    assert "You have sent 3 invitations in the last hour" in page

    # An hour later the chair may invite again.
    Invitation.objects.update(created_at=timezone.now() - timezone.timedelta(minutes=61))
    invite(work_group, email="guest9@example.org")


def test_a_group_holds_a_limited_number_of_open_invitations(invite, clients, work_group, settings):
    settings.WORK_GROUP_MAX_OPEN_INVITATIONS = 2
    invite(work_group, email="guest1@example.org")
    invite(work_group, email="guest2@example.org", who="staff")
    page = refused_invitation(clients["chair"], work_group, "guest3@example.org")
    assert "already has 2 open invitations" in page
    assert Invitation.objects.count() == 2

    # Revoking one makes room.
    first = Invitation.objects.get(email="guest1@example.org")
    clients["chair"].post(members_url(work_group), {"action": "revoke", "invitation": first.pk})
    invite(work_group, email="guest3@example.org")


def test_the_same_address_may_be_invited_to_another_group(invite, clients, work_group, other_group):
    invite(work_group)
    invitations.invite(other_group, INVITEE, "member", actor=None)
    assert Invitation.objects.filter(email__iexact=INVITEE).count() == 2


# Who may invite and revoke


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("outsider", 403),
        ("other_member", 403),
        ("observer", 403),
        ("member", 403),
        ("chair", 302),
        ("staff", 302),
    ],
)
def test_only_chairs_and_staff_invite(
    clients, work_group, role, status, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = clients[role].post(
            members_url(work_group), {"action": "invite", "email": INVITEE, "role": "member"}
        )
    assert response.status_code == status
    assert Invitation.objects.exists() == (status == 302)
    assert len(mail.outbox) == (1 if status == 302 else 0)


def test_anonymous_cannot_invite(client, work_group, people):
    response = client.post(
        members_url(work_group), {"action": "invite", "email": INVITEE, "role": "member"}
    )
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert not Invitation.objects.exists()


def test_members_cannot_revoke_and_other_groups_invitations_are_404(
    invite, clients, work_group, other_group, people
):
    invite(work_group)
    own = Invitation.objects.get()
    foreign = invitations.invite(other_group, "x@example.org", "member", actor=None)

    response = clients["member"].post(
        members_url(work_group), {"action": "revoke", "invitation": own.pk}
    )
    assert response.status_code == 403
    response = clients["chair"].post(
        members_url(work_group), {"action": "revoke", "invitation": foreign.pk}
    )
    assert response.status_code == 404
    assert not Invitation.objects.filter(revoked_at__isnull=False).exists()


def test_pending_invitations_are_listed_for_chairs_only(invite, clients, work_group):
    invite(work_group)
    page = clients["chair"].get(members_url(work_group)).content.decode()
    assert "Dana.Invitee@example.org" in page
    assert "Revoke the invitation to Dana.Invitee@example.org" in page
    page = clients["member"].get(members_url(work_group)).content.decode()
    assert "Dana.Invitee@example.org" not in page
    assert "Invite someone" not in page


def test_accepted_and_revoked_invitations_cannot_be_revoked(invite, clients, work_group, people):
    invite(work_group)
    invitation = Invitation.objects.get()
    invitations.revoke(invitation.pk, work_group, actor=people["chair"])
    with pytest.raises(invitations.InvitationError):
        invitations.revoke(invitation.pk, work_group, actor=people["chair"])
    response = clients["chair"].post(
        members_url(work_group), {"action": "revoke", "invitation": invitation.pk}, follow=True
    )
    assert "already been revoked" in response.content.decode()
    assert log_entries(work_group, membership.INVITATION_REVOKED).count() == 1
