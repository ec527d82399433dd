"""Background work of the news: its e-mails (news.subscriptions, news.digests)."""

import datetime
import logging

from django.tasks import task

from . import digests, emails
from .models import NewsSubscription

logger = logging.getLogger(__name__)


@task
def send_subscription_email(subscription_id):
    """The confirmation e-mail to a new address, or "already subscribed" to a confirmed one. A
    failed send is logged and fails the task."""
    subscription = NewsSubscription.objects.filter(pk=subscription_id).first()
    if subscription is None:
        return 0
    if subscription.confirmed:
        message = emails.already_subscribed_message(subscription)
    else:
        message = emails.confirmation_message(subscription)
    try:
        message.send()
    except Exception:
        logger.exception("Could not send the news subscription e-mail to %s", subscription_id)
        raise
    return 1


@task
def send_news_digest(subscription_id, period):
    """One subscriber's digest for one period (an ISO date), once (news.digests)."""
    return digests.send_digest(subscription_id, datetime.date.fromisoformat(period))
