"""Each request is logged once, with fields, and without what would identify the reader."""

import logging

import pytest

pytestmark = pytest.mark.django_db


def request_records(caplog):
    return [r for r in caplog.records if r.name == "portal.requests"]


def test_each_request_is_logged_once_with_its_fields(client, demo_site, caplog):
    caplog.set_level(logging.INFO, logger="portal.requests")
    response = client.get("/search/", {"q": "my father has a fever"})
    (record,) = request_records(caplog)
    assert record.method == "GET"
    assert record.path == "/search/"
    assert record.status == 200
    assert record.duration_ms > 0
    assert record.request_id == response["X-Request-ID"]
    # Search terms can be health details: the query string is never logged.
    assert "fever" not in record.getMessage()
    assert "fever" not in str(record.__dict__)
    assert "127.0.0.1" not in str(record.__dict__)


def test_a_proxys_request_id_is_kept_and_a_forged_one_replaced(client, demo_site, caplog):
    caplog.set_level(logging.INFO, logger="portal.requests")
    given = client.get("/health/", HTTP_X_REQUEST_ID="proxy-0123456789abcdef")
    assert given["X-Request-ID"] == "proxy-0123456789abcdef"
    forged = client.get("/health/", HTTP_X_REQUEST_ID="x\nFAKE LOG LINE")
    assert "FAKE" not in forged["X-Request-ID"]
    assert [r.request_id for r in request_records(caplog)] == [
        "proxy-0123456789abcdef",
        forged["X-Request-ID"],
    ]


def test_answers_from_the_page_cache_are_logged_as_such(client, home_page, caplog, page_cache):
    caplog.set_level(logging.INFO, logger="portal.requests")
    client.get(home_page.url)
    client.get(home_page.url)
    assert [r.page_cache for r in request_records(caplog)] == [False, True]
