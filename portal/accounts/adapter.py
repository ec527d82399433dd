"""allauth's e-mails and messages in the portal's words: they greet from the consortium by
its name, and name people by their own name, never by an internal username."""

from types import SimpleNamespace

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context
from django.conf import settings

from ..models import ConsortiumSettings

# Addresses this session proved by opening a link that was e-mailed to them (a work group's
# invitation). Signing up with one of them needs no confirmation e-mail. (allauth's own stash
# would add the stashed address to whatever address the person signs up with.)
PROVED_ADDRESSES_SESSION_KEY = "portal_proved_email_addresses"


def remember_proved_address(request, email):
    proved = request.session.get(PROVED_ADDRESSES_SESSION_KEY, [])
    if email.lower() not in proved:
        request.session[PROVED_ADDRESSES_SESSION_KEY] = [*proved, email.lower()]


def user_display(user):
    """How messages and e-mails name a person: their name, else their e-mail address."""
    return user.get_full_name() or user.email


class AccountAdapter(DefaultAccountAdapter):
    def is_email_verified(self, request, email):
        proved = request.session.get(PROVED_ADDRESSES_SESSION_KEY, []) if request else []
        return super().is_email_verified(request, email) or email.lower() in proved

    def send_mail(self, template_prefix, email, mail_context):
        # allauth names the site by the request's host ("Hello from 127.0.0.1:8000!"): the
        # consortium's name reads better, with the address people know it by.
        request = context.request
        name = ConsortiumSettings.for_request(request).consortium_name if request else ""
        site = SimpleNamespace(
            name=name or settings.WAGTAIL_SITE_NAME,
            domain=request.get_host() if request else "",
        )
        super().send_mail(template_prefix, email, {"current_site": site, **mail_context})
