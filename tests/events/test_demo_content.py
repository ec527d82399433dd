"""The demonstration events: the monthly learning session with past sessions and their
materials and an upcoming one, and a public "working together" day translated into Spanish."""

import pytest
from django.utils import timezone
from wagtail.models import Locale

from events.models import Audience, EventPage, EventSeriesPage

pytestmark = pytest.mark.django_db


def test_the_demo_has_a_learning_session_series_with_past_materials_and_an_upcoming_session():
    series = EventSeriesPage.objects.get(slug="monthly-learning-session")
    assert series.audience == Audience.MEMBERS
    past = list(series.past_sessions())
    assert len(past) >= 3
    assert all(session.materials and session.toolkits for session in past[:2])
    upcoming = series.upcoming_sessions().first()
    assert upcoming.starts_at > timezone.now() and upcoming.joining_link


def test_the_demo_has_a_public_working_together_day_in_spanish_too(client):
    event = EventPage.objects.get(
        slug="working-together-sepsis-guidance", locale__language_code="en-us"
    )
    assert event.audience == Audience.PUBLIC and event.upcoming_sessions().exists()
    spanish = event.get_translation(Locale.objects.get(language_code="es"))
    response = client.get(spanish.url)
    assert response.status_code == 200
    assert "Trabajar juntos" in response.content.decode()
    # The translation shows the same session, for one list of registrations.
    assert list(spanish.specific.event_sessions) == list(event.event_sessions)
