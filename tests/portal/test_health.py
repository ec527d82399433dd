"""/health/ for load balancers: 200 with every check ok, 503 naming (only) what failed."""

from datetime import timedelta

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from workgroups.tasks import send_digests

pytestmark = pytest.mark.postgresql

URL = "/health/"


def test_a_healthy_instance_answers_200_and_is_never_cached(client, db):
    response = client.get(URL)
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "checks": {"database": "ok", "cache": "ok", "search": "ok"},
    }
    assert response["Cache-Control"] == "no-store"
    assert "sessionid" not in response.cookies
    assert client.head(URL).status_code == 200
    assert client.post(URL).status_code == 405


def test_a_broken_cache_answers_503_without_details(client, db, settings, caplog):
    settings.CACHES = {
        **settings.CACHES,
        "default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"},
    }
    response = client.get(URL)
    assert response.status_code == 503
    assert response.json()["checks"] == {"database": "ok", "cache": "fail", "search": "ok"}
    assert "did not return" not in response.content.decode()
    assert "Health check cache failed" in caplog.text


def test_an_unreachable_search_engine_is_reported_but_keeps_the_instance_serving(
    client, db, settings, closed_port
):
    """Every instance shares the search engine: a 503 would take the whole site down."""
    settings.ELASTICSEARCH_URL = f"http://127.0.0.1:{closed_port}"
    response = client.get(URL)
    assert response.status_code == 200
    assert response.json()["checks"]["search"] == "fail"
    assert response.json()["status"] == "degraded"


@pytest.fixture
def database_tasks(settings):
    """Production's task queue: tasks wait in the database for `manage.py db_worker`."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def test_a_task_backlog_is_reported_when_no_worker_runs(client, db, settings, database_tasks):
    settings.TASK_BACKLOG_MAX_SECONDS = 600
    assert client.get(URL).json()["checks"]["tasks"] == "ok"
    result = send_digests.enqueue("daily")  # any task will do; no worker runs it here
    assert client.get(URL).json()["checks"]["tasks"] == "ok"  # fresh: a worker may take it
    DBTaskResult.objects.filter(pk=result.id).update(
        enqueued_at=timezone.now() - timedelta(minutes=11)
    )
    response = client.get(URL)
    assert response.status_code == 200
    assert response.json()["checks"]["tasks"] == "fail"
    assert response.json()["status"] == "degraded"
