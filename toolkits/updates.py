"""Telling people about new toolkit versions: subscriptions, the e-mail, one-click unsubscribe.

Who hears: every active user with an active subscription to the toolkit. People subscribe by
choice only (the toolkit page, their account's subscriptions page); a download offers it once,
in a message, to a logged-in user who has never chosen either way. Unsubscribing keeps the
row switched off, so that the offer is not made again.

Exactly once: each e-mail is sent inside the transaction that creates its VersionNotice row
(unique per version and user). A second run of the task, or two at once, finds the row and
sends nothing; a failed send rolls the row back so that a retry sends it.
"""

import logging

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.html import format_html
from django.utils.translation import gettext as _

from . import change_logs
from .models import ToolkitSubscription, ToolkitVersion, VersionNotice

logger = logging.getLogger(__name__)

_SALT = "toolkits.unsubscribe"


def subscribe(user, toolkit):
    ToolkitSubscription.objects.update_or_create(
        user=user,
        toolkit=toolkit,
        defaults={"active": True, "source": ToolkitSubscription.Source.CHOICE},
    )


def unsubscribe(user, toolkit):
    ToolkitSubscription.objects.update_or_create(
        user=user, toolkit=toolkit, defaults={"active": False}
    )


def active_subscription(user, toolkit):
    """The user's subscription to the toolkit's updates while it is on, else None."""
    if not user.is_authenticated:
        return None
    return ToolkitSubscription.objects.filter(user=user, toolkit=toolkit, active=True).first()


def is_subscribed(user, toolkit):
    return active_subscription(user, toolkit) is not None


def offer_after_download(request, toolkit):
    """After a logged-in user's download: offer update e-mails in a message on their next page,
    unless they already chose either way."""
    user = request.user
    if not user.is_authenticated or toolkit is None:
        return
    if ToolkitSubscription.objects.filter(user=user, toolkit=toolkit).exists():
        return
    url = toolkit.specific.get_url(request)
    if url is None:
        return
    messages.info(
        request,
        format_html(
            _(
                "Do you want an e-mail when a new version of {title} is published? "
                '<a class="usa-link" href="{url}">Choose on the toolkit page</a>.'
            ),
            title=toolkit.title,
            url=f"{url}#updates",
        ),
    )


def unsubscribe_token(user, toolkit):
    return signing.dumps([user.pk, toolkit.pk], salt=_SALT, compress=True)


def read_unsubscribe_token(token):
    """The (user, toolkit subscription) a token names, or None when it is forged or stale."""
    try:
        user_id, toolkit_id = signing.loads(token, salt=_SALT)
    except (signing.BadSignature, TypeError, ValueError):
        return None
    return (
        ToolkitSubscription.objects.select_related("user", "toolkit")
        .filter(user_id=user_id, toolkit_id=toolkit_id)
        .first()
    )


def recipients(version):
    """Users still to be told about this version."""
    return (
        get_user_model()
        .objects.filter(
            is_active=True,
            toolkit_subscriptions__toolkit_id=version.page_id,
            toolkit_subscriptions__active=True,
        )
        .exclude(email="")
        .exclude(pk__in=VersionNotice.objects.filter(version=version).values("user_id"))
        .order_by("pk")
    )


def send_version_notices(version_id):
    """E-mail every subscriber who has not yet been told about this version; returns how many
    were sent."""
    version = ToolkitVersion.objects.select_related("page").filter(pk=version_id).first()
    if version is None:
        logger.info("Version %s no longer exists; no update e-mails sent.", version_id)
        return 0
    sent = 0
    for user in recipients(version):
        with transaction.atomic():
            _notice, created = VersionNotice.objects.get_or_create(version=version, user=user)
            if created:
                update_message(version, user).send()
                sent += 1
    logger.info("Sent %s update e-mails for %s.", sent, version)
    return sent


def update_message(version, user):
    page = version.page.specific
    site_url = page.get_site().root_url if page.get_site() else settings.WAGTAILADMIN_BASE_URL
    unsubscribe_url = site_url + reverse(
        "toolkit_unsubscribe", args=[unsubscribe_token(user, page)]
    )
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "page": page,
            "version": version,
            "user": user,
            "page_url": page.get_full_url(),
            "unsubscribe_url": unsubscribe_url,
            # Links in the change log lead back to the site from the reader's mailbox.
            "change_log_text": change_logs.as_text(version.change_log, base_url=site_url),
            "change_log_html": change_logs.as_html(version.change_log, base_url=site_url),
        }
        subject = _("New version of %(title)s: version %(version)s") % {
            "title": page.title,
            "version": version.version,
        }
        message = EmailMultiAlternatives(
            subject=subject,
            body=render_to_string("toolkits/email/new_version.txt", context),
            to=[user.email],
            headers={
                # RFC 8058: mail clients show an "Unsubscribe" button that posts to this URL.
                "List-Unsubscribe": f"<{unsubscribe_url}>",
                "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            },
        )
        message.attach_alternative(
            render_to_string("toolkits/email/new_version.html", context), "text/html"
        )
    return message
