"""/health/ for load balancers: 200 with every check ok, 503 naming (only) what failed."""

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


def test_an_unreachable_search_engine_answers_503(client, db, settings, closed_port):
    settings.ELASTICSEARCH_URL = f"http://127.0.0.1:{closed_port}"
    response = client.get(URL)
    assert response.status_code == 503
    assert response.json()["checks"]["search"] == "fail"
    assert response.json()["status"] == "fail"
