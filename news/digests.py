"""The e-mail digest of the news: weekly by default, or daily.

`manage.py send_news_digests` (run daily by the scheduler) only enqueues one task per
subscriber whose period (the week, from Monday; or the day) has no digest yet. Each task sends
one digest: the public news in the subscriber's language since their last digest (or since they
confirmed). The NewsDigest row (one per subscriber and period, a unique constraint) is written
in the same transaction as the send: a second run, or a second task at once, finds it and
sends nothing; a failed send (the mail server refuses or is down) rolls the row back, is logged
and fails the task, and the next run sends it. A period with no news sends nothing.
"""

import datetime
import logging

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

from . import emails, listing
from .models import NewsDigest, NewsSubscription

logger = logging.getLogger(__name__)

MAX_ITEMS = 50


def period_of(frequency, day):
    if frequency == NewsSubscription.Frequency.DAILY:
        return day
    return day - datetime.timedelta(days=day.weekday())


def due(now=None):
    """Confirmed subscriptions with no digest yet for their current period: [(id, period)]."""
    today = timezone.localdate(now or timezone.now())
    found = []
    subscriptions = NewsSubscription.objects.filter(confirmed_at__isnull=False).order_by("pk")
    sent = set(
        NewsDigest.objects.filter(period__gte=period_of("weekly", today)).values_list(
            "subscription_id", "period"
        )
    )
    for subscription_id, frequency in subscriptions.values_list("pk", "frequency"):
        period = period_of(frequency, today)
        if (subscription_id, period) not in sent:
            found.append((subscription_id, period))
    return found


def send_digest(subscription_id, period, now=None):
    """1 if this subscriber's digest for the period was sent now, else 0."""
    now = now or timezone.now()
    try:
        with transaction.atomic():
            subscription = (
                NewsSubscription.objects.select_for_update()
                .filter(pk=subscription_id, confirmed_at__isnull=False)
                .first()
            )
            if subscription is None or subscription.digests.filter(period=period).exists():
                return 0
            since = (
                subscription.digests.aggregate(last=Max("covered_until"))["last"]
                or subscription.confirmed_at
            )
            items = listing.public_items(subscription.language, since=since, until=now)
            items = list(reversed(items[:MAX_ITEMS]))  # the oldest first, as they happened
            if not items:
                return 0
            NewsDigest.objects.create(
                subscription=subscription,
                period=period,
                covered_until=now,
                items=[{"key": i.key, "title": i.title, "url": i.url} for i in items],
            )
            emails.digest_message(subscription, items).send()
    except IntegrityError:
        return 0  # another run recorded this period's digest first
    except Exception:
        logger.exception("Could not send the news digest to subscription %s", subscription_id)
        raise
    return 1
