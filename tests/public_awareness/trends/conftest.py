import pytest

from public_awareness.trends.models import DataRelease, Footnote, Indicator, Observation, Phase


@pytest.fixture
def no_trend_data(db):
    """Start from no indicators or data: the demo's are in the test database, and these tests
    count what an import writes (the test's transaction brings the demo's back)."""
    Observation.objects.all().delete()
    DataRelease.objects.all().delete()
    Phase.objects.all().delete()
    Footnote.objects.all().delete()
    Indicator.objects.all().delete()
