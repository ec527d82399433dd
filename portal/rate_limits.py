"""Rate limits on the search endpoints, through django-ratelimit.

Login, signup and password reset are limited by allauth (ACCOUNT_RATE_LIMITS in settings).
Both count in the default cache, identify the client the same way (allauth's reading of
X-Forwarded-For with TRUSTED_PROXY_COUNT), and answer with the same 429 page
(portal.views.too_many_requests).
"""

from allauth.core.internal.httpkit import get_client_ip
from django.conf import settings


def client_ip(request):
    """The visitor's address as allauth sees it, so every limit counts the same client."""
    return get_client_ip(request) or request.META.get("REMOTE_ADDR", "")


def search_rate(group, request):
    return settings.SEARCH_RATE_LIMIT or None


def suggest_rate(group, request):
    return settings.SEARCH_SUGGEST_RATE_LIMIT or None
