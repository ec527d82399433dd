"""Journey: a visitor without an account subscribes to the news from the news page; the
confirmation e-mail's link opens a page where one button confirms (nothing is sent before);
the next digest carries the news published since, and its link unsubscribes in one click."""

import re
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from playwright.sync_api import expect

from tests.e2e.journey import link_path

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("committed_demo"),
]

READER = "casey.reader@example.net"
NEWS_TITLE = "Registration opens for the spring learning session"


def publish_news():
    from news.models import NewsIndexPage, NewsItemPage

    index = NewsIndexPage.objects.get(locale__language_code="en-us")
    item = NewsItemPage(
        title=NEWS_TITLE,
        slug="spring-learning-session",
        kind="event",
        summary="Teams from every member hospital are welcome to present a change they tested.",
    )
    index.add_child(instance=item)
    item.save_revision().publish()


def test_a_visitor_subscribes_confirms_and_unsubscribes_in_one_click(journey):
    visitor = journey.page()
    journey.visit(visitor, "/news/")
    expect(visitor.locator('link[rel="alternate"][type="application/atom+xml"]')).to_have_attribute(
        "href", "/news/feed/"
    )
    visitor.get_by_role("link", name="Get the news by e-mail").click()
    journey.arrive(visitor, "/news-subscription/")
    mail.outbox.clear()
    visitor.get_by_label("E-mail address").fill(READER)
    visitor.get_by_label("How often").select_option("weekly")
    visitor.get_by_role("button", name="Subscribe").click()
    journey.arrive(visitor, "/news-subscription/check-your-email/")
    expect(visitor.get_by_role("heading", level=1)).to_have_text("Check your e-mail")

    # One e-mail: the confirmation. Its link asks before it confirms.
    (message,) = mail.outbox
    assert message.to == [READER]
    confirm = link_path(message, r"/news-subscription/confirm/")
    visitor.goto(journey.url(confirm))
    journey.check(visitor, "the confirmation page")
    visitor.get_by_role("button", name="Confirm subscription").click()
    journey.arrive(visitor, re.compile(re.escape(confirm)))
    expect(visitor.get_by_role("status")).to_contain_text(
        f"The consortium's news will be e-mailed to {READER}."
    )

    # News is published; the weekly digest brings it.
    publish_news()
    mail.outbox.clear()
    call_command("send_news_digests", stdout=StringIO())
    (digest,) = mail.outbox
    assert NEWS_TITLE in digest.body
    unsubscribe = link_path(digest, r"/news-subscription/unsubscribe/")
    assert digest.extra_headers["List-Unsubscribe"].endswith(f"{unsubscribe}>")

    # The e-mail's link: one button unsubscribes.
    visitor.goto(journey.url(unsubscribe))
    journey.check(visitor, "the unsubscribe page")
    visitor.get_by_role("button", name="Unsubscribe").click()
    journey.arrive(visitor, re.compile(re.escape(unsubscribe)))
    expect(visitor.get_by_role("status")).to_contain_text("You are unsubscribed.")

    # Nothing more is sent.
    mail.outbox.clear()
    call_command("send_news_digests", stdout=StringIO())
    assert not mail.outbox
