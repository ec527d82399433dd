"""Page mixins shared by every app's page types."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel


class ReviewedContentMixin(models.Model):
    """Content that a named owner reviews on a schedule.

    Public pages show "Page last reviewed" and "Next review due"; the
    "Pages due for review" report lists pages whose due date has passed.
    """

    last_reviewed = models.DateField(_("page last reviewed"), null=True, blank=True)
    next_review_due = models.DateField(
        _("next review due"),
        null=True,
        blank=True,
        help_text=_("Left empty, it is set to one year after the last review."),
    )
    content_owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("content owner"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The person responsible for keeping this page accurate."),
    )

    review_panels = [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("last_reviewed"), FieldPanel("next_review_due")]),
                FieldPanel("content_owner"),
            ],
            heading=_("Content review"),
        )
    ]

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        if (
            self.last_reviewed
            and self.next_review_due
            and self.next_review_due < self.last_reviewed
        ):
            raise ValidationError(
                {"next_review_due": _("The next review cannot be due before the last review.")}
            )

    def save(self, *args, **kwargs):
        if self.last_reviewed and not self.next_review_due:
            self.next_review_due = self.last_reviewed + datetime.timedelta(
                days=settings.PORTAL_REVIEW_INTERVAL_DAYS
            )
        super().save(*args, **kwargs)

    def days_overdue_for_review(self, today=None):
        """Days since the review fell due; 0 when not yet due or not scheduled."""
        if not self.next_review_due:
            return 0
        today = today or timezone.localdate()
        return max((today - self.next_review_due).days, 0)

    @property
    def review_is_overdue(self):
        return self.days_overdue_for_review() > 0
