"""The news digest: what it holds (public news in the subscriber's language, never
members-only), once a period however often it runs, nothing before confirmation, and a failed
send logged and sent by the next run."""

import datetime
from io import StringIO

import pytest
from django.core import mail
from django.core.mail import EmailMultiAlternatives
from django.core.management import call_command
from django.utils import timezone

from news import digests
from news.models import NewsDigest, NewsSubscription

from .conftest import confirmed_subscription, make_item, translate

pytestmark = [pytest.mark.django_db, pytest.mark.bare, pytest.mark.postgresql]


def week_ago():
    return timezone.now() - datetime.timedelta(days=7)


def test_the_digest_lists_public_news_since_confirmation_and_records_it(news_index, items):
    subscription = confirmed_subscription(confirmed_at=week_ago())
    make_item(news_index, "Too old", days_ago=30)
    call_command("send_news_digests", stdout=StringIO())
    (message,) = mail.outbox
    assert message.to == [subscription.email]
    assert message.subject == "The consortium's news"
    assert "Panel named" in message.body and items["public"].full_url in message.body
    assert "Preliminary results" not in message.body
    assert "Preliminary results" not in message.alternatives[0].content
    assert "Too old" not in message.body
    # RFC 8058: a one-click unsubscribe link in the headers and the text.
    url = message.extra_headers["List-Unsubscribe"].strip("<>")
    assert url in message.body and "/news-subscription/unsubscribe/" in url
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    (digest,) = NewsDigest.objects.all()
    assert [item["title"] for item in digest.items] == ["Panel named"]
    assert digest.period == digests.period_of("weekly", timezone.localdate())


def test_running_twice_in_a_week_sends_nothing_twice(news_index, items):
    confirmed_subscription(confirmed_at=week_ago())
    call_command("send_news_digests", stdout=StringIO())
    make_item(news_index, "Later the same week")
    out = StringIO()
    call_command("send_news_digests", stdout=out)
    assert len(mail.outbox) == 1 and NewsDigest.objects.count() == 1
    assert "Queued 0 news digests." in out.getvalue()
    # The task itself, run again for the same period, sends nothing either.
    subscription = NewsSubscription.objects.get()
    period = digests.period_of("weekly", timezone.localdate())
    assert digests.send_digest(subscription.pk, period) == 0


def test_next_period_s_digest_holds_only_what_is_new(news_index, items):
    subscription = confirmed_subscription(confirmed_at=week_ago(), frequency="daily")
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    assert digests.send_digest(subscription.pk, yesterday) == 1
    make_item(news_index, "Fresh news")
    assert digests.send_digest(subscription.pk, timezone.localdate()) == 1
    assert [item["title"] for item in NewsDigest.objects.first().items] == ["Fresh news"]


def test_unconfirmed_addresses_get_no_digest(items):
    NewsSubscription.objects.create(email="pending@example.net", language="en-us")
    call_command("send_news_digests", stdout=StringIO())
    assert not mail.outbox and not NewsDigest.objects.exists()


def test_a_period_without_news_sends_and_records_nothing(news_index):
    confirmed_subscription()
    call_command("send_news_digests", stdout=StringIO())
    assert not mail.outbox and not NewsDigest.objects.exists()


def test_a_subscriber_reads_the_digest_in_their_language(home_page, news_index):
    english = make_item(news_index, "Monthly sessions")
    make_item(news_index, "Only in English")
    translate(home_page, "es")
    translate(news_index, "es", title="Noticias")
    translate(english, "es", title="Sesiones mensuales")
    confirmed_subscription(language="es", confirmed_at=week_ago())
    call_command("send_news_digests", stdout=StringIO())
    (message,) = mail.outbox
    assert message.subject == "Las noticias del consorcio"
    (digest,) = NewsDigest.objects.all()
    assert {item["title"] for item in digest.items} == {"Sesiones mensuales", "Only in English"}
    assert "Sesiones mensuales" in message.body and "Only in English" in message.body


def test_a_failed_send_is_logged_recorded_as_nothing_and_sent_next_run(items, monkeypatch, caplog):
    confirmed_subscription(confirmed_at=week_ago())
    real_send = EmailMultiAlternatives.send

    def bounce(self, *args, **kwargs):
        raise ConnectionRefusedError("550 mailbox unavailable")

    monkeypatch.setattr(EmailMultiAlternatives, "send", bounce)
    call_command("send_news_digests", stdout=StringIO())
    assert "Could not send the news digest" in caplog.text
    assert not NewsDigest.objects.exists()

    monkeypatch.setattr(EmailMultiAlternatives, "send", real_send)
    call_command("send_news_digests", stdout=StringIO())
    assert len(mail.outbox) == 1 and NewsDigest.objects.count() == 1


def test_weekly_periods_start_on_monday_and_daily_ones_each_day():
    wednesday = datetime.date(2026, 12, 9)
    assert digests.period_of("weekly", wednesday) == datetime.date(2026, 12, 7)
    assert digests.period_of("daily", wednesday) == wednesday
