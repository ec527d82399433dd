"""Forms of a site's pages: the month's figures, reopening a month, a coach's comment, and a
test of change (PDSA cycle).

The month's form is built from the month's sheet (collaborative.submissions.month_sheet): a
field for each figure a measure takes, by kind, for all patients and each stratum. Every
figure passes collaborative.checks, the same checks as an uploaded file.
"""

from dataclasses import dataclass

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from . import checks
from .models import Measure, PDSACycle
from .submissions import Figure, figure_key

# The database stores whole numbers up to this (PositiveIntegerField).
LARGEST_FIGURE = 2_147_483_647
MAX_TEXT = 4000
MAX_NOTE = 2000

PART_LABELS = {
    "numerator": _("Numerator"),
    "denominator": _("Denominator"),
    "count": _("Count"),
    "text": _("Answer"),
}


def field_name(measure, stratum, part):
    """The form field of one figure: "m12-all-numerator", "m12-s3-count", "m14-all-c0" (the
    first category), "m15-all-text"."""
    row = "all" if stratum is None else f"s{stratum.pk}"
    return f"m{measure.pk}-{row}-{part}"


def confirm_name(measure):
    return f"confirm-m{measure.pk}"


@dataclass
class Slot:
    """One field of the month's form and the figure it belongs to."""

    name: str
    measure: Measure
    stratum: object
    part: str  # numerator, denominator, count or text (a category's count is "count")
    category: str = ""


@dataclass
class Cell:
    field: forms.BoundField
    display: str  # the value as read-only text


@dataclass
class Row:
    label: str
    stratum: object
    cells: list


@dataclass
class MeasureBlock:
    measure: Measure
    definition: object
    columns: list
    rows: list
    text: Cell | None
    confirm: forms.BoundField | None
    flagged: bool
    confirmed: bool


def _number_input(label):
    return forms.CharField(
        label=label,
        required=False,
        max_length=15,
        widget=forms.TextInput(
            attrs={
                "class": "usa-input usa-input--small",
                "inputmode": "numeric",
                "autocomplete": "off",
                "spellcheck": "false",
            }
        ),
    )


def _row_label(stratum):
    return stratum.label if stratum is not None else gettext("All patients")


def _columns(measure):
    """[(part, category code, column heading)] of a measure's figures."""
    if measure.kind == Measure.Kind.RATIO:
        return [
            ("numerator", "", measure.numerator_label or gettext("Numerator")),
            ("denominator", "", measure.denominator_label or gettext("Denominator")),
        ]
    if measure.kind == Measure.Kind.COUNT:
        return [("count", "", measure.count_label or gettext("Count"))]
    if measure.kind == Measure.Kind.CATEGORICAL:
        return [("count", code, label) for code, label in measure.category_choices]
    return []


class MonthForm(forms.Form):
    """Every figure of a month. Empty fields are fine here (a draft may be partial); what a
    submission needs is decided by collaborative.submissions."""

    def __init__(self, sheet, period, *, on, stored=None, flagged=(), **kwargs):
        self.sheet = sheet
        self.period = period
        self.on = on
        self.flagged = set(flagged)
        stored = stored or {}
        initial = {}
        super().__init__(**kwargs)
        self.slots = []
        self.confirming = {}  # confirmation box name: its measure
        for set_sheet in sheet:
            for measure_sheet in set_sheet.measures:
                measure = measure_sheet.measure
                if measure.kind == Measure.Kind.TEXT:
                    name = field_name(measure, None, "text")
                    self.fields[name] = forms.CharField(
                        label=gettext("Answer for %(measure)s") % {"measure": measure.name},
                        required=False,
                        max_length=MAX_TEXT,
                        widget=forms.Textarea(attrs={"rows": 3, "class": "usa-textarea"}),
                    )
                    self.slots.append(Slot(name, measure, None, "text"))
                    figure = stored.get(figure_key(measure))
                    initial[name] = figure.text if figure else ""
                    continue
                for stratum in measure_sheet.rows:
                    for index, (part, category, heading) in enumerate(_columns(measure)):
                        if category:
                            name = field_name(measure, stratum, f"c{index}")
                        else:
                            name = field_name(measure, stratum, part)
                        self.fields[name] = _number_input(f"{heading} ({_row_label(stratum)})")
                        self.slots.append(Slot(name, measure, stratum, part, category))
                        figure = stored.get(figure_key(measure, stratum, category))
                        value = getattr(figure, part) if figure else None
                        initial[name] = "" if value is None else str(value)
                if measure.kind in (Measure.Kind.RATIO, Measure.Kind.COUNT):
                    name = confirm_name(measure)
                    self.confirming[name] = measure
                    self.fields[name] = forms.BooleanField(
                        label=gettext("I have checked: these figures are right."),
                        required=False,
                        widget=forms.CheckboxInput(attrs={"class": "usa-checkbox__input"}),
                    )
                    figure = stored.get(figure_key(measure))
                    initial[name] = bool(figure and figure.confirmed_unusual)
        # Stored values fill an unbound form (a bound one shows what was posted).
        self.initial = {**initial, **self.initial}
        self._figures = None

    def clean(self):
        for problem in checks.check_period(self.period, self.on):
            raise ValidationError(problem.message)
        numbers = {}
        for slot in self.slots:
            if slot.part == "text":
                continue
            value, error = checks.whole_number(self.cleaned_data.get(slot.name))
            if not error and value is not None and value > LARGEST_FIGURE:
                error = gettext("This number is too large to be a month's figure.")
            if error:
                self.add_error(slot.name, error)
            else:
                numbers[slot.name] = value
        figures = {}
        for slot in self.slots:
            figure = figures.setdefault(
                figure_key(slot.measure, slot.stratum, slot.category),
                Figure(slot.measure, slot.stratum, slot.category),
            )
            if slot.part == "text":
                figure.text = self.cleaned_data.get(slot.name, "")
            else:
                setattr(figure, slot.part, numbers.get(slot.name))
        for figure in figures.values():
            kind = figure.measure.kind
            problems = checks.check_figure(
                kind,
                numerator=figure.numerator,
                denominator=figure.denominator,
                count=figure.count,
            )
            for problem in problems:
                name = field_name(figure.measure, figure.stratum, problem.field)
                if name in self.fields and name not in self.errors:
                    self.add_error(name, problem.message)
        self._figures = list(figures.values())
        return self.cleaned_data

    def figures(self):
        """The month's figures as typed (after is_valid)."""
        return [f for f in self._figures if not f.is_empty]

    def typed_figures(self):
        """The figures that passed the checks so far (also of a form with errors)."""
        return [f for f in self._figures or [] if not f.is_empty]

    def confirmed_keys(self):
        return {
            figure_key(slot.measure)
            for slot in self.slots
            if self.cleaned_data.get(confirm_name(slot.measure))
        }

    def add_missing(self, missing):
        for measure, part in missing:
            self.add_error(
                field_name(measure, None, part),
                gettext("Enter this figure to submit the month (a draft may leave it empty)."),
            )

    def add_unconfirmed(self, keys):
        for name, measure in self.confirming.items():
            if figure_key(measure) in keys:
                self.add_error(
                    name,
                    gettext(
                        "These figures are far from your site's usual. Check them, then tick "
                        "this box to confirm them (or correct them)."
                    ),
                )

    def error_summary(self):
        """[(field id, what is wrong)] in the order of the form, for the summary at its top."""
        summary = [("", error) for error in self.non_field_errors()]
        by_name = {slot.name: slot for slot in self.slots}
        for name, field in self.fields.items():
            for error in self.errors.get(name, []):
                slot = by_name.get(name)
                if slot is not None:
                    label = f"{slot.measure.name}: {field.label}"
                else:  # a confirmation box
                    label = self.confirming[name].name
                summary.append((self[name].auto_id, f"{label}. {error}"))
        return summary

    def blocks(self):
        """The form by measure set and measure, as the template lays it out."""
        for name in self.errors:
            if name in self.fields:
                widget = self.fields[name].widget
                if not isinstance(widget, forms.CheckboxInput):
                    widget.attrs["class"] = widget.attrs.get("class", "usa-input") + (
                        " usa-input--error"
                    )
                count = len(self.errors[name])
                ids = [f"{self[name].auto_id}_error_{n}" for n in range(1, count + 1)]
                widget.attrs["aria-describedby"] = " ".join(ids)
        result = []
        for set_sheet in self.sheet:
            measures = []
            for measure_sheet in set_sheet.measures:
                measures.append(self._measure_block(measure_sheet))
            result.append({"measure_set": set_sheet.measure_set, "measures": measures})
        return result

    def _cell(self, name):
        bound = self[name]
        value = bound.value()
        return Cell(bound, "—" if value in (None, "") else str(value))

    def _measure_block(self, measure_sheet):
        measure = measure_sheet.measure
        flagged = figure_key(measure) in self.flagged
        confirm = None
        if confirm_name(measure) in self.fields and (
            flagged or confirm_name(measure) in self.errors
        ):
            confirm = self[confirm_name(measure)]
        confirmed = bool(confirm is not None and confirm.value())
        if measure.kind == Measure.Kind.TEXT:
            return MeasureBlock(
                measure,
                measure_sheet.definition,
                [],
                [],
                self._cell(field_name(measure, None, "text")),
                None,
                False,
                False,
            )
        columns = _columns(measure)
        rows = []
        for stratum in measure_sheet.rows:
            cells = []
            for index, (part, category, _heading) in enumerate(columns):
                name = field_name(measure, stratum, f"c{index}" if category else part)
                cells.append(self._cell(name))
            rows.append(Row(_row_label(stratum), stratum, cells))
        return MeasureBlock(
            measure,
            measure_sheet.definition,
            [heading for _part, _category, heading in columns],
            rows,
            None,
            confirm,
            flagged,
            confirmed,
        )


class ReopenForm(forms.Form):
    reason = forms.CharField(
        label=_("Why are you reopening this month?"),
        help_text=_("Your coach and site team see this with your name and the date."),
        max_length=MAX_NOTE,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Say why the month is being reopened.")},
    )


class CommentForm(forms.Form):
    text = forms.CharField(
        label=_("Comment"),
        help_text=_("The site's data manager is e-mailed; the site's team sees it here."),
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Write a comment.")},
    )


class MeasureChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name} ({obj.code})"


class DateField(forms.DateField):
    widget = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class PDSAForm(forms.ModelForm):
    """A test of change: what was tried, what happened, what the data showed and what comes
    next, its dates, and the measures it should move."""

    started_on = DateField(
        label=_("Started on"), error_messages={"required": _("Give the day the test started.")}
    )
    ended_on = DateField(
        label=_("Ended on"),
        required=False,
        help_text=_("Leave it empty while the test goes on."),
    )
    measures = MeasureChoiceField(
        label=_("Measures it should move"),
        queryset=Measure.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = PDSACycle
        fields = ["title", "plan", "do", "study", "act", "started_on", "ended_on", "measures"]
        widgets = {
            "plan": forms.Textarea(attrs={"rows": 4}),
            "do": forms.Textarea(attrs={"rows": 4}),
            "study": forms.Textarea(attrs={"rows": 4}),
            "act": forms.Textarea(attrs={"rows": 4}),
        }
        error_messages = {
            "title": {"required": _("Name the change you are testing.")},
            "plan": {"required": _("Write the plan: what you will try and what you predict.")},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Active measures, and any the cycle already names that are no longer reported.
        chosen = self.instance.measures.all() if self.instance.pk else Measure.objects.none()
        self.fields["measures"].queryset = (
            Measure.objects.filter(is_active=True) | Measure.objects.filter(pk__in=chosen)
        ).distinct()

    def clean(self):
        cleaned = super().clean()
        started, ended = cleaned.get("started_on"), cleaned.get("ended_on")
        if started and ended and ended < started:
            self.add_error("ended_on", gettext("The end is before the start."))
        return cleaned
