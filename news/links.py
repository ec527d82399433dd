"""The signed links of the news e-mails: confirming a subscription, and unsubscribing.

A link carries the subscription's id and address, signed with the site's secret key; a
confirmation link expires after CONFIRM_DAYS. Unsubscribing deletes the subscription, so a
later subscription of the same address gets new links and the old ones open nothing."""

import datetime

from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils import translation
from wagtail.models import Site

from .models import NewsSubscription

CONFIRM_SALT = "news.confirm"
UNSUBSCRIBE_SALT = "news.unsubscribe"
CONFIRM_DAYS = 7


def confirm_token(subscription):
    return signing.dumps([subscription.pk, subscription.email], salt=CONFIRM_SALT)


def unsubscribe_token(subscription):
    return signing.dumps([subscription.pk, subscription.email], salt=UNSUBSCRIBE_SALT)


def _read(token, salt, max_age=None):
    try:
        subscription_id, email = signing.loads(token, salt=salt, max_age=max_age)
    except (signing.BadSignature, TypeError, ValueError):
        return None, False
    found = NewsSubscription.objects.filter(pk=subscription_id, email=email).first()
    return found, True


def read_confirm_token(token):
    """(the subscription or None, whether the token is genuine and unexpired)."""
    return _read(token, CONFIRM_SALT, max_age=datetime.timedelta(days=CONFIRM_DAYS))


def read_unsubscribe_token(token):
    """(the subscription or None once unsubscribed, whether the token is genuine)."""
    return _read(token, UNSUBSCRIBE_SALT)


def absolute(path):
    site = Site.objects.filter(is_default_site=True).first()
    return (site.root_url if site else settings.WAGTAILADMIN_BASE_URL) + path


def link(subscription, name, token):
    with translation.override(subscription.language):
        return absolute(reverse(name, args=[token]))


def confirm_url(subscription):
    return link(subscription, "news_confirm", confirm_token(subscription))


def unsubscribe_url(subscription):
    return link(subscription, "news_unsubscribe", unsubscribe_token(subscription))
