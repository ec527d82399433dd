"""Registering and cancelling: places, the waiting list moving up, and every refusal (which
says why and changes nothing)."""

import datetime

import pytest
from django.core import mail

from events import registrations
from events.models import Registration, Session

from .conftest import make_session

pytestmark = [pytest.mark.django_db, pytest.mark.bare, pytest.mark.postgresql]


def test_a_place_then_the_waiting_list_when_full(public_event, people):
    session = make_session(public_event, capacity=1)
    first = registrations.register(people["outsider"], session.pk)
    second = registrations.register(people["member"], session.pk)
    assert first.status == Registration.Status.CONFIRMED
    assert second.status == Registration.Status.WAITING


def test_cancelling_moves_the_first_person_waiting_up_and_tells_them(
    public_event, people, django_capture_on_commit_callbacks
):
    session = make_session(public_event, capacity=1)
    with django_capture_on_commit_callbacks(execute=True):
        first = registrations.register(people["outsider"], session.pk)
        registrations.register(people["member"], session.pk)
        registrations.register(people["other_member"], session.pk)
    assert [m.subject.split(":")[0] for m in mail.outbox] == [
        "You are registered",
        "You are on the waiting list",
        "You are on the waiting list",
    ]
    mail.outbox = []

    with django_capture_on_commit_callbacks(execute=True):
        _cancelled, promoted = registrations.cancel(first.pk, user=people["outsider"])

    assert promoted.user == people["member"]
    statuses = dict(Registration.objects.values_list("user__username", "status"))
    assert statuses[people["member"].username] == Registration.Status.CONFIRMED
    assert statuses[people["other_member"].username] == Registration.Status.WAITING
    assert statuses[people["outsider"].username] == Registration.Status.CANCELLED
    # The person moved up gets the confirmation, with the calendar file.
    (message,) = mail.outbox
    assert message.to == [people["member"].email]
    assert "You are registered" in message.subject
    assert message.attachments[0][0] == "session.ics"


def test_cancelling_a_waiting_place_moves_nobody(public_event, people):
    session = make_session(public_event, capacity=1)
    registrations.register(people["outsider"], session.pk)
    waiting = registrations.register(people["member"], session.pk)
    registrations.register(people["other_member"], session.pk)
    _cancelled, promoted = registrations.cancel(waiting.pk)
    assert promoted is None
    assert Registration.objects.get(user=people["other_member"]).status == "waiting"


def test_registering_again_after_cancelling_takes_a_new_place(public_event, people):
    session = make_session(public_event)
    registration = registrations.register(people["outsider"], session.pk)
    registrations.cancel(registration.pk)
    again = registrations.register(people["outsider"], session.pk)
    assert again.pk == registration.pk and again.status == Registration.Status.CONFIRMED


def refused(user, session, message):
    before = list(Registration.objects.values_list("pk", "status"))
    with pytest.raises(registrations.RegistrationRefused) as refusal:
        registrations.register(user, session.pk)
    assert message in refusal.value.message
    assert list(Registration.objects.values_list("pk", "status")) == before


def test_registering_twice_is_refused(public_event, people):
    session = make_session(public_event, capacity=1)
    registrations.register(people["outsider"], session.pk)
    registrations.register(people["member"], session.pk)
    refused(people["outsider"], session, "already registered")
    refused(people["member"], session, "already on the waiting list")


def test_past_and_cancelled_sessions_are_refused(public_event, people):
    past = make_session(public_event, starts_in=-datetime.timedelta(days=3))
    refused(people["outsider"], past, "already started or taken place")
    cancelled = make_session(public_event, status=Session.Status.CANCELLED)
    refused(people["outsider"], cancelled, "has been cancelled")


def test_members_only_events_need_a_confirmed_member_organization(members_event, people):
    session = make_session(members_event)
    refused(people["outsider"], session, "staff of the consortium's member organizations")
    assert registrations.register(people["member"], session.pk).status == "confirmed"
    assert registrations.register(people["staff"], session.pk).status == "confirmed"


def test_an_inactive_organization_loses_members_only_registration(members_event, people):
    session = make_session(members_event)
    organization = people["member"].profile.organization
    organization.is_active = False
    organization.save()
    refused(people["member"], session, "member organizations")


def test_a_work_groups_event_is_for_its_members(group_event, people):
    session = make_session(group_event)
    refused(people["member"], session, "one work group")
    refused(people["outsider"], session, "one work group")
    assert registrations.register(people["group_member"], session.pk).status == "confirmed"


def test_cancelling_someone_elses_or_a_cancelled_registration_is_refused(public_event, people):
    session = make_session(public_event)
    registration = registrations.register(people["outsider"], session.pk)
    with pytest.raises(registrations.RegistrationRefused):
        registrations.cancel(registration.pk, user=people["member"])
    registrations.cancel(registration.pk)
    with pytest.raises(registrations.RegistrationRefused) as refusal:
        registrations.cancel(registration.pk)
    assert "already cancelled" in refusal.value.message
