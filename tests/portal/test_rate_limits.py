"""Login, signup, password reset and search are rate-limited per client, and over the limit
answer 429 with a page that says what to do, never cached."""

import pytest

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def assert_helpful_429(response):
    assert response.status_code == 429
    assert response["Retry-After"] == "60"
    assert "private" in response["Cache-Control"]
    assert "no-store" in response["Cache-Control"]
    html = response.content.decode()
    assert "Too many requests" in html
    assert "wait a minute" in html
    # The emergency advice is on this page too: nobody is held up by a limit.
    assert 'href="tel:911"' in html


def test_search_over_the_limit_answers_429_for_that_client_only(client, settings, demo_site):
    settings.SEARCH_RATE_LIMIT = "3/m"
    for _ in range(3):
        assert client.get("/search/", {"q": "sepsis"}).status_code == 200
    assert_helpful_429(client.get("/search/", {"q": "sepsis"}))
    other = client.get("/search/", {"q": "sepsis"}, REMOTE_ADDR="10.1.2.3")
    assert other.status_code == 200


def test_search_suggestions_have_their_own_limit(client, settings, demo_site):
    settings.SEARCH_SUGGEST_RATE_LIMIT = "2/m"
    for _ in range(2):
        assert client.get("/search/suggest/", {"q": "seps"}).status_code == 200
    assert client.get("/search/suggest/", {"q": "seps"}).status_code == 429
    # Searching itself is counted apart.
    assert client.get("/search/", {"q": "sepsis"}).status_code == 200


def test_the_429_page_speaks_the_visitors_language(client, settings, demo_site):
    settings.SEARCH_RATE_LIMIT = "1/m"
    client.get("/es/search/", {"q": "sepsis"})
    response = client.get("/es/search/", {"q": "sepsis"})
    assert response.status_code == 429
    assert '<html lang="es"' in response.content.decode()
    assert "Demasiadas solicitudes" in response.content.decode()


def test_login_over_the_limit_answers_429(client, settings, demo_site):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "login": "2/m/ip"}
    user = UserFactory()
    for _ in range(2):
        response = client.post("/accounts/login/", {"login": user.email, "password": "wrong-1"})
        assert response.status_code == 200
    response = client.post("/accounts/login/", {"login": user.email, "password": "wrong-1"})
    assert_helpful_429(response)


def test_signup_over_the_limit_answers_429_and_creates_no_account(client, settings, demo_site):
    from django.contrib.auth import get_user_model

    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "signup": "1/m/ip"}
    # An invalid form still counts: the limit is on attempts.
    client.post("/accounts/signup/", {"email": "not-an-address"})
    response = client.post(
        "/accounts/signup/",
        {
            "email": "new.person@example.org",
            "password1": "a long enough passphrase",
            "password2": "a long enough passphrase",
        },
    )
    assert_helpful_429(response)
    assert not get_user_model().objects.filter(email="new.person@example.org").exists()


def test_password_reset_over_the_limit_answers_429_and_sends_nothing(
    client, settings, demo_site, mailoutbox
):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "reset_password": "1/m/ip"}
    user = UserFactory()
    client.post("/accounts/password/reset/", {"email": user.email})
    sent = len(mailoutbox)
    response = client.post("/accounts/password/reset/", {"email": user.email})
    assert_helpful_429(response)
    assert len(mailoutbox) == sent


def test_behind_a_proxy_each_visitor_is_counted_apart(client, settings, demo_site):
    """With ALLAUTH_TRUSTED_PROXY_COUNT=1 the address the proxy saw counts, not the proxy's own."""
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    settings.SEARCH_RATE_LIMIT = "1/m"
    proxy = {"REMOTE_ADDR": "10.0.0.1"}
    first = client.get("/search/", {"q": "sepsis"}, HTTP_X_FORWARDED_FOR="203.0.113.5", **proxy)
    assert first.status_code == 200
    second = client.get("/search/", {"q": "sepsis"}, HTTP_X_FORWARDED_FOR="203.0.113.6", **proxy)
    assert second.status_code == 200
    again = client.get("/search/", {"q": "sepsis"}, HTTP_X_FORWARDED_FOR="203.0.113.5", **proxy)
    assert again.status_code == 429
