"""Indicator data: what is measured, each imported release, and every observation."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel


class Indicator(models.Model):
    UNITS = [("percent", _("percent")), ("count", _("count")), ("rate", _("rate"))]
    DIRECTIONS = [
        ("higher_is_better", _("Higher is better")),
        ("lower_is_better", _("Lower is better")),
        ("neutral", _("Neither")),
    ]

    code = models.CharField(
        _("code"),
        max_length=40,
        unique=True,
        help_text=_("The code data files use for this indicator, such as SEP_1."),
    )
    name = models.CharField(_("name"), max_length=160)
    definition = models.TextField(_("definition"))
    numerator = models.TextField(_("numerator"), blank=True)
    denominator = models.TextField(_("denominator"), blank=True)
    unit = models.CharField(_("unit"), max_length=10, choices=UNITS)
    direction = models.CharField(_("direction"), max_length=20, choices=DIRECTIONS)
    source = models.CharField(_("source"), max_length=255)
    target = models.DecimalField(
        _("target"), max_digits=12, decimal_places=4, null=True, blank=True
    )
    decimal_places = models.PositiveSmallIntegerField(
        _("decimals shown"),
        null=True,
        blank=True,
        help_text=_(
            "How many decimals every figure of this indicator is rounded to: values, averages, "
            "limits and targets alike. Leave empty for whole numbers (one decimal for rates)."
        ),
    )
    axis_title = models.CharField(
        _("axis title"),
        max_length=60,
        blank=True,
        help_text=_(
            "What the values count, with their unit, for the chart's axis: for example "
            "'Deaths per week' or '% of eligible patients'."
        ),
    )
    next_release = models.DateField(
        _("next expected release"),
        null=True,
        blank=True,
        help_text=_("When the source is expected to publish new figures, where known."),
    )
    release_schedule = models.CharField(
        _("release schedule"),
        max_length=160,
        blank=True,
        help_text=_(
            "Said beside the next release, or instead of it: for example 'quarterly' or "
            "'none: these figures are final'."
        ),
    )

    panels = [
        FieldPanel("code"),
        FieldPanel("name"),
        FieldPanel("definition"),
        FieldPanel("numerator"),
        FieldPanel("denominator"),
        FieldPanel("unit"),
        FieldPanel("direction"),
        FieldPanel("source"),
        FieldPanel("target"),
        FieldPanel("decimal_places"),
        FieldPanel("axis_title"),
        FieldPanel("next_release"),
        FieldPanel("release_schedule"),
    ]

    @property
    def precision(self):
        """The one number of decimals every figure of this indicator is shown with."""
        if self.decimal_places is not None:
            return self.decimal_places
        return 1 if self.unit == "rate" else 0

    class Meta:
        ordering = ["name"]
        verbose_name = _("indicator")

    def __str__(self):
        return self.name


class DataRelease(models.Model):
    """One imported file. The checksum makes a second import of the same file a no-op."""

    filename = models.CharField(_("file name"), max_length=255)
    checksum = models.CharField(_("SHA-256 checksum"), max_length=64, unique=True)
    dialect = models.CharField(_("format"), max_length=20)
    source = models.CharField(
        _("source"),
        max_length=255,
        blank=True,
        help_text=_("Who published the file and under which dataset name."),
    )
    released_on = models.DateField(
        _("release date"),
        null=True,
        blank=True,
        help_text=_("When the publisher released this file, where known."),
    )
    imported_at = models.DateTimeField(_("imported at"), auto_now_add=True)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("imported by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    rows_read = models.PositiveIntegerField(_("rows read"), default=0)
    observations_new = models.PositiveIntegerField(_("new observations"), default=0)
    observations_revised = models.PositiveIntegerField(_("revised observations"), default=0)
    observations_unchanged = models.PositiveIntegerField(_("unchanged observations"), default=0)

    class Meta:
        ordering = ["-imported_at"]
        verbose_name = _("data release")
        # Not "Can import a data release": Wagtail's group screen cuts the model's name off the
        # end of a label, which left "Can import a".
        permissions = [("import_release", _("Can import data releases"))]

    def __str__(self):
        return f"{self.filename} ({self.imported_at:%Y-%m-%d})"


class Observation(models.Model):
    """A value for one indicator, place, stratum and period, as one release gave it.

    A later release that revises the value adds a new current row and keeps the old
    one (is_current=False), so the history of revisions is never lost.
    """

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="observations")
    release = models.ForeignKey(DataRelease, on_delete=models.PROTECT, related_name="observations")
    geography = models.CharField(_("geography"), max_length=8)
    stratum = models.CharField(_("stratum"), max_length=60, blank=True)
    period_start = models.DateField(_("period start"))
    period_end = models.DateField(_("period end"))
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=4, null=True)
    numerator = models.BigIntegerField(_("numerator"), null=True)
    denominator = models.BigIntegerField(_("denominator"), null=True)
    suppressed = models.BooleanField(_("suppressed"), default=False)
    footnotes = models.JSONField(_("footnotes"), default=list, blank=True)
    is_current = models.BooleanField(_("current"), default=True)

    class Meta:
        verbose_name = _("observation")
        indexes = [
            models.Index(
                fields=["indicator", "geography", "stratum", "period_start"],
                name="trends_obs_series",
                condition=Q(is_current=True),
            )
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "geography", "stratum", "period_start", "period_end"],
                condition=Q(is_current=True),
                name="trends_one_current_observation",
            )
        ]

    def __str__(self):
        return f"{self.indicator.code} {self.geography} {self.period_start}–{self.period_end}"


class Phase(models.Model):
    """A change in how a series is produced or in practice, marked by an editor: the average
    and limits are computed afresh from here, so a sustained shift is judged against its own
    level rather than flagged for ever."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="phases")
    geography = models.CharField(
        _("geography"),
        max_length=8,
        blank=True,
        help_text=_(
            "A state code such as MA, or US. Leave empty for a change that affects every place "
            "(a pandemic, a new coding rule)."
        ),
    )
    start = models.DateField(
        _("starts with the period beginning"),
        help_text=_("Process limits are computed afresh from the first period on or after this."),
    )
    reason = models.CharField(
        _("reason"),
        max_length=255,
        help_text=_("Shown on the chart, e.g. 'New screening protocol statewide'."),
    )

    panels = [
        FieldPanel("indicator"),
        FieldPanel("geography"),
        FieldPanel("start"),
        FieldPanel("reason"),
    ]

    class Meta:
        ordering = ["start"]
        verbose_name = _("phase")

    def __str__(self):
        place = self.geography or "every place"
        return f"{self.indicator.code} {place} from {self.start}: {self.reason}"


class Footnote(models.Model):
    """What a publisher's footnote code means (the CMS footnote crosswalk).

    Observations keep the codes as published; pages and downloads show the meaning.
    """

    code = models.CharField(_("code"), max_length=12, unique=True)
    text = models.TextField(_("meaning"))

    panels = [FieldPanel("code"), FieldPanel("text")]

    class Meta:
        ordering = ["code"]
        verbose_name = _("footnote")

    def __str__(self):
        return f"{self.code}: {self.text}"
