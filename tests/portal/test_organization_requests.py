"""Organization requests: naming an organization asks consortium staff, who approve or decline
in the admin's queue; the person is e-mailed and sees the status and the promised date on their
profile. Nobody answers their own request, only staff with the permission answer, and deciding
twice changes nothing."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.core import mail

from portal import access, organization_requests
from portal.models import OrganizationRequest
from tests.conftest import activate_totp, force_login_with_mfa
from tests.factories import MemberOrganizationFactory, UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.bare, pytest.mark.postgresql]

QUEUE = "/admin/organization-requests/"


def decide_url(record):
    return f"{QUEUE}{record.pk}/decide/"


@pytest.fixture
def hospital():
    return MemberOrganizationFactory(name="Cape Harbor Test Hospital")


@pytest.fixture
def staff(db):
    """Consortium staff: Wagtail's Moderators, who hold the permission out of the box."""
    user = UserFactory(first_name="Sam", last_name="Staff", email="sam.staff@example.org")
    user.groups.add(Group.objects.get(name="Moderators"))
    activate_totp(user)
    return user


@pytest.fixture
def staff_client(client, staff):
    force_login_with_mfa(client, staff)
    return client


def sign_up(client, organization, email="riley.new@example.org"):
    return client.post(
        "/accounts/signup/",
        {
            "email": email,
            "password1": "sepsis-signup-passphrase-7",
            "password2": "sepsis-signup-passphrase-7",
            "first_name": "Riley",
            "last_name": "New",
            "organization": organization.pk,
        },
    )


def test_a_sign_up_naming_an_organization_reaches_staff(
    client, demo_site, hospital, staff, settings, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        assert sign_up(client, hospital).status_code == 302
    record = OrganizationRequest.objects.get()
    assert (record.user.email, record.organization, record.status) == (
        "riley.new@example.org",
        hospital,
        OrganizationRequest.Status.PENDING,
    )
    [to_staff] = [m for m in mail.outbox if m.to == ["sam.staff@example.org"]]
    assert "Riley New asks to be confirmed as staff of Cape Harbor Test Hospital" in (
        to_staff.subject
    )
    assert f"{settings.WAGTAILADMIN_BASE_URL.rstrip('/')}{QUEUE}" in to_staff.body
    assert "within 3 working days" in to_staff.body
    # Staff who may answer, never the requester.
    assert organization_requests.staff_recipients(record.user) == ["sam.staff@example.org"]


def test_the_profile_shows_the_status_and_the_promised_date(client, demo_site, hospital, settings):
    settings.PORTAL_ORGANIZATION_ANSWER_DAYS = 2
    person = UserFactory()
    client.force_login(person)
    client.post(
        "/accounts/profile/",
        {"first_name": "Pat", "last_name": "Lee", "organization": hospital.pk},
    )
    record = OrganizationRequest.objects.get(user=person)
    html = client.get("/accounts/profile/").content.decode()
    assert "waiting for consortium staff to confirm it" in html
    assert "Staff answer within 2 working days" in html
    assert organization_requests.answer_by(record).strftime("%B") in html


def test_the_promised_date_counts_working_days_only(settings):
    settings.PORTAL_ORGANIZATION_ANSWER_DAYS = 3
    friday = datetime.datetime(2026, 12, 4, 16, tzinfo=datetime.UTC)
    record = OrganizationRequest(requested_at=friday)
    assert organization_requests.answer_by(record) == datetime.date(2026, 12, 9)


def test_naming_another_organization_replaces_the_request_and_none_withdraws_it(hospital):
    person = UserFactory()
    other = MemberOrganizationFactory()
    first = organization_requests.name_organization(person, hospital)
    second = organization_requests.name_organization(person, other)
    assert organization_requests.name_organization(person, other) == second  # no duplicate
    first.refresh_from_db()
    assert first.status == OrganizationRequest.Status.WITHDRAWN
    assert organization_requests.name_organization(person, None) is None
    assert not OrganizationRequest.objects.filter(status="pending").exists()
    person.profile.refresh_from_db()
    assert person.profile.requested_organization is None


def test_staff_approve_in_the_queue_and_the_person_is_told(
    staff_client, staff, hospital, django_capture_on_commit_callbacks
):
    person = UserFactory(first_name="Riley", last_name="New")
    record = organization_requests.name_organization(person, hospital)
    listing = staff_client.get(QUEUE).content.decode()
    assert "Riley New" in listing and "Cape Harbor Test Hospital" in listing
    assert decide_url(record) in listing
    assert staff_client.get(decide_url(record)).status_code == 200

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(decide_url(record), {"decision": "approve"})
    assert response.status_code == 302
    person.refresh_from_db()
    assert access.member_organization(person) == hospital
    assert person.groups.filter(name=access.MEMBERS_GROUP_NAME).exists()
    record.refresh_from_db()
    assert (record.status, record.decided_by) == ("approved", staff)
    [message] = mail.outbox
    assert message.to == [person.email]
    assert message.subject.endswith("You are confirmed as staff of Cape Harbor Test Hospital")

    # Deciding again (a second tab, a double click) changes nothing and sends nothing.
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        again = staff_client.post(decide_url(record), {"decision": "decline", "reason": "x"})
    assert again.status_code == 302
    record.refresh_from_db()
    assert record.status == "approved" and mail.outbox == []
    assert access.member_organization(person) == hospital


def test_a_decline_e_mails_the_reason_and_the_profile_shows_it(
    staff_client, client, hospital, django_capture_on_commit_callbacks
):
    person = UserFactory()
    record = organization_requests.name_organization(person, hospital)
    with django_capture_on_commit_callbacks(execute=True):
        staff_client.post(
            decide_url(record), {"decision": "decline", "reason": "Not on the staff list."}
        )
    record.refresh_from_db()
    assert record.status == "declined" and record.reason == "Not on the staff list."
    [message] = [m for m in mail.outbox if m.to == [person.email]]
    assert "Their reason: Not on the staff list." in message.body
    assert access.member_organization(person) is None
    client.force_login(person)
    html = client.get("/accounts/profile/").content.decode()
    assert "could not confirm that you work for" in html and "Not on the staff list." in html


def test_bad_answers_change_nothing(staff_client, hospital):
    record = organization_requests.name_organization(UserFactory(), hospital)
    for data in ({}, {"decision": "maybe"}, {"decision": "approve", "reason": "Why not"}):
        response = staff_client.post(decide_url(record), data)
        assert response.status_code == 200
        assert "error" in response.content.decode()
    record.refresh_from_db()
    assert record.status == "pending"
    assert staff_client.get(f"{QUEUE}999999/decide/").status_code == 404


def test_nobody_answers_their_own_request(staff_client, staff, hospital):
    own = organization_requests.name_organization(staff, hospital)
    assert staff_client.get(decide_url(own)).status_code == 403
    response = staff_client.post(decide_url(own), {"decision": "approve"})
    assert response.status_code == 403
    own.refresh_from_db()
    assert own.status == "pending" and access.member_organization(staff) is None
    with pytest.raises(organization_requests.PermissionDenied):
        organization_requests.approve(own.pk, staff)


@pytest.mark.parametrize("role", ["anonymous", "outsider", "editor", "member"])
def test_only_staff_with_the_permission_reach_the_queue(client, hospital, role):
    record = organization_requests.name_organization(UserFactory(), hospital)
    if role != "anonymous":
        user = UserFactory()
        if role == "editor":
            user.groups.add(Group.objects.get(name="Editors"))
        if role == "member":
            user.profile.organization = hospital
            user.profile.save()
        activate_totp(user)
        force_login_with_mfa(client, user)
    for method, url in (("get", QUEUE), ("get", decide_url(record)), ("post", decide_url(record))):
        response = getattr(client, method)(url, {"decision": "approve"} if method == "post" else {})
        assert response.status_code in (302, 403)
        if response.status_code == 302:
            assert "/accounts/login/" in response["Location"] or response["Location"] == "/admin/"
    record.refresh_from_db()
    assert record.status == "pending"
    with pytest.raises(organization_requests.PermissionDenied):
        organization_requests.approve(record.pk, UserFactory())


def test_a_superuser_may_answer(client, superuser, hospital):
    record = organization_requests.name_organization(UserFactory(), hospital)
    force_login_with_mfa(client, superuser)
    assert client.post(decide_url(record), {"decision": "approve"}).status_code == 302
    record.refresh_from_db()
    assert record.status == "approved"


def test_requests_cannot_be_added_edited_or_deleted_by_hand(staff_client, hospital):
    record = organization_requests.name_organization(UserFactory(), hospital)
    for url in (f"{QUEUE}new/", f"{QUEUE}edit/{record.pk}/", f"{QUEUE}delete/{record.pk}/"):
        assert staff_client.get(url).status_code in (302, 403)
        staff_client.post(url, {"reason": "changed"})
    record.refresh_from_db()
    assert (record.status, record.reason) == ("pending", "")
    assert staff_client.get(f"{QUEUE}inspect/{record.pk}/").status_code == 200
