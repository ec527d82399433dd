"""Reminders of due months already e-mailed: one row per person, site, month and offset (days
from the due date), written in the transaction that sends the e-mail, so that a scheduler
running the reminders twice a day, or two workers at once, never sends one twice."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class SubmissionReminder(models.Model):
    site = models.ForeignKey(
        "collaborative.CollaborativeSite", on_delete=models.CASCADE, related_name="reminders"
    )
    period = models.DateField(_("month"))
    # Days from the due date: -5 is five days before it, 3 is three days after.
    offset = models.SmallIntegerField(_("days from the due date"))
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("submission reminder")
        constraints = [
            models.UniqueConstraint(
                fields=["site", "period", "offset", "user"],
                name="collaborative_one_reminder_an_offset",
            )
        ]

    def __str__(self):
        return f"{self.site.code} {self.period:%Y-%m} {self.offset:+d} days"
