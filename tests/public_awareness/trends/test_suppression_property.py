"""Property: whatever a release holds, no count from 1 to the threshold ever leaves the portal.

A count is suppressed with everything it could be worked out from: a small numerator, a small
denominator, or a small difference between them (the patients who did *not* get the care) blanks
the value, numerator and denominator together. Checked where the data leave: the database rows
the page reads, the page's data table, the CSV and the JSON.
"""

import csv

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.db import transaction
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from public_awareness.trends.models import Observation

from .helpers import import_rows, make_indicator, trend_page, weeks

pytestmark = pytest.mark.django_db

counts = st.integers(min_value=0, max_value=60)


@st.composite
def proportions(draw):
    denominator = draw(st.integers(min_value=1, max_value=80))
    return draw(st.integers(min_value=0, max_value=denominator)), denominator


def small(number, threshold):
    return number is not None and 1 <= number <= threshold


def exported_numbers(client, page, code):
    """Every number the page's table, the CSV and the JSON show for the indicator's counts."""
    numbers = []
    data = client.get(f"{page.url}data/{code}/json/").json()
    for row in data["observations"]:
        numbers.append((row["value"], row["numerator"], row["denominator"]))
    text = client.get(f"{page.url}data/{code}/csv/").content.decode()
    for row in csv.DictReader(line for line in text.splitlines() if not line.startswith("#")):
        numbers.append(
            tuple(float(row[k]) if row[k] else None for k in ("value", "numerator", "denominator"))
        )
    soup = BeautifulSoup(client.get(page.url).content, "html.parser")
    for row in soup.select(".portal-trend__table tbody tr"):
        cell = row.find("td").text.strip().rstrip("%").replace(",", "")
        numbers.append((float(cell) if cell.replace(".", "").isdigit() else None, None, None))
    return numbers


@hypothesis_settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(values=st.lists(counts, min_size=1, max_size=20))
def test_no_small_count_leaves_for_a_count_indicator(client, home_page, values):
    threshold = settings.PORTAL_SUPPRESSION_THRESHOLD
    with transaction.atomic():
        deaths = make_indicator("PROP_DEATHS", unit="count", direction="lower_is_better")
        import_rows(
            [
                {"indicator": deaths.code, "geography": "MA", "start": s, "end": e, "value": v}
                for (s, e), v in zip(weeks(len(values)), values, strict=True)
            ]
        )
        page = trend_page(home_page, (deaths, "", True))
        stored = Observation.objects.filter(indicator=deaths).values_list("value", flat=True)
        assert not any(small(v, threshold) for v in stored)
        for value, _numerator, _denominator in exported_numbers(client, page, deaths.code):
            assert not small(value, threshold)
        transaction.set_rollback(True)


@hypothesis_settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(pairs=st.lists(proportions(), min_size=1, max_size=20))
def test_no_small_count_can_be_derived_from_a_proportion(client, home_page, pairs):
    threshold = settings.PORTAL_SUPPRESSION_THRESHOLD
    with transaction.atomic():
        rate = make_indicator("PROP_RATE")
        import_rows(
            [
                {
                    "indicator": rate.code,
                    "geography": "MA",
                    "start": s,
                    "end": e,
                    "numerator": n,
                    "denominator": d,
                    "value": round(100 * n / d, 2),
                }
                for (s, e), (n, d) in zip(weeks(len(pairs)), pairs, strict=True)
            ]
        )
        page = trend_page(home_page, (rate, "", True))
        for observation in Observation.objects.filter(indicator=rate):
            n, d = observation.numerator, observation.denominator
            assert not small(n, threshold) and not small(d, threshold)
            if n is not None and d is not None:
                assert not small(d - n, threshold)
            if observation.suppressed:
                assert (observation.value, n, d) == (None, None, None)
        for _value, n, d in exported_numbers(client, page, rate.code):
            assert not small(n, threshold) and not small(d, threshold)
            if n is not None and d is not None:
                assert not small(d - n, threshold)
            if n is None and d is not None:
                pytest.fail("a denominator was shown without its numerator")
        original = {(s, e): (n, d) for (s, e), (n, d) in zip(weeks(len(pairs)), pairs, strict=True)}
        for observation in Observation.objects.filter(indicator=rate, suppressed=False):
            n, d = original[(observation.period_start, observation.period_end)]
            hidden = small(n, threshold) or small(d, threshold) or small(d - n, threshold)
            assert not hidden
        transaction.set_rollback(True)
