"""A site's month: its submission (a draft until the data manager submits it; reopened with a
reason to be fixed), the values it holds, and the coach's comments on it."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Submission(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")

    site = models.ForeignKey(
        "collaborative.CollaborativeSite", on_delete=models.CASCADE, related_name="submissions"
    )
    # The month reported, as its first day.
    period = models.DateField(_("month"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["site", "-period"]
        verbose_name = _("submission")
        constraints = [
            models.UniqueConstraint(fields=["site", "period"], name="collaborative_one_a_month")
        ]
        indexes = [models.Index(fields=["period"], name="collaborative_submission_month")]

    def __str__(self):
        return f"{self.site.code} {self.period:%Y-%m}"

    @property
    def is_submitted(self):
        return self.status == self.Status.SUBMITTED


class MeasureValue(models.Model):
    """One figure of a submission: a measure, for all patients or one stratum (and, for a
    categorical measure, one category)."""

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="values")
    measure = models.ForeignKey(
        "collaborative.Measure", on_delete=models.PROTECT, related_name="values"
    )
    stratum = models.ForeignKey(
        "collaborative.Stratum",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="values",
    )
    category = models.CharField(max_length=30, blank=True)
    numerator = models.PositiveIntegerField(null=True, blank=True)
    denominator = models.PositiveIntegerField(null=True, blank=True)
    count = models.PositiveIntegerField(null=True, blank=True)
    text = models.TextField(blank=True)
    # The data manager confirmed a value far outside the site's own history.
    confirmed_unusual = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("measure value")
        constraints = [
            models.UniqueConstraint(
                fields=["submission", "measure", "category"],
                condition=Q(stratum__isnull=True),
                name="collaborative_one_value_for_all",
            ),
            models.UniqueConstraint(
                fields=["submission", "measure", "stratum", "category"],
                condition=Q(stratum__isnull=False),
                name="collaborative_one_value_a_stratum",
            ),
            models.CheckConstraint(
                condition=Q(numerator__isnull=True)
                | Q(denominator__isnull=True)
                | Q(numerator__lte=models.F("denominator")),
                name="collaborative_numerator_within_denominator",
            ),
        ]
        indexes = [models.Index(fields=["measure", "submission"], name="collaborative_value")]

    def __str__(self):
        return f"{self.submission} {self.measure.code}"


class CoachComment(models.Model):
    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    text = models.TextField(_("comment"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("coach's comment")

    def __str__(self):
        return f"{self.author} on {self.submission}"
