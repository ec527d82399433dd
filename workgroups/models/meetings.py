"""Meetings (times kept in UTC, shown in the consortium's time zone) and the per-user secret
calendar feed."""

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Meeting(models.Model):
    work_group = models.ForeignKey(
        "workgroups.WorkGroup", on_delete=models.CASCADE, related_name="meetings"
    )
    title = models.CharField(_("title"), max_length=200)
    starts_at = models.DateTimeField(_("starts"), db_index=True)
    ends_at = models.DateTimeField(_("ends"))
    location = models.CharField(
        _("where"), max_length=255, blank=True, help_text=_("A room, or a video-call link.")
    )
    agenda = models.TextField(_("agenda"), blank=True)
    minutes = models.TextField(_("minutes"), blank=True)
    attendees = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("attended"), blank=True, related_name="+"
    )
    attachments = models.ManyToManyField(
        settings.WAGTAILDOCS_DOCUMENT_MODEL,
        verbose_name=_("attachments"),
        blank=True,
        related_name="work_group_meetings",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    # Bumped on every change, so that calendar apps pick changes up (iCalendar SEQUENCE).
    sequence = models.PositiveIntegerField(default=0)
    # The SEQUENCE whose invitation (or cancellation) the members were sent: a task claims a
    # change by raising it, so that one change is never announced twice.
    announced_sequence = models.PositiveIntegerField(null=True, blank=True, editable=False)
    cancelled_at = models.DateTimeField(null=True, blank=True, editable=False)
    cancelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-starts_at"]
        verbose_name = _("meeting")

    def __str__(self):
        return self.title

    @property
    def is_cancelled(self):
        return self.cancelled_at is not None

    def has_started(self, now=None):
        return self.pk is not None and self.starts_at <= (now or timezone.now())


def new_feed_token():
    return secrets.token_urlsafe(32)


class CalendarFeed(models.Model):
    """A user's secret calendar address: the meetings of the groups they belong to now."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="work_group_calendar"
    )
    token = models.CharField(max_length=64, unique=True, default=new_feed_token)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return f"Calendar of {self.user}"
