"""Dates read as each of the consortium's languages writes them (issue: "octubre 1, 2026")."""

import datetime
from types import SimpleNamespace

import pytest
from django.template.loader import render_to_string
from django.utils import translation


@pytest.mark.parametrize(
    "language, reviewed, due",
    [
        ("en-us", "October 1, 2026", "April 1, 2027"),
        ("es", "1 de octubre de 2026", "1 de abril de 2027"),
        ("pt", "1 de Outubro de 2026", "1 de Abril de 2027"),
    ],
)
def test_review_dates_are_written_as_the_language_writes_them(language, reviewed, due):
    page = SimpleNamespace(
        last_reviewed=datetime.date(2026, 10, 1), next_review_due=datetime.date(2027, 4, 1)
    )
    with translation.override(language):
        html = render_to_string("includes/review_dates.html", {"page": page})
    assert f">{reviewed}</time>" in html
    assert f">{due}</time>" in html
