"""Subscribing to the news by e-mail: double opt-in, signed links, one-click unsubscribe.

Asking to subscribe never says whether the address was already subscribed: the answer is the
same page either way. A new or unconfirmed address gets the confirmation e-mail; a confirmed
one gets a note that it is already subscribed (with its unsubscribe link), so its owner learns
of the attempt and nobody else does. Either e-mail goes at most once every
RESEND_MINUTES to an address, however often the form is sent.
"""

import datetime
from functools import partial

from django.db import transaction
from django.utils import timezone

from .models import NewsSubscription
from .tasks import send_subscription_email

RESEND_MINUTES = 10


def normalize(email):
    return email.strip().lower()


def request_subscription(email, language, frequency, now=None):
    """Record the request and queue the e-mail it calls for (after the commit)."""
    now = now or timezone.now()
    with transaction.atomic():
        subscription, created = NewsSubscription.objects.select_for_update().get_or_create(
            email=normalize(email), defaults={"language": language, "frequency": frequency}
        )
        if not created and not subscription.confirmed:
            # Still unconfirmed: the latest request's choices hold once it is confirmed.
            subscription.language, subscription.frequency = language, frequency
        recently = subscription.confirmation_sent_at and (
            now - subscription.confirmation_sent_at < datetime.timedelta(minutes=RESEND_MINUTES)
        )
        if recently:
            subscription.save()
            return
        subscription.confirmation_sent_at = now
        subscription.save()
        transaction.on_commit(
            partial(send_subscription_email.enqueue, subscription.pk), robust=True
        )


def confirm(subscription, now=None):
    if not subscription.confirmed:
        subscription.confirmed_at = now or timezone.now()
        subscription.save(update_fields=["confirmed_at"])


def unsubscribe(subscription):
    """Forget the address and what it was sent."""
    subscription.delete()


def for_user(user):
    """The confirmed subscription of one of the user's verified addresses, or None."""
    if not user.is_authenticated:
        return None
    addresses = [normalize(a.email) for a in user.emailaddress_set.filter(verified=True)]
    return (
        NewsSubscription.objects.filter(email__in=addresses, confirmed_at__isnull=False)
        .order_by("pk")
        .first()
    )
