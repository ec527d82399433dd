"""What visitors get when a part the portal depends on fails: the claims of docs/production.md
("When a part fails"). The caches have their own file (test_cache_failure.py)."""

import time

import pytest
from django.db import OperationalError, connection
from django.test import Client
from wagtail.documents import get_document_model
from wagtail.models import Locale

from public_awareness.models import SymptomGuidePage

pytestmark = pytest.mark.django_db


@pytest.fixture
def guide(demo_site):
    return SymptomGuidePage.objects.get(locale=Locale.get_default())


def database_down(execute, sql, params, many, context):
    raise OperationalError("could not connect to server: Connection refused")


# The database


def test_without_the_database_cached_public_pages_are_still_served(page_cache, guide):
    visitor = Client(raise_request_exception=False)
    assert visitor.get(guide.url).status_code == 200  # now in the page cache
    with connection.execute_wrapper(database_down):
        again = visitor.get(guide.url)
        other = visitor.get("/toolkits/")
    assert again.status_code == 200
    assert guide.title in again.content.decode()
    # A page not in the page cache answers the error page, which still gives the advice.
    assert other.status_code == 500
    assert "call 911" in other.content.decode()


def test_without_the_database_health_answers_503(client):
    with connection.execute_wrapper(database_down):
        response = client.get("/health/")
    assert response.status_code == 503
    assert response.json()["status"] == "fail"
    assert response.json()["checks"]["database"] == "fail"


# The search engine


def test_without_the_search_engine_search_says_so_and_pages_are_served(
    settings, closed_port, guide
):
    settings.ELASTICSEARCH_URL = f"http://127.0.0.1:{closed_port}"
    visitor = Client()
    response = visitor.get("/search/", {"q": "sepsis"})
    assert response.status_code == 200
    assert "Search is not working right now" in response.content.decode()
    suggestions = visitor.get("/search/suggest/", {"q": "seps"})
    assert suggestions.status_code == 200
    assert suggestions.json() == {"suggestions": []}
    assert visitor.get(guide.url).status_code == 200


# Object storage


@pytest.fixture
def storage_down(settings, closed_port):
    """Uploads in an S3-compatible bucket that cannot be reached."""
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": "portal-media",
                "endpoint_url": f"http://127.0.0.1:{closed_port}",
                "access_key": "portal",
                "secret_key": "not-a-secret",
                "region_name": "us-east-1",
            },
        },
    }


def test_without_object_storage_pages_are_served_and_downloads_fail_clearly(storage_down, guide):
    visitor = Client(raise_request_exception=False)
    for url in ("/", guide.url, "/toolkits/"):
        assert visitor.get(url).status_code == 200, url
    document = get_document_model().objects.filter(collection__name="Toolkit files").first()
    started = time.monotonic()
    response = visitor.get(document.url)
    assert response.status_code == 500
    assert "call 911" in response.content.decode()
    assert time.monotonic() - started < 30
