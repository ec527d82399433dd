"""Import a file of a site's monthly figures: check every row against the collaborative's records,
preview what importing it would do (new figures, changed ones with their old values, unchanged,
warnings, every error with its line and column), then apply it in one transaction.

The rules are the month's form's, through collaborative.checks: whole numbers of zero or more,
a numerator within its denominator, a category the measure lists, a month that has ended (and
that the site reports: from its first month to its last). An all-patients ratio or count far
outside the site's own history (its earlier months, stored or in the same file) is a warning,
not an error: importing it confirms it, as confirming it does in the form.

A submitted month is never changed by an upload. Its data manager reopens it first, with a
reason, on its month's page, as they would to change it in the form: so every change to a
submitted month has its reason on record and goes back to the coach when it is submitted again.
A file that would change a submitted month is refused at those lines; rows that repeat its
stored figures are fine. Months with no submission get a draft; an upload never submits.

Importing the same file twice changes nothing the second time: every figure is unchanged.
"""

import hashlib
import statistics
from bisect import bisect_left
from collections import defaultdict
from dataclasses import dataclass, field
from itertools import islice

from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from . import checks, periods, submissions, uploads
from .models import CollaborativeSite, Measure, MeasureValue, Submission

# The site's own history a figure is compared with: its earlier months, at most this many.
HISTORY_MONTHS = 24
BATCH_SIZE = 500

# The columns each kind of measure takes.
COLUMNS_OF_KIND = {
    checks.RATIO: ("numerator", "denominator"),
    checks.COUNT: ("count",),
    checks.CATEGORICAL: ("category", "count"),
    checks.TEXT: ("text",),
}
ALL_FIGURE_COLUMNS = ("numerator", "denominator", "count", "category", "text")
# The column a figure's warnings and refusals point at.
MAIN_COLUMN = {
    checks.RATIO: "numerator",
    checks.COUNT: "count",
    checks.CATEGORICAL: "count",
    checks.TEXT: "text",
}


class PlanOutdated(Exception):
    """The months changed between the plan and its application (one was submitted, or given a
    submission, meanwhile): nothing was stored; plan again."""


@dataclass
class Figure:
    """A row of the file, resolved to the collaborative's records."""

    row: uploads.Row
    site: CollaborativeSite
    measure: Measure
    stratum: object  # Stratum or None: all patients
    category: str
    # The stored value it replaces: (pk, numerator, denominator, count, text), or None.
    current: tuple | None = None
    unusual: bool = False

    @property
    def period(self):
        return self.row.period

    @property
    def key(self):
        return (
            self.site.pk,
            self.row.period,
            self.measure.pk,
            self.stratum.pk if self.stratum else None,
            self.category,
        )

    @property
    def values(self):
        row = self.row
        return (row.numerator, row.denominator, row.count, row.text)


@dataclass
class ImportPlan:
    filename: str
    checksum: str = ""
    format: str | None = None
    rows_read: int = 0
    new: list = field(default_factory=list)
    changed: list = field(default_factory=list)
    unchanged: int = 0
    # Months that get a draft submission: (site, period).
    drafts: list = field(default_factory=list)
    warnings: list = field(default_factory=list)  # uploads.RowError
    notes: list = field(default_factory=list)  # about the file as a whole
    errors: list = field(default_factory=list)  # uploads.RowError
    errors_left_out: int = 0
    # (site id, period) → (submission id, status) of the months the file touches, as planned.
    submissions: dict = field(default_factory=dict)

    @property
    def ok(self):
        return not self.errors

    @property
    def has_changes(self):
        return bool(self.new or self.changed)

    @property
    def error_count(self):
        return len(self.errors) + self.errors_left_out

    def fingerprint(self):
        """What applying the plan would store, in a few bytes: a confirmation applies only
        what its preview showed."""
        digest = hashlib.sha256(self.checksum.encode())
        for kind, figures in (("new", self.new), ("changed", self.changed)):
            for figure in figures:
                digest.update(repr((kind, figure.key, figure.values, figure.unusual)).encode())
        digest.update(repr(self.unchanged).encode())
        return digest.hexdigest()

    def error(self, line, column, message):
        if len(self.errors) < uploads.MAX_ERRORS:
            self.errors.append(uploads.RowError(line, column, message))
        else:
            self.errors_left_out += 1


def month_label(period):
    return date_format(period, "YEAR_MONTH_FORMAT")


def figure_text(kind, numerator=None, denominator=None, count=None, text=""):
    """A figure as people read it: "12 of 20 (60%)", "7", or the text."""
    if kind == checks.RATIO:
        if numerator is None or denominator is None:
            return ""
        share = f" ({100 * numerator / denominator:.0f}%)" if denominator else ""
        return _("%(n)s of %(d)s") % {"n": numerator, "d": denominator} + share
    if kind == checks.TEXT:
        return text
    return "" if count is None else str(count)


def plan_import(data, filename, *, site=None, limits=uploads.WEB_LIMITS, today=None):
    """What importing these bytes would do, changing nothing. `site`: the only site whose rows
    are accepted (a data manager's upload, or the command's --site); None: every site's."""
    plan = ImportPlan(filename=filename, checksum=hashlib.sha256(data).hexdigest())
    parsed = uploads.parse(data, limits=limits)
    plan.format, plan.rows_read, plan.notes = parsed.format, parsed.rows_read, parsed.notes
    plan.errors, plan.errors_left_out = list(parsed.errors), parsed.errors_left_out
    if parsed.rows:
        today = today or timezone.localdate()
        figures = _Resolver(plan, site, today).resolve(parsed.rows)
        _compare(plan, figures)
    plan.errors.sort(key=lambda error: error.line)
    if plan.errors:
        plan.new, plan.changed, plan.drafts, plan.warnings = [], [], [], []
    return plan


class _Resolver:
    """Rows to Figures: the codes looked up, the figures checked by the measure's rules."""

    def __init__(self, plan, site, today):
        self.plan, self.only_site, self.today = plan, site, today
        if site is not None:
            self.sites = {site.code.casefold(): site}
        else:
            self.sites = {s.code.casefold(): s for s in CollaborativeSite.objects.all()}
        measures = Measure.objects.prefetch_related("stratifications__strata")
        self.measures = {m.code.casefold(): m for m in measures}
        self.strata, self.categories = {}, {}
        for measure in self.measures.values():
            by_code = defaultdict(list)
            for stratification in measure.stratifications.all():
                for stratum in stratification.strata.all():
                    by_code[stratum.code.casefold()].append(stratum)
            self.strata[measure.pk] = by_code
            self.categories[measure.pk] = {
                code.casefold(): code for code, _label in measure.category_choices
            }

    def resolve(self, rows):
        figures = []
        for row in rows:
            problems = []
            site = self._site(row, problems)
            measure = self._measure(row, problems)
            self._period(row, site, problems)
            stratum, category = None, row.category
            if measure is not None:
                stratum = self._stratum(row, measure, problems)
                category = self.categories[measure.pk].get(row.category.casefold(), category)
                self._figure(row, measure, category, problems)
            for column, message in problems:
                self.plan.error(row.line, column, message)
            if not problems:
                figures.append(Figure(row, site, measure, stratum, category))
        return figures

    def _site(self, row, problems):
        site = self.sites.get(row.site.casefold())
        if site is not None:
            return site
        if self.only_site is not None:
            # Another site's row: refused without saying whether that site exists.
            problems.append(
                (
                    "site",
                    _("This file is for %(site)s only, and this row is for “%(other)s”.")
                    % {"site": self.only_site.code, "other": row.site},
                )
            )
        else:
            problems.append(
                ("site", _("There is no site with the code “%(code)s”.") % {"code": row.site})
            )
        return None

    def _measure(self, row, problems):
        measure = self.measures.get(row.measure.casefold())
        if measure is None:
            problems.append(
                (
                    "measure",
                    _("There is no measure with the code “%(code)s”.") % {"code": row.measure},
                )
            )
        elif not measure.is_active:
            problems.append(
                (
                    "measure",
                    _("%(measure)s is no longer reported.") % {"measure": measure.code},
                )
            )
            return None
        return measure

    def _period(self, row, site, problems):
        problems.extend((p.field, p.message) for p in checks.check_period(row.period, self.today))
        if site is None:
            return
        if row.period < periods.month_of(site.joined_on):
            problems.append(
                (
                    "period",
                    _("%(site)s reports from %(month)s: this month is before that.")
                    % {"site": site.code, "month": month_label(site.joined_on)},
                )
            )
        elif site.left_on and row.period > periods.month_of(site.left_on):
            problems.append(
                (
                    "period",
                    _("%(site)s's last month reported is %(month)s.")
                    % {"site": site.code, "month": month_label(site.left_on)},
                )
            )

    def _stratum(self, row, measure, problems):
        if not row.stratum:
            return None
        by_code = self.strata[measure.pk]
        found = by_code.get(row.stratum.casefold(), [])
        if len(found) == 1 and measure.kind != checks.TEXT:
            return found[0]
        if measure.kind == checks.TEXT:
            message = _("%(measure)s takes one text for the month: leave the stratum empty.")
        elif not by_code:
            message = _("%(measure)s is not reported by stratum: leave the stratum empty.")
        elif not found:
            message = _(
                "“%(stratum)s” is not a stratum of %(measure)s. Use one of: %(choices)s, or "
                "leave it empty for all patients."
            )
        else:
            message = _(
                "“%(stratum)s” names a stratum in more than one of %(measure)s's "
                "stratifications. Ask the consortium to make the codes distinct."
            )
        codes = sorted({s.code for strata in by_code.values() for s in strata})
        problems.append(
            (
                "stratum",
                message
                % {"stratum": row.stratum, "measure": measure.code, "choices": ", ".join(codes)},
            )
        )
        return None

    def _figure(self, row, measure, category, problems):
        kind = measure.kind
        takes = COLUMNS_OF_KIND[kind]
        given = {
            "numerator": row.numerator is not None,
            "denominator": row.denominator is not None,
            "count": row.count is not None,
            "category": bool(row.category),
            "text": bool(row.text),
        }
        for column in ALL_FIGURE_COLUMNS:
            if given[column] and column not in takes:
                problems.append((column, wrong_kind_message(measure)))
        if kind == checks.RATIO and not (given["numerator"] or given["denominator"]):
            problems.append(("numerator", _("Give the numerator and the denominator.")))
        elif kind == checks.CATEGORICAL and not given["category"]:
            choices = ", ".join(self.categories[measure.pk].values())
            problems.append(
                ("category", _("Give the category: one of %(choices)s.") % {"choices": choices})
            )
        if kind in (checks.COUNT, checks.CATEGORICAL) and not given["count"]:
            problems.append(("count", _("Give the count.")))
        if kind == checks.TEXT and not given["text"]:
            problems.append(("text", _("Give the text.")))
        for problem in checks.check_figure(
            kind,
            numerator=row.numerator,
            denominator=row.denominator,
            count=row.count,
            category=category,
            categories=tuple(self.categories[measure.pk].values()),
            text=row.text,
        ):
            problems.append((problem.field, problem.message))


def wrong_kind_message(measure):
    """For a figure in a column the measure does not take (a count for a ratio…)."""
    messages = {
        checks.RATIO: _(
            "%(measure)s is a ratio: give its numerator and denominator, and leave this empty."
        ),
        checks.COUNT: _(
            "%(measure)s is a count: give it in the count column, and leave this empty."
        ),
        checks.CATEGORICAL: _(
            "%(measure)s counts patients by category: give the category and its count, and "
            "leave this empty."
        ),
        checks.TEXT: _("%(measure)s takes text only: leave this empty."),
    }
    return messages[measure.kind] % {"measure": measure.code}


def _months_before(period, count):
    index = period.year * 12 + period.month - 1 - count
    return period.replace(year=index // 12, month=index % 12 + 1, day=1)


def _compare(plan, figures):
    """Sort the figures into new, changed and unchanged against what is stored; refuse changes
    to submitted months; warn of figures far outside the site's own history."""
    if not figures:
        return
    site_ids = {f.site.pk for f in figures}
    measure_ids = {f.measure.pk for f in figures}
    first = min(f.period for f in figures)
    last = max(f.period for f in figures)
    stored = {}
    history = defaultdict(dict)  # (site, measure, stratum, category) → {period: number}
    kinds = {f.measure.pk: f.measure.kind for f in figures}
    values = MeasureValue.objects.filter(
        submission__site_id__in=site_ids,
        measure_id__in=measure_ids,
        submission__period__range=(_months_before(first, HISTORY_MONTHS), last),
    ).values_list(
        "submission__site_id",
        "submission__period",
        "measure_id",
        "stratum_id",
        "category",
        "pk",
        "numerator",
        "denominator",
        "count",
        "text",
    )
    for site_id, period, measure_id, stratum_id, category, *current in values.iterator(2000):
        stored[(site_id, period, measure_id, stratum_id, category)] = tuple(current)
        number = _number(kinds[measure_id], *current[1:4])
        if number is not None:
            history[(site_id, measure_id, stratum_id, category)][period] = number
    months = Submission.objects.filter(site_id__in=site_ids, period__range=(first, last))
    known = {
        (s, p): (pk, status)
        for s, p, pk, status in months.values_list("site_id", "period", "pk", "status")
    }

    for figure in figures:
        site_id, period, measure_id, stratum_id, category = figure.key
        number = _number(figure.measure.kind, *figure.values[:3])
        if number is not None:
            history[(site_id, measure_id, stratum_id, category)][period] = number
    drafts = set()
    for figure in figures:
        current = stored.get(figure.key)
        if current is not None and current[1:] == figure.values:
            plan.unchanged += 1
            continue
        figure.current = current
        month = known.get((figure.site.pk, figure.period))
        if month is not None and month[1] == Submission.Status.SUBMITTED:
            plan.error(
                figure.row.line,
                MAIN_COLUMN[figure.measure.kind],
                _(
                    "%(month)s is submitted. To change it, reopen it on its month's page "
                    "(giving a reason), then upload the file again."
                )
                % {"month": month_label(figure.period)},
            )
            continue
        if month is None:
            drafts.add((figure.site, figure.period))
        plan.submissions[(figure.site.pk, figure.period)] = month
        (plan.changed if current else plan.new).append(figure)
    plan.drafts = sorted(drafts, key=lambda d: (d[0].code, d[1]))
    _warn_unusual(plan, history)


def _number(kind, numerator, denominator, count):
    """What a figure is compared by: a proportion for ratios, the count otherwise."""
    if kind == checks.RATIO:
        return checks.proportion(numerator, denominator) if numerator is not None else None
    if kind in (checks.COUNT, checks.CATEGORICAL):
        return count
    return None


def _warn_unusual(plan, history):
    ordered = {}
    for figure in plan.new + plan.changed:
        kind = figure.measure.kind
        value = _number(kind, *figure.values[:3])
        if value is None or not submissions.may_be_unusual(figure):
            continue
        site_id, period, measure_id, stratum_id, category = figure.key
        series_key = (site_id, measure_id, stratum_id, category)
        if series_key not in ordered:
            ordered[series_key] = sorted(history[series_key].items())
        series = ordered[series_key]
        end = bisect_left(series, (period,))
        earlier = [number for _period, number in series[max(0, end - HISTORY_MONTHS) : end]]
        is_proportion = kind == checks.RATIO
        if not checks.is_unusual(value, earlier, is_proportion=is_proportion):
            continue
        figure.unusual = True
        median = statistics.median(earlier)
        plan.warnings.append(
            uploads.RowError(
                figure.row.line,
                MAIN_COLUMN[kind],
                _(
                    "This is far from %(site)s's usual figures for %(measure)s (the median of "
                    "its %(months)s earlier months is %(median)s). Check it: importing "
                    "confirms it as correct."
                )
                % {
                    "site": figure.site.code,
                    "measure": figure.measure.code,
                    "months": len(earlier),
                    "median": f"{100 * median:.0f}%" if is_proportion else f"{median:g}",
                },
            )
        )
    plan.warnings.sort(key=lambda warning: warning.line)


def apply_import(plan, *, user=None):
    """Store a plan made by plan_import, all of it in one transaction. Raises PlanOutdated (and
    stores nothing) when a month it touches was submitted or created since it was made."""
    if not plan.ok:
        raise ValueError("A plan with errors cannot be applied.")
    if not plan.has_changes:
        return plan
    with transaction.atomic():
        _apply(plan, user)
    return plan


def _apply(plan, user):
    figures = plan.new + plan.changed
    touched = {(f.site.pk, f.period) for f in figures}
    first, last = min(p for _s, p in touched), max(p for _s, p in touched)
    site_ids = {s for s, _p in touched}
    months = Submission.objects.select_for_update().filter(
        site_id__in=site_ids, period__range=(first, last)
    )
    found = {
        (s, p): (pk, status)
        for s, p, pk, status in months.values_list("site_id", "period", "pk", "status")
    }
    for month in touched:
        if found.get(month) != plan.submissions.get(month):
            raise PlanOutdated
    create_drafts([month for month in touched if month not in found], user)
    ids = {
        (s, p): pk
        for s, p, pk in Submission.objects.filter(
            site_id__in=site_ids, period__range=(first, last)
        ).values_list("site_id", "period", "pk")
    }
    record_values(plan.new, plan.changed, ids)
    touched_ids = iter(sorted(ids[month] for month in touched))
    now = timezone.now()
    while batch := list(islice(touched_ids, BATCH_SIZE)):
        Submission.objects.filter(pk__in=batch).update(updated_by=user, updated_at=now)


def create_drafts(months, user):
    """Draft submissions for (site id, period) months that have none."""
    Submission.objects.bulk_create(
        [
            Submission(
                site_id=site_id, period=period, status=Submission.Status.DRAFT, updated_by=user
            )
            for site_id, period in months
        ],
        batch_size=BATCH_SIZE,
    )


def record_values(new, changed, submission_ids):
    """Store new figures and overwrite changed ones; `submission_ids`: (site id, period) → id."""
    MeasureValue.objects.bulk_create(
        (
            MeasureValue(
                submission_id=submission_ids[(f.site.pk, f.period)],
                measure=f.measure,
                stratum=f.stratum,
                category=f.category,
                numerator=f.row.numerator,
                denominator=f.row.denominator,
                count=f.row.count,
                text=f.row.text,
                confirmed_unusual=f.unusual,
            )
            for f in new
        ),
        batch_size=BATCH_SIZE,
    )
    MeasureValue.objects.bulk_update(
        [
            MeasureValue(
                pk=f.current[0],
                numerator=f.row.numerator,
                denominator=f.row.denominator,
                count=f.row.count,
                text=f.row.text,
                confirmed_unusual=f.unusual,
            )
            for f in changed
        ],
        ["numerator", "denominator", "count", "text", "confirmed_unusual"],
        batch_size=BATCH_SIZE,
    )
