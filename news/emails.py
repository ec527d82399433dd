"""The news e-mails: confirming a subscription, "already subscribed", and the digest. Each is
written in the subscriber's language, and each sent to a subscriber carries its one-click
unsubscribe link in the text and in the List-Unsubscribe headers (RFC 8058)."""

from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from . import links


def _message(subscription, subject, template, context, unsubscribe=True):
    context = {"subscription": subscription, **context}
    headers = {}
    if unsubscribe:
        context["unsubscribe_url"] = url = links.unsubscribe_url(subscription)
        headers = {
            "List-Unsubscribe": f"<{url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        }
    with translation.override(subscription.language):
        message = EmailMultiAlternatives(
            subject=str(subject),
            body=render_to_string(f"news/email/{template}.txt", context),
            to=[subscription.email],
            headers=headers,
        )
        message.attach_alternative(
            render_to_string(f"news/email/{template}.html", context), "text/html"
        )
    return message


def confirmation_message(subscription):
    with translation.override(subscription.language):
        subject = _("Confirm your subscription to the consortium's news")
    return _message(
        subscription,
        subject,
        "confirm",
        {"confirm_url": links.confirm_url(subscription), "days": links.CONFIRM_DAYS},
        unsubscribe=False,
    )


def already_subscribed_message(subscription):
    with translation.override(subscription.language):
        subject = _("You are already subscribed to the consortium's news")
    return _message(subscription, subject, "already_subscribed", {})


def digest_message(subscription, items):
    with translation.override(subscription.language):
        subject = _("The consortium's news")
    return _message(subscription, subject, "digest", {"items": items})
