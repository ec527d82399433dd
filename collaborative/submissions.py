"""A site's months, from the data manager's side: which months are due and where each stands,
the month's sheet of measures, drafts, submitting, reopening with a reason, the coach's
comments, and figures far outside the site's own history.

What a submission needs: for all patients, both figures of every ratio measure and the count
of every count measure. Strata, categories and text are optional (a site may not collect them
every month). A draft may hold anything that passes the checks, however incomplete.

Views, commands and tasks call these functions; every change runs in one transaction and the
e-mails it causes go out after the commit, through the task backend.
"""

import datetime
from dataclasses import dataclass, field
from functools import partial

from django.conf import settings
from django.db import transaction
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry

from . import checks, periods, pooling
from .models import CoachComment, Measure, MeasureValue, Stratum, Submission

# Audit-log actions (registered in wagtail_hooks): a month submitted, and reopened with a reason.
SUBMITTED_ACTION = "collaborative.submission.submit"
REOPENED_ACTION = "collaborative.submission.reopen"
# How far back a figure is compared with the site's own history: long enough for
# checks.UNUSUAL_MIN_HISTORY months, short enough that last year's improvement is not "unusual".
UNUSUAL_HISTORY_MONTHS = 24


class MonthStatus:
    NOT_STARTED = "not_started"
    DRAFT = "draft"
    SUBMITTED = "submitted"
    REOPENED = "reopened"

    LABELS = {
        NOT_STARTED: _("Not started"),
        DRAFT: _("Draft"),
        SUBMITTED: _("Submitted"),
        REOPENED: _("Reopened"),
    }


class MonthIsSubmitted(Exception):
    """A submitted month is read-only until its data manager reopens it."""


class MonthNotReopenable(Exception):
    """Only a submitted month can be reopened."""


def today():
    return timezone.localdate()


def due_day():
    return settings.COLLABORATIVE_DUE_DAY


def due_date(period):
    return periods.due_date(period, due_day())


def status_of(submission):
    """Where a month stands. A reopened month is a draft that was submitted before (its
    submitted_at stays until it is submitted again)."""
    if submission is None:
        return MonthStatus.NOT_STARTED
    if submission.is_submitted:
        return MonthStatus.SUBMITTED
    return MonthStatus.REOPENED if submission.submitted_at else MonthStatus.DRAFT


# The site's months


@dataclass
class Month:
    period: datetime.date
    due: datetime.date
    status: str
    submission: Submission | None
    overdue: bool

    @property
    def status_label(self):
        return MonthStatus.LABELS[self.status]

    @property
    def is_submitted(self):
        return self.status == MonthStatus.SUBMITTED


def is_site_month(site, period):
    """Whether the site reports this month at all (from the month it joined to the one it
    left), ended or not."""
    if period < periods.month_of(site.joined_on):
        return False
    return site.left_on is None or period <= periods.month_of(site.left_on)


def site_months(site, on=None):
    """Every month the site reports that has ended, oldest first, each with its due date and
    status (one query)."""
    on = on or today()
    submissions = {
        s.period: s
        for s in Submission.objects.filter(site=site).only(
            "pk", "site_id", "period", "status", "submitted_at", "updated_at"
        )
    }
    result = []
    for period in periods.reportable(site.joined_on, site.left_on, on):
        submission = submissions.get(period)
        status = status_of(submission)
        due = due_date(period)
        result.append(
            Month(period, due, status, submission, status != MonthStatus.SUBMITTED and on > due)
        )
    return result


def next_month_to_open(site, on=None):
    """The month that ends next, if the site will report it: (period, first day it can be
    entered, due date), or None."""
    on = on or today()
    period = periods.month_of(on)
    if not is_site_month(site, period):
        return None
    return period, periods.next_month(period), due_date(period)


# The month's sheet: what a site reports for a month


@dataclass
class MeasureSheet:
    measure: Measure
    definition: object  # MeasureDefinition or None
    strata: list  # [Stratum]: a row each besides all patients

    @property
    def rows(self):
        return [None, *self.strata]


@dataclass
class SetSheet:
    measure_set: object
    measures: list = field(default_factory=list)


def month_sheet(period):
    """Every active measure of every measure set, grouped by set in order, each with the
    definition that applied in the month and the strata it is reported by (three queries)."""
    measures = (
        Measure.objects.filter(is_active=True)
        .select_related("measure_set")
        .prefetch_related(
            "definitions",
            Prefetch(
                "stratifications__strata",
                queryset=Stratum.objects.order_by("sort_order", "pk"),
            ),
        )
    )
    sets = {}
    for measure in measures:
        strata = []
        if measure.kind != Measure.Kind.TEXT:  # a text is one answer for the month
            for stratification in measure.stratifications.all():
                strata += list(stratification.strata.all())
        sheet = MeasureSheet(measure, measure.definition_for(period), strata)
        sets.setdefault(measure.measure_set_id, SetSheet(measure.measure_set)).measures.append(
            sheet
        )
    return list(sets.values())


def sheet_measures(sheet):
    return [m for set_sheet in sheet for m in set_sheet.measures]


# Figures


@dataclass
class Figure:
    """One figure of a month: a measure for all patients or one stratum (and one category of
    a categorical measure)."""

    measure: Measure
    stratum: Stratum | None = None
    category: str = ""
    numerator: int | None = None
    denominator: int | None = None
    count: int | None = None
    text: str = ""
    confirmed_unusual: bool = False

    @property
    def key(self):
        return figure_key(self.measure, self.stratum, self.category)

    @property
    def is_empty(self):
        return (
            self.numerator is None
            and self.denominator is None
            and self.count is None
            and not self.text.strip()
        )

    def value(self):
        """What is compared with the site's history: a proportion or a count."""
        if self.measure.kind == Measure.Kind.RATIO:
            if self.numerator is None:
                return None
            return checks.proportion(self.numerator, self.denominator)
        return self.count


def figure_key(measure, stratum=None, category=""):
    measure_id = measure if isinstance(measure, int) else measure.pk
    stratum_id = stratum if stratum is None or isinstance(stratum, int) else stratum.pk
    return (measure_id, stratum_id, category)


def stored_figures(submission):
    """{key: Figure} of what a month holds."""
    if submission is None:
        return {}
    values = MeasureValue.objects.filter(submission=submission).select_related("measure", "stratum")
    figures = {}
    for value in values:
        figure = Figure(
            value.measure,
            value.stratum,
            value.category,
            value.numerator,
            value.denominator,
            value.count,
            value.text,
            value.confirmed_unusual,
        )
        figures[figure.key] = figure
    return figures


def may_be_unusual(figure):
    """Only the all-patients figures of ratios and counts are compared with history: a
    stratum's few patients swing too much from month to month to judge."""
    return (
        figure.stratum is None
        and not figure.category
        and figure.measure.kind in (Measure.Kind.RATIO, Measure.Kind.COUNT)
    )


def unusual_keys(site, period, figures):
    """The keys of the figures far outside the site's own submitted history of the same
    measure, in the months before this one (one query)."""
    candidates = [f for f in figures if may_be_unusual(f) and f.value() is not None]
    if not candidates:
        return set()
    since = period
    for _month in range(UNUSUAL_HISTORY_MONTHS):
        since = periods.previous_month(since)
    history = {}
    rows = MeasureValue.objects.filter(
        submission__site=site,
        submission__status=Submission.Status.SUBMITTED,
        submission__period__lt=period,
        submission__period__gte=since,
        stratum__isnull=True,
        category="",
        measure__in=[f.measure.pk for f in candidates],
    ).values_list("measure_id", "measure__kind", "numerator", "denominator", "count")
    for measure_id, kind, numerator, denominator, count in rows:
        if kind == Measure.Kind.RATIO:
            value = None if numerator is None else checks.proportion(numerator, denominator)
        else:
            value = count
        history.setdefault(measure_id, []).append(value)
    return {
        f.key
        for f in candidates
        if checks.is_unusual(
            f.value(),
            history.get(f.measure.pk, []),
            is_proportion=f.measure.kind == Measure.Kind.RATIO,
        )
    }


def missing_for_submission(sheet, figures):
    """[(measure, part)] of the figures a submission needs that are empty: for all patients,
    the numerator and denominator of every ratio and the count of every count."""
    by_key = {f.key: f for f in figures}
    missing = []
    for measure_sheet in sheet_measures(sheet):
        measure = measure_sheet.measure
        figure = by_key.get(figure_key(measure))
        if measure.kind == Measure.Kind.RATIO:
            for part in ("numerator", "denominator"):
                if figure is None or getattr(figure, part) is None:
                    missing.append((measure, part))
        elif measure.kind == Measure.Kind.COUNT and (figure is None or figure.count is None):
            missing.append((measure, "count"))
    return missing


@dataclass
class SaveResult:
    submission: Submission | None
    saved: bool
    submitted: bool = False
    missing: list = field(default_factory=list)  # [(measure, part)]
    unusual: set = field(default_factory=set)  # keys flagged
    unconfirmed: set = field(default_factory=set)  # flagged keys not confirmed


def save_month(site, period, sheet, figures, *, user, submit=False, confirmed=(), on=None):
    """Save the month's figures as a draft, or submit them.

    The figures replace what the month held (an empty one is removed). A flagged figure (far
    outside the site's history) is stored with confirmed_unusual when its key is among
    `confirmed`. Submitting refuses, changing nothing, while a needed figure is missing or a
    flagged one is unconfirmed; the result says which. Raises MonthIsSubmitted for a submitted
    month. The caller has checked the figures (collaborative.checks) and the period."""
    on = on or today()
    figures = [f for f in figures if not f.is_empty]
    unusual = unusual_keys(site, period, figures)
    confirmed = set(confirmed) & unusual
    if submit:
        missing = missing_for_submission(sheet, figures)
        unconfirmed = unusual - confirmed
        if missing or unconfirmed:
            return SaveResult(
                None, False, missing=missing, unusual=unusual, unconfirmed=unconfirmed
            )
    with transaction.atomic():
        submission, _created = Submission.objects.select_for_update().get_or_create(
            site=site, period=period, defaults={"updated_by": user}
        )
        if submission.is_submitted:
            raise MonthIsSubmitted
        MeasureValue.objects.filter(submission=submission).delete()
        MeasureValue.objects.bulk_create(
            MeasureValue(
                submission=submission,
                measure=f.measure,
                stratum=f.stratum,
                category=f.category,
                numerator=f.numerator,
                denominator=f.denominator,
                count=f.count,
                text=f.text.strip(),
                confirmed_unusual=f.key in confirmed,
            )
            for f in figures
        )
        submission.updated_by = user
        if submit:
            submission.status = Submission.Status.SUBMITTED
            submission.submitted_at = timezone.now()
            submission.submitted_by = user
            log(
                submission,
                SUBMITTED_ACTION,
                user=user,
                data={"site": site.code, "period": f"{period:%Y-%m}"},
            )
            # collaborative.tasks imports this module
            from .tasks import notify_submitted

            transaction.on_commit(partial(notify_submitted.enqueue, submission.pk), robust=True)
        submission.save()
        if submit:
            pooling.refresh(periods=[period])
    return SaveResult(
        submission,
        True,
        submitted=submit,
        unusual=unusual,
        unconfirmed=unusual - confirmed,
    )


def reopen(submission, *, user, reason):
    """Open a submitted month for changes again; the reason is recorded in the audit log with
    who and when."""
    reason = reason.strip()
    if not reason:
        raise ValueError("A reason is required to reopen a month.")
    with transaction.atomic():
        submission = Submission.objects.select_for_update().get(pk=submission.pk)
        if not submission.is_submitted:
            raise MonthNotReopenable
        submission.status = Submission.Status.DRAFT
        submission.updated_by = user
        submission.save()
        pooling.refresh(periods=[submission.period])
        log(
            submission,
            REOPENED_ACTION,
            user=user,
            data={
                "site": submission.site.code,
                "period": f"{submission.period:%Y-%m}",
                "reason": reason,
            },
        )
    return submission


@dataclass
class HistoryEntry:
    action: str
    user: object
    timestamp: datetime.datetime
    reason: str

    @property
    def is_reopening(self):
        return self.action == REOPENED_ACTION


def month_history(submission):
    """When the month was submitted and reopened, by whom, and why it was reopened; oldest
    first (one query)."""
    if submission is None:
        return []
    entries = (
        ModelLogEntry.objects.for_instance(submission)
        .filter(action__in=[SUBMITTED_ACTION, REOPENED_ACTION])
        .select_related("user")
        .order_by("timestamp", "pk")
    )
    return [
        HistoryEntry(e.action, e.user, e.timestamp, (e.data or {}).get("reason", ""))
        for e in entries
    ]


# The coach's comments


def add_comment(submission, *, author, text):
    """A coach's comment on a month; the site's data managers are e-mailed after the commit."""
    text = text.strip()
    if not text:
        raise ValueError("A comment needs text.")
    with transaction.atomic():
        comment = CoachComment.objects.create(submission=submission, author=author, text=text)
        # collaborative.tasks imports this module
        from .tasks import notify_comment

        transaction.on_commit(partial(notify_comment.enqueue, comment.pk), robust=True)
    return comment


def comments_on(submission):
    if submission is None:
        return []
    return list(CoachComment.objects.filter(submission=submission).select_related("author"))
