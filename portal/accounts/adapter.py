"""allauth's e-mails and messages in the portal's words: they greet from the consortium by
its name, and name people by their own name, never by an internal username."""

from types import SimpleNamespace

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context
from django.conf import settings

from ..models import ConsortiumSettings


def user_display(user):
    """How messages and e-mails name a person: their name, else their e-mail address."""
    return user.get_full_name() or user.email


class AccountAdapter(DefaultAccountAdapter):
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
