"""Subscribing to the news by e-mail: double opt-in, signed links that cannot be forged,
re-subscribing that reveals nothing, the rate limit, one-click unsubscribing (RFC 8058) and
the subscription on the profile page."""

import re
import time

import pytest
from django.core import mail, signing
from django.test import Client

from news import links
from news.models import NewsSubscription

from .conftest import confirmed_subscription

pytestmark = [pytest.mark.django_db, pytest.mark.bare, pytest.mark.postgresql]

SUBSCRIBE = "/news-subscription/"


def link_in(message, kind):
    return re.search(rf"http://[^/\s]+(/(?:\w+/)?news-subscription/{kind}/[^/\s]+/)", message.body)[
        1
    ]


@pytest.fixture
def subscribe(client, django_capture_on_commit_callbacks):
    def post(email="reader@example.net", frequency="weekly", url=SUBSCRIBE):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(url, {"email": email, "frequency": frequency})

    return post


def test_subscribing_sends_a_confirmation_and_nothing_else_until_it_is_confirmed(
    client, subscribe, news_index
):
    assert client.get(SUBSCRIBE).status_code == 200
    response = subscribe(email=" Reader@Example.NET ")
    assert (
        response.status_code == 302
        and response["Location"] == "/news-subscription/check-your-email/"
    )
    assert "Check your e-mail" in client.get(response["Location"]).content.decode()
    subscription = NewsSubscription.objects.get()
    assert subscription.email == "reader@example.net" and not subscription.confirmed
    assert subscription.frequency == "weekly" and subscription.language == "en-us"
    (message,) = mail.outbox
    assert message.to == ["reader@example.net"]
    assert message.subject == "Confirm your subscription to the consortium's news"
    assert "List-Unsubscribe" not in message.extra_headers

    # Opening the link (as a mail system's link checker would) confirms nothing.
    confirm = link_in(message, "confirm")
    page = client.get(confirm)
    assert page.status_code == 200 and "Confirm subscription" in page.content.decode()
    subscription.refresh_from_db()
    assert not subscription.confirmed
    # The button does.
    page = client.post(confirm)
    assert "You are subscribed" in page.content.decode()
    subscription.refresh_from_db()
    assert subscription.confirmed
    assert page["Cache-Control"].startswith("max-age=0") or "no-cache" in page["Cache-Control"]


def test_the_subscription_is_in_the_language_it_was_asked_in(subscribe):
    subscribe(url="/es" + SUBSCRIBE, frequency="daily")
    subscription = NewsSubscription.objects.get()
    assert subscription.language == "es" and subscription.frequency == "daily"
    (message,) = mail.outbox
    assert message.subject == "Confirme su suscripción a las noticias del consorcio"
    assert "/es/news-subscription/confirm/" in message.body


@pytest.mark.parametrize(
    ("data", "error"),
    [
        ({"email": "not an address", "frequency": "weekly"}, "Enter a valid email address."),
        ({"email": "", "frequency": "weekly"}, "This field is required."),
        ({"email": "a@example.net", "frequency": "hourly"}, "Select a valid choice."),
    ],
)
def test_bad_input_is_refused_and_changes_nothing(client, data, error):
    response = client.post(SUBSCRIBE, data)
    assert response.status_code == 200
    assert error in response.content.decode()
    assert not NewsSubscription.objects.exists()
    assert not mail.outbox


def test_subscribing_an_address_already_subscribed_reveals_nothing(client, subscribe):
    subscription = confirmed_subscription(frequency="weekly")
    fresh = subscribe(email="new@example.net")
    again = subscribe(email="reader@example.net", frequency="daily")
    assert again.status_code == fresh.status_code == 302
    assert again["Location"] == fresh["Location"]
    # The owner of the address is told, with a way out; their choices are unchanged.
    told = [m for m in mail.outbox if m.to == ["reader@example.net"]]
    assert [m.subject for m in told] == ["You are already subscribed to the consortium's news"]
    assert link_in(told[0], "unsubscribe")
    subscription.refresh_from_db()
    assert subscription.frequency == "weekly" and subscription.confirmed


def test_asking_again_soon_sends_no_second_e_mail(subscribe):
    subscribe()
    subscribe()
    subscribe(email="READER@example.net")
    assert len(mail.outbox) == 1
    assert NewsSubscription.objects.count() == 1


@pytest.mark.parametrize(
    "tamper",
    [
        lambda token: token[:-2] + ("AA" if not token.endswith("AA") else "BB"),
        lambda token: signing.dumps([1, "reader@example.net"], salt="another.purpose"),
        lambda token: "not-a-token",
    ],
)
def test_a_forged_or_altered_link_opens_nothing(client, tamper):
    subscription = NewsSubscription.objects.create(email="reader@example.net", language="en-us")
    for kind, token in (
        ("confirm", links.confirm_token(subscription)),
        ("unsubscribe", links.unsubscribe_token(subscription)),
    ):
        url = f"{SUBSCRIBE}{kind}/{tamper(token)}/"
        assert client.get(url).status_code == 404
        assert client.post(url).status_code == 404
    subscription.refresh_from_db()
    assert not subscription.confirmed


def test_a_confirmation_link_for_another_address_opens_nothing(client):
    subscription = NewsSubscription.objects.create(email="reader@example.net", language="en-us")
    token = signing.dumps([subscription.pk, "someone@example.net"], salt=links.CONFIRM_SALT)
    assert client.post(f"{SUBSCRIBE}confirm/{token}/").status_code == 404


def test_an_expired_confirmation_link_opens_nothing(client, settings):
    subscription = NewsSubscription.objects.create(email="reader@example.net", language="en-us")
    # A link signed CONFIRM_DAYS and a minute ago: the signer's clock is the one to move.
    signer = signing.TimestampSigner(salt=links.CONFIRM_SALT)
    past = signer.timestamp
    stale = int(time.time()) - links.CONFIRM_DAYS * 86400 - 60
    signer.timestamp = lambda: signing.b62_encode(stale)
    token = signer.sign_object([subscription.pk, subscription.email])
    signer.timestamp = past
    assert client.post(f"{SUBSCRIBE}confirm/{token}/").status_code == 404
    subscription.refresh_from_db()
    assert not subscription.confirmed


def test_one_click_unsubscribe_works_without_login_or_csrf_token():
    subscription = confirmed_subscription()
    url = links.unsubscribe_url(subscription).removeprefix("http://testserver")
    client = Client(enforce_csrf_checks=True)
    page = client.get(url)
    assert page.status_code == 200 and "Unsubscribe" in page.content.decode()
    assert NewsSubscription.objects.exists()
    # What a mail client's Unsubscribe button sends (RFC 8058).
    response = client.post(
        url, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 200
    assert "You are unsubscribed" in response.content.decode()
    assert not NewsSubscription.objects.exists()
    # The link still says so, and changes nothing more.
    assert "You are unsubscribed" in client.post(url).content.decode()


def test_an_old_unsubscribe_link_does_not_touch_a_new_subscription_of_the_address(client):
    old = confirmed_subscription()
    url = links.unsubscribe_url(old).removeprefix("http://testserver")
    old.delete()
    confirmed_subscription()
    client.post(url)
    assert NewsSubscription.objects.count() == 1


def test_the_subscribe_form_is_rate_limited(client, settings, fresh_cache):
    settings.NEWS_SUBSCRIBE_RATE_LIMIT = "3/h"
    for n in range(3):
        assert (
            client.post(
                SUBSCRIBE, {"email": f"r{n}@example.net", "frequency": "weekly"}
            ).status_code
            == 302
        )
    response = client.post(SUBSCRIBE, {"email": "r9@example.net", "frequency": "weekly"})
    assert response.status_code == 429
    assert not NewsSubscription.objects.filter(email="r9@example.net").exists()
    assert client.get(SUBSCRIBE).status_code == 200  # reading the form is not limited


def test_the_profile_page_shows_the_user_s_subscription(client, people):
    member = people["member"]
    client.force_login(member)
    html = client.get("/accounts/profile/").content.decode()
    assert "You do not receive the consortium's news by e-mail." in html
    subscription = confirmed_subscription(email=member.email)
    html = client.get("/accounts/profile/").content.decode()
    assert f"You receive the consortium's news at {member.email} (Weekly digest)." in html
    token = re.search(r'href="[^"]*/news-subscription/unsubscribe/([^/"]+)/"', html)[1]
    assert links.read_unsubscribe_token(token) == (subscription, True)
    # Someone else's subscription is not theirs.
    client.force_login(people["outsider"])
    assert member.email not in client.get("/accounts/profile/").content.decode()


def test_a_logged_in_person_finds_their_address_filled_in(client, people):
    client.force_login(people["outsider"])
    assert f'value="{people["outsider"].email}"' in client.get(SUBSCRIBE).content.decode()


def test_the_subscriptions_page_changes_and_stops_the_news_in_one_click(client, people):
    member, outsider = people["member"], people["outsider"]
    client.force_login(member)
    page = "/accounts/subscriptions/"
    assert "The News page has a form to ask for it." in client.get(page).content.decode()
    subscription = confirmed_subscription(email=member.email)
    html = client.get(page).content.decode()
    assert f"News by e-mail to {member.email}" in html and "Weekly digest" in html

    def choose(user_client, value, key=subscription.pk):
        return user_client.post(page, {"provider": "news", "key": str(key), "value": value})

    assert choose(client, "daily").status_code == 302
    subscription.refresh_from_db()
    assert subscription.frequency == "daily"
    # Bad input, and someone else's subscription, change nothing.
    assert choose(client, "hourly").status_code == 400
    other = Client()
    other.force_login(outsider)
    assert choose(other, "stop").status_code == 400
    subscription.refresh_from_db()
    assert subscription.frequency == "daily"

    assert choose(client, "stop").status_code == 302
    assert not NewsSubscription.objects.filter(pk=subscription.pk).exists()
