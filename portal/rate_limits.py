"""Rate limits on the search endpoints and the news subscription form, through django-ratelimit.

Login, signup and password reset are limited by allauth (ACCOUNT_RATE_LIMITS in settings).
Both count in the default cache, identify the client the same way (allauth's reading of
X-Forwarded-For with TRUSTED_PROXY_COUNT), and answer with the same 429 page
(portal.views.too_many_requests).
"""

from allauth.account.adapter import get_adapter
from django.conf import settings
from django.core.exceptions import PermissionDenied


def client_ip(request):
    """The visitor's address as allauth sees it (its account adapter's public reading), so every
    limit counts the same client."""
    try:
        return get_adapter(request).get_client_ip(request)
    except PermissionDenied:  # allauth found no address it trusts
        return request.META.get("REMOTE_ADDR", "")


def search_rate(group, request):
    return settings.SEARCH_RATE_LIMIT or None


def suggest_rate(group, request):
    return settings.SEARCH_SUGGEST_RATE_LIMIT or None


def news_subscribe_rate(group, request):
    return settings.NEWS_SUBSCRIBE_RATE_LIMIT or None
