"""Who a toolkit reaches: download events, subscriptions and the update e-mails sent.

Download events store no IP address and no user agent: the user (when logged in), their
member organization at the time, the file and the toolkit version it was part of. An
anonymous visitor is told apart from others only by a one-way hash of their session key, for
the 10-minute de-duplication, and only when they already have a session.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class DownloadEvent(models.Model):
    class Via(models.TextChoices):
        FILE = "file", _("Single file")
        ZIP = "zip", _("Download all (ZIP)")

    document = models.ForeignKey(
        settings.WAGTAILDOCS_DOCUMENT_MODEL,
        verbose_name=_("file"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="download_events",
    )
    document_title = models.CharField(_("file title"), max_length=255)
    toolkit = models.ForeignKey(
        "toolkits.ToolkitPage",
        verbose_name=_("toolkit"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="download_events",
    )
    version = models.CharField(_("version"), max_length=20, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    organization = models.ForeignKey(
        "portal.MemberOrganization",
        verbose_name=_("member organization"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="toolkit_downloads",
    )
    visitor = models.CharField(
        _("anonymous visitor"),
        max_length=64,
        blank=True,
        help_text=_("A one-way hash of an anonymous visitor's session, for de-duplication."),
    )
    via = models.CharField(_("how"), max_length=4, choices=Via.choices, default=Via.FILE)
    downloaded_at = models.DateTimeField(_("downloaded at"), auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-downloaded_at"]
        verbose_name = _("download")
        indexes = [
            models.Index(fields=["document", "user", "downloaded_at"], name="toolkits_dl_dedupe"),
            models.Index(fields=["toolkit", "organization"], name="toolkits_dl_reach"),
        ]

    def __str__(self):
        return f"{self.document_title} ({self.downloaded_at:%Y-%m-%d %H:%M})"


class ToolkitSubscription(models.Model):
    """A user who wants to hear about new versions of a toolkit.

    People subscribe by choice, on the toolkit page or their account's subscriptions page.
    Before that was the only way, a logged-in user's first download subscribed them silently:
    those rows are kept (people were e-mailed from them) and marked `by_download`, so that the
    account page can say how each began. Unsubscribing keeps the row with `active` off.
    """

    class Source(models.TextChoices):
        CHOICE = "choice", _("Chosen by the person")
        DOWNLOAD = "download", _("Begun by a download, before the portal asked")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="toolkit_subscriptions"
    )
    toolkit = models.ForeignKey(
        "toolkits.ToolkitPage", on_delete=models.CASCADE, related_name="subscriptions"
    )
    active = models.BooleanField(_("receives updates"), default=True)
    source = models.CharField(
        _("how it began"), max_length=10, choices=Source.choices, default=Source.CHOICE
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("toolkit subscription")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "toolkit"], name="toolkits_one_subscription_per_user"
            )
        ]

    def __str__(self):
        return f"{self.user} → {self.toolkit}"


class VersionNotice(models.Model):
    """One update e-mail sent to one user about one version: the row makes it exactly once."""

    version = models.ForeignKey(
        "toolkits.ToolkitVersion", on_delete=models.CASCADE, related_name="notices"
    )
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["version", "user"], name="toolkits_one_notice_per_user")
        ]

    def __str__(self):
        return f"{self.version} → {self.user}"
