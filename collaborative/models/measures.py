"""What the collaborative measures: measure sets of measures, each with its operational
definition (versioned: a new definition starts a new phase on every chart), and the strata
(age band, race and ethnicity) a measure may be reported by."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable

DEFINITION_FEATURES = ["bold", "italic", "ol", "ul", "link"]


class MeasureSet(models.Model):
    """A set of measures the sites report together (for example the sepsis bundle)."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    description = models.TextField(_("description"), blank=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    panels = [FieldPanel("name"), FieldPanel("description"), FieldPanel("sort_order")]

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("measure set")

    def __str__(self):
        return self.name


class Stratification(ClusterableModel):
    """A way of dividing a measure's patients, such as age band or race and ethnicity."""

    name = models.CharField(_("name"), max_length=80, unique=True)

    panels = [FieldPanel("name"), InlinePanel("strata", label=_("strata"), min_num=2)]

    class Meta:
        ordering = ["name"]
        verbose_name = _("stratification")

    def __str__(self):
        return self.name


class Stratum(models.Model):
    stratification = ParentalKey(Stratification, on_delete=models.CASCADE, related_name="strata")
    code = models.SlugField(
        _("code"), max_length=30, help_text=_("As it appears in uploaded files, e.g. 0-4.")
    )
    label = models.CharField(_("label"), max_length=80)
    sort_order = models.PositiveSmallIntegerField(default=0, editable=False)

    panels = [FieldPanel("code"), FieldPanel("label")]

    class Meta:
        ordering = ["stratification", "sort_order", "pk"]
        verbose_name = _("stratum")
        verbose_name_plural = _("strata")
        constraints = [
            models.UniqueConstraint(
                fields=["stratification", "code"], name="collaborative_stratum_code"
            )
        ]

    def __str__(self):
        return f"{self.stratification}: {self.label}"


class Measure(ClusterableModel):
    class Category(models.TextChoices):
        PROCESS = "process", _("Process")
        OUTCOME = "outcome", _("Outcome")
        BALANCING = "balancing", _("Balancing")

    class Kind(models.TextChoices):
        RATIO = "ratio", _("Ratio (numerator and denominator)")
        COUNT = "count", _("Count")
        CATEGORICAL = "categorical", _("Categorical (a count for each category)")
        TEXT = "text", _("Text")

    class Direction(models.TextChoices):
        UP = "up", _("Higher is better")
        DOWN = "down", _("Lower is better")
        NEUTRAL = "neutral", _("Neither")

    measure_set = models.ForeignKey(
        MeasureSet, verbose_name=_("measure set"), on_delete=models.PROTECT, related_name="measures"
    )
    code = models.SlugField(
        _("code"),
        max_length=30,
        unique=True,
        help_text=_("As it appears in uploaded files, e.g. ASSESS-20."),
    )
    name = models.CharField(_("name"), max_length=200)
    category = models.CharField(_("category"), max_length=10, choices=Category.choices)
    kind = models.CharField(_("type"), max_length=12, choices=Kind.choices)
    direction = models.CharField(
        _("direction"), max_length=8, choices=Direction.choices, default=Direction.UP
    )
    numerator_label = models.CharField(_("numerator"), max_length=200, blank=True)
    denominator_label = models.CharField(_("denominator"), max_length=200, blank=True)
    count_label = models.CharField(
        _("what is counted"), max_length=200, blank=True, help_text=_("For counts.")
    )
    categories = models.TextField(
        _("categories"),
        blank=True,
        help_text=_("For categorical measures: one category a line, as code: label."),
    )
    target = models.DecimalField(
        _("target"),
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("In percent for ratios; in the measure's own unit for counts."),
    )
    stratifications = models.ManyToManyField(
        Stratification, verbose_name=_("strata"), blank=True, related_name="measures"
    )
    publish_aggregate = models.BooleanField(
        _("publish the collaborative's figures"),
        default=False,
        help_text=_(
            "The public may see the collaborative's aggregate chart of this measure (never a "
            "site's)."
        ),
    )
    is_active = models.BooleanField(_("reported"), default=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("measure_set"),
                FieldPanel("code"),
                FieldPanel("name"),
                FieldPanel("category"),
                FieldPanel("kind"),
                FieldPanel("direction"),
                FieldPanel("target"),
            ],
            heading=_("Measure"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("numerator_label"),
                FieldPanel("denominator_label"),
                FieldPanel("count_label"),
                FieldPanel("categories"),
                FieldPanel("stratifications"),
            ],
            heading=_("What sites report"),
        ),
        InlinePanel(
            "definitions",
            heading=_("Operational definitions"),
            label=_("definition"),
            min_num=1,
            help_text=_(
                "A new definition applies from the month you give and starts a new phase on "
                "every chart of this measure. Keep the earlier ones: past months were measured "
                "by them."
            ),
        ),
        MultiFieldPanel(
            [FieldPanel("publish_aggregate"), FieldPanel("is_active"), FieldPanel("sort_order")],
            heading=_("Publishing"),
        ),
    ]

    class Meta:
        ordering = ["measure_set__sort_order", "sort_order", "code"]
        verbose_name = _("measure")

    def __str__(self):
        return f"{self.code}: {self.name}"

    @property
    def category_choices(self):
        """[(code, label)] of a categorical measure's categories."""
        choices = []
        for line in self.categories.splitlines():
            code, _sep, label = line.partition(":")
            if code.strip():
                choices.append((code.strip(), (label or code).strip()))
        return choices

    @property
    def definition_history(self):
        """Every operational definition, oldest first (prefetched ones are not read again)."""
        return sorted(self.definitions.all(), key=lambda d: d.effective_from)

    @property
    def current_definition(self):
        history = self.definition_history
        return history[-1] if history else None

    def definition_for(self, period):
        """The operational definition that applied in a month (the latest from before it)."""
        applicable = [d for d in self.definitions.all() if d.effective_from <= period]
        return max(applicable, key=lambda d: d.effective_from) if applicable else None


class MeasureDefinition(Orderable):
    measure = ParentalKey(Measure, on_delete=models.CASCADE, related_name="definitions")
    effective_from = models.DateField(
        _("applies from"), help_text=_("The first month measured by this definition.")
    )
    operational_definition = RichTextField(
        _("operational definition"),
        features=DEFINITION_FEATURES,
        help_text=_(
            "Who is counted and when, including how the site defines sepsis onset and time zero."
        ),
    )
    collection_guidance = RichTextField(
        _("data-collection guidance"), features=DEFINITION_FEATURES, blank=True
    )
    change_note = models.CharField(
        _("what changed"), max_length=255, blank=True, help_text=_("Shown on the charts.")
    )

    panels = [
        FieldPanel("effective_from"),
        FieldPanel("operational_definition"),
        FieldPanel("collection_guidance"),
        FieldPanel("change_note"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("operational definition")
        constraints = [
            models.UniqueConstraint(
                fields=["measure", "effective_from"], name="collaborative_one_definition_a_month"
            )
        ]

    def __str__(self):
        return f"{self.measure.code} from {self.effective_from:%B %Y}"
