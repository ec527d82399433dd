"""Registrations racing for the last places on PostgreSQL: the session's row lock
(select_for_update) lets each registration count the places in turn, so no session is ever
over capacity and the rest wait; a cancellation racing with registrations hands its place on
once. (SQLite writes one transaction at a time: nothing to race.)"""

import threading

import pytest
from django.db import connection, connections

from events import registrations
from events.models import Registration
from tests.factories import UserFactory

from .conftest import make_session

# Transactional tests run after the demo is loaded (tests/conftest.py orders them so), so
# these race on the demo, put back before each by `committed_demo`.
pytestmark = [
    pytest.mark.postgresql,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("committed_demo"),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="a race needs PostgreSQL"),
]


def race(callables):
    barrier = threading.Barrier(len(callables))
    errors = []

    def run(work):
        try:
            barrier.wait()
            work()
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(work,)) for work in callables]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors, errors


def test_simultaneous_registrations_never_exceed_the_places(public_event):
    session = make_session(public_event, capacity=2)
    users = [UserFactory() for _ in range(6)]
    race([lambda user=user: registrations.register(user, session.pk) for user in users])
    statuses = list(Registration.objects.filter(session=session).values_list("status", flat=True))
    assert sorted(statuses).count(Registration.Status.CONFIRMED) == 2
    assert sorted(statuses).count(Registration.Status.WAITING) == 4


def test_a_cancellation_racing_registrations_gives_its_place_once(public_event):
    session = make_session(public_event, capacity=1)
    first = registrations.register(UserFactory(), session.pk)
    waiting = [UserFactory() for _ in range(2)]
    for user in waiting:
        registrations.register(user, session.pk)
    newcomers = [UserFactory() for _ in range(3)]
    race(
        [lambda: registrations.cancel(first.pk)]
        + [lambda user=user: registrations.register(user, session.pk) for user in newcomers]
    )
    confirmed = Registration.objects.filter(session=session, status="confirmed")
    assert confirmed.count() == 1
    assert confirmed.get().user == waiting[0]
