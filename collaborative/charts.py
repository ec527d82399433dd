"""The collaborative's charts, as each viewer may see them: the one place that turns submitted
figures into charts, and asks collaborative.access who is looking.

- A site's people and the coaches see the site's own series whole (figures, strata, texts).
- Beside it, the collaborative's pooled series: each month sums the numerators and
  denominators (or counts) of the sites that submitted it. Coaches see every month of it;
  everyone else (the site's people, the public) only the months chart_privacy finds
  publishable, and only their strata and categories that give nothing away. Statistics are
  computed from the months shown, so no hidden month can be worked out from a center line.
- Other sites appear to a site's people only in the comparison: each site's percentage over
  the last three months, under its pseudonym, with no count that tells its size, and not at
  all when a count in it is small. Counts and categories are not compared site by site: sites
  differ in size, and a count is a size.
- Texts go only to the site's people and the coaches.

Entry points, each callable from a view, a report or a command:
`site_chart(site, measure, viewer)`, `site_charts(site, viewer)`,
`aggregate_chart(measure, viewer)` (viewer None: the public), `public_charts()`,
`coach_overview(viewer, today)`, `coach_measure(measure, viewer, page_number)`.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field, replace

from django.conf import settings
from django.core.paginator import Paginator
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from portal.charts import svg as chart_svg

from . import access, chart_data, chart_display, chart_series, periods
from .chart_privacy import MIN_SITES, Cell, has_small, hidden_cells, pool, pooled_publishable
from .chart_series import Annotation, PhaseMark, Point, Series, format_value, month_label
from .models import CollaborativeSite, Measure, Submission

COMPARISON_MONTHS = 3
# A coach's page of a measure draws this many sites' charts (four rows of a wide screen's grid).
SITES_PER_PAGE = 24


def measures():
    """Measures with their definitions, oldest first (one query for each)."""
    return chart_data.measures_queryset()


def charted(measure):
    return measure.kind in (Measure.Kind.RATIO, Measure.Kind.COUNT)


def privacy_note():
    limit = access.small_cell_max()
    return _(
        "Figures that other sites or the public see: a month of the collaborative is shown "
        "only when at least %(sites)d sites reported it and no count in it, nor in what is "
        "left when any one site takes away its own, is from 1 to %(limit)d. A stratum or "
        "category that could give such a count away is not shown either, with as many others "
        "as it takes."
    ) % {"sites": MIN_SITES, "limit": limit}


# --- the collaborative's pooled series --------------------------------------------------------


@dataclass
class Aggregate:
    """The collaborative's figures of a measure, as one viewer may see them."""

    measure: Measure
    protected: bool
    id: str = ""
    chart: chart_display.Chart | None = None
    bars: chart_display.Bars | None = None
    strata: StrataTable | None = None
    pooled_note: str = ""

    @property
    def simulated(self):
        if self.chart is not None:
            return self.chart.simulated
        return bool(self.bars and self.bars.simulated)

    @property
    def summary(self):
        return self.chart.summary if self.chart else ""

    def shown_values(self):
        if self.chart is None:
            return {}
        return {p.period: p.value for p in self.chart.series.points if p.cell is not None}

    def with_id(self, chart_id):
        """The same figures under another id (their charts are not copied: read them only)."""
        chart = replace(self.chart, id=chart_id) if self.chart is not None else None
        return replace(self, id=chart_id, chart=chart)


def aggregate_chart(measure, viewer=None, *, data=None, chart_id=None):
    """The collaborative's chart of ``measure``; ``viewer`` None is the public."""
    if data is None:
        data = chart_data.load([measure], strata=True, site_notes=False)
    protect = viewer is None or not access.is_coach(viewer)
    return _aggregate(measure, data, protect, chart_id or f"all-{measure.code}")


def _aggregate(measure, data, protect, chart_id):
    """The collaborative's figures of ``measure`` from ``data``: made once for each audience
    (protected or not) of a Dataset, however many sites' charts show them."""
    key = ("aggregate", measure.pk, protect)
    if key not in data.memo:
        data.memo[key] = _make_aggregate(measure, data, protect)
    return data.memo[key].with_id(chart_id)


def _make_aggregate(measure, data, protect):
    limit = access.small_cell_max()
    result = Aggregate(measure=measure, protected=protect)
    months = data.pooled_months(measure)
    if not months:
        return result
    span = list(periods.months(min(months), max(months)))
    points = []
    for period in span:
        month = months.get(period)
        if month is None:
            points.append(Point(period, None, "missing", sites=0, simulated=False))
            continue
        cell, gap, sites = month.pool.cell, "", month.pool.sites
        if protect and not pooled_publishable(month.pool, limit):
            cell, gap = None, "few_sites" if sites < MIN_SITES else "suppressed"
        points.append(Point(period, cell, gap, sites=sites, simulated=month.simulated))
    if protect:
        points = _trimmed(points)
    if not points:
        return result
    pooled = [p.sites for p in points if p.cell is not None]
    if pooled:
        result.pooled_note = _pooled_note(min(pooled), max(pooled))
    if measure.kind == Measure.Kind.CATEGORICAL:
        result.bars = _aggregate_bars(measure, data, points, protect, limit)
        return result
    shown = [p.period for p in points]
    series = Series(
        label=_("All sites"),
        measure=measure,
        points=points,
        phases=_phases(shown, measure),
    )
    chart_series.analyze(series)
    result.chart = chart_display.chart(
        "",
        _("%(measure)s: all sites of the collaborative, each month") % {"measure": measure.name},
        series,
        _("All sites"),
        show_counts=True,
        show_sites=True,
    )
    result.strata = _aggregate_strata(measure, data, points, protect, limit)
    return result


def _trimmed(points):
    """Without the months before the first shown and after the last."""
    shown = [i for i, p in enumerate(points) if p.cell is not None]
    return points[shown[0] : shown[-1] + 1] if shown else []


def _pooled_note(fewest, most):
    if fewest == most:
        return ngettext(
            "Each month pools the %(count)d site that submitted it.",
            "Each month pools the %(count)d sites that submitted it.",
            most,
        ) % {"count": most}
    return _(
        "Each month pools the sites that submitted it: from %(fewest)d to %(most)d sites "
        "(the table says how many each month)."
    ) % {"fewest": fewest, "most": most}


# --- strata -----------------------------------------------------------------------------------


@dataclass
class StrataTable:
    strata: list  # [StratumLabel]
    rows: list  # [(month label, [text a stratum])]
    csv_rows: list  # [(period, stratum label, Cell or None)]


def _cell_text(cell, unit):
    if cell is None:
        return ""
    if cell.denominator is None:
        return format_value(cell.value, unit)
    return _("%(value)s (%(numerator)s of %(denominator)s)") % {
        "value": format_value(cell.value, unit) if cell.denominator else "–",
        "numerator": cell.numerator,
        "denominator": cell.denominator,
    }


def _site_strata(measure, data, months, span, unit):
    strata = data.strata.get(measure.pk, [])
    if not strata or not any(months.get(p) and months[p].strata for p in span):
        return None
    rows, csv_rows = [], []
    for period in span:
        month = months.get(period)
        if month is None or not month.strata:
            continue
        texts = []
        for stratum in strata:
            cell = month.strata.get(stratum.pk)
            texts.append(_cell_text(cell, unit))
            if cell is not None:
                csv_rows.append((period, stratum.label, cell))
        rows.append((month_label(period), texts))
    return StrataTable(strata=strata, rows=rows, csv_rows=csv_rows)


def _aggregate_strata(measure, data, points, protect, limit):
    strata = data.strata.get(measure.pk, [])
    if not strata:
        return None
    if data.pooled_strata is not None:
        if protect:
            raise ValueError("Strata pooled by the database cannot be protected: load every site.")
        return _summed_strata(measure, data, points, strata)
    contributions = defaultdict(dict)  # period -> {site id: Cell} of the months' figures
    for site_id, months in data.by_site(measure).items():
        for period, month in months.items():
            if month.total is not None:
                contributions[period][site_id] = month.total
    unit = "percent" if measure.kind == Measure.Kind.RATIO else "count"
    groups = defaultdict(list)
    for stratum in strata:
        groups[stratum.stratification].append(stratum)
    by_site = data.by_site(measure)
    rows, csv_rows = [], []
    not_shown = _("Not shown")
    for point in points:
        cells = defaultdict(dict)  # stratum pk -> {site id: Cell}
        for site_id in contributions.get(point.period, {}):
            for stratum_pk, cell in by_site[site_id][point.period].strata.items():
                cells[stratum_pk][site_id] = cell
        if not cells:
            continue
        hidden = set()
        if point.cell is None:
            hidden = set(cells)
        elif protect:
            month = contributions[point.period]
            for group in groups.values():
                keys = {s.pk for s in group}
                hidden |= hidden_cells({k: v for k, v in cells.items() if k in keys}, month, limit)
        texts = []
        for stratum in strata:
            if stratum.pk not in cells:
                texts.append("")
                continue
            cell = None if stratum.pk in hidden else pool(cells[stratum.pk].values())
            texts.append(not_shown if cell is None else _cell_text(cell, unit))
            csv_rows.append((point.period, stratum.label, cell))
        rows.append((month_label(point.period), texts))
    if not rows:
        return None
    return StrataTable(strata=strata, rows=rows, csv_rows=csv_rows)


def _summed_strata(measure, data, points, strata):
    """The strata table of a coach's aggregate from the database's sums."""
    unit = "percent" if measure.kind == Measure.Kind.RATIO else "count"
    by_period = data.pooled_strata.get(measure.pk, {})
    rows, csv_rows = [], []
    for point in points:
        cells = by_period.get(point.period)
        if not cells:
            continue
        texts = []
        for stratum in strata:
            cell = cells.get(stratum.pk)
            texts.append(_cell_text(cell, unit))
            if cell is not None:
                csv_rows.append((point.period, stratum.label, cell))
        rows.append((month_label(point.period), texts))
    if not rows:
        return None
    return StrataTable(strata=strata, rows=rows, csv_rows=csv_rows)


# --- categories -------------------------------------------------------------------------------


def _aggregate_bars(measure, data, points, protect, limit):
    by_site = data.by_site(measure)
    months = []
    for point in points:
        sites = [s for s in by_site if point.period in by_site[s]]
        cells = defaultdict(dict)
        for site_id in sites:
            for code, count in by_site[site_id][point.period].categories.items():
                cells[code][site_id] = Cell(count)
        if point.cell is None:
            months.append((point.period, {}, None))
            continue
        hidden = set()
        if protect:
            month = {s: by_site[s][point.period].total for s in sites}
            hidden = hidden_cells(cells, month, limit)
        counts = {
            code: (None if code in hidden else pool(by_site_cells.values()).numerator)
            for code, by_site_cells in cells.items()
        }
        for code, _label in measure.category_choices:
            counts.setdefault(code, 0)
        months.append((point.period, counts, point.cell.numerator))
    simulated = any(p.simulated for p in points if p.cell is not None)
    return chart_display.bars(measure.category_choices, months, simulated=simulated)


def _site_bars(measure, months, span, simulated):
    rows = []
    for period in span:
        month = months.get(period)
        if month is None or not month.categories:
            rows.append((period, {}, None))
            continue
        counts = {code: month.categories.get(code, 0) for code, _label in measure.category_choices}
        rows.append((period, counts, sum(month.categories.values())))
    return chart_display.bars(measure.category_choices, rows, simulated=simulated)


# --- phases and tests of change ---------------------------------------------------------------


def _index_from(span, day):
    """The index of the first month of ``span`` on or after ``day``'s month, or None."""
    start = periods.month_of(day)
    return next((i for i, period in enumerate(span) if period >= start), None)


def _phases(span, measure, changes=()):
    """Phase marks: the measure's new operational definitions, then the site's own changes."""
    reasons = defaultdict(list)
    for definition in measure.definitions.all():
        index = _index_from(span, definition.effective_from)
        if index:
            reasons[index].append(definition.change_note or _("new operational definition"))
    for change in changes:
        index = _index_from(span, change.effective_from)
        if index:
            reasons[index].append(_("this site: %s") % change.description)
    return [
        PhaseMark(index=index, start=span[index], reason="; ".join(texts))
        for index, texts in sorted(reasons.items())
    ]


def _annotations(span, cycles):
    """Tests of change, numbered by start date, drawn at their start month when it is charted."""
    marks = []
    for number, cycle in enumerate(cycles, start=1):
        index = _index_from(span, cycle.started_on)
        if index is not None and periods.month_of(cycle.started_on) == span[index]:
            marks.append(Annotation(index=index, number=number, cycle=cycle))
    return marks


# --- a site's chart ---------------------------------------------------------------------------


@dataclass
class Comparison:
    """Every site's percentage over the last months, de-identified for a site's people."""

    first: datetime.date
    last: datetime.date
    rows: list  # [(code, name, value or None, own)]
    dot_plot: object
    identified: bool

    @property
    def label(self):
        first, last = month_label(self.first), month_label(self.last)
        return first if first == last else f"{first} – {last}"

    def formatted_rows(self):
        return [(name, format_value(value, "percent"), own) for _c, name, value, own in self.rows]


@dataclass
class SiteChart:
    """A site's chart of a measure beside the collaborative's, for one viewer."""

    site: object
    measure: Measure
    site_label: str
    chart: chart_display.Chart | None = None
    aggregate: Aggregate | None = None
    bars: chart_display.Bars | None = None
    texts: list = field(default_factory=list)  # [(period, [text])], newest first
    strata: StrataTable | None = None
    comparison: Comparison | None = None
    definitions: list = field(default_factory=list)  # [(date, note, definition or None)]
    cycles: list = field(default_factory=list)  # [(number, cycle, url)]

    @property
    def summary(self):
        if self.chart is not None:
            return self.chart.summary
        if self.texts:
            return _("Latest text: %(month)s.") % {"month": month_label(self.texts[0][0])}
        if self.bars is not None and self.bars.table:
            return _("Latest month: %(month)s.") % {"month": self.bars.table[-1][0]}
        return _("No figures yet.")

    @property
    def simulated(self):
        return self.site.simulated or bool(self.aggregate and self.aggregate.simulated)

    @property
    def label(self):
        return self.site_label

    @property
    def url(self):
        return reverse("collaborative:site_measure_chart", args=[self.site.code, self.measure.code])

    @property
    def current_definition(self):
        return self.measure.current_definition


def site_chart(site, measure, viewer, *, data=None, detail=True):
    """``site``'s chart of ``measure`` beside the collaborative's, as ``viewer`` may see them
    (a site's people or a coach); with ``detail``, also the strata, the comparison with the
    other sites, the definition history and the tests of change."""
    access.require(access.can_view_site(viewer, site))
    if data is None:
        data = chart_data.load([measure], site=site, strata=detail)
    label = access.site_label(viewer, site)
    result = SiteChart(site=site, measure=measure, site_label=label)
    months = data.months(measure, site)
    if measure.kind == Measure.Kind.TEXT:
        result.texts = [
            (period, months[period].texts)
            for period in sorted(months, reverse=True)
            if months[period].texts
        ]
    else:
        # A categorical measure's pooled bars are shown on its own page only (detail).
        if detail or charted(measure):
            result.aggregate = _aggregate(
                measure, data, not access.is_coach(viewer), f"all-{measure.code}-{site.code}"
            )
        _site_series(result, measure, site, data, months, detail)
    if detail:
        result.definitions = _definition_history(measure, data.changes_for(site, measure))
        result.cycles = [
            (number, cycle, _cycle_url(site, cycle))
            for number, cycle in enumerate(data.cycles_for(site, measure), start=1)
        ]
        if measure.kind == Measure.Kind.RATIO:
            result.comparison = _comparison(measure, data, site, viewer, result.aggregate)
    return result


def _site_series(result, measure, site, data, months, detail):
    present = sorted(p for p, m in months.items() if m.total is not None)
    if not present:
        return
    span = list(periods.months(present[0], present[-1]))
    if measure.kind == Measure.Kind.CATEGORICAL:
        result.bars = _site_bars(measure, months, span, site.simulated)
        return
    beside = result.aggregate.shown_values() if measure.kind == Measure.Kind.RATIO else {}
    points = [
        Point(
            period,
            months[period].total if period in months else None,
            "" if period in months and months[period].total is not None else "missing",
            simulated=site.simulated,
            beside=beside.get(period),
        )
        for period in span
    ]
    series = Series(
        label=result.site_label,
        measure=measure,
        points=points,
        phases=_phases(span, measure, data.changes_for(site, measure)),
        annotations=_annotations(span, data.cycles_for(site, measure)),
    )
    chart_series.analyze(series)
    result.chart = chart_display.chart(
        f"site-{measure.code}-{site.code}",
        _("%(measure)s: %(site)s, each month")
        % {"measure": measure.name, "site": result.site_label},
        series,
        result.site_label,
        beside_label=_("All sites (squares)"),
        show_counts=True,
        show_sites=False,
    )
    if detail:
        result.strata = _site_strata(measure, data, months, span, series.unit)


def _definition_history(measure, changes):
    entries = []
    for number, definition in enumerate(measure.definitions.all()):
        note = definition.change_note or (
            _("First definition") if number == 0 else _("New operational definition")
        )
        entries.append((definition.effective_from, note, definition))
    for change in changes:
        entries.append((change.effective_from, _("This site: %s") % change.description, None))
    return sorted(entries, key=lambda entry: entry[0])


def _cycle_url(site, cycle):
    try:
        return reverse("collaborative:site_pdsa_detail", args=[site.code, cycle.pk])
    except NoReverseMatch:
        return None


def _comparison(measure, data, site, viewer, aggregate):
    """Each site's percentage over the last COMPARISON_MONTHS months that the viewer sees of the
    collaborative; small figures of other sites are left out, as are their counts."""
    shown = sorted(aggregate.shown_values()) if aggregate else []
    if not shown:
        return None
    last = shown[-1]
    window = []
    period = last
    for _month in range(COMPARISON_MONTHS):
        window.append(period)
        period = periods.previous_month(period)
    limit = access.small_cell_max()
    identified = access.is_coach(viewer)
    rows = []
    for site_id, months in data.by_site(measure).items():
        other = data.sites.get(site_id)
        cell = pool(months[p].total for p in window if p in months and months[p].total)
        if other is None or cell is None or not cell.denominator:
            continue
        own = access.can_view_site(viewer, other)
        value = cell.value if own or not has_small(cell, limit) else None
        if own:
            code, name = other.code, access.site_label(viewer, other)
        else:
            code = name = access.site_label(viewer, other)
        rows.append((code, name, value, other.pk == site.pk))
    if len(rows) < 2:
        return None
    rows.sort(key=lambda row: (row[2] is None, -(row[2] or 0), row[1]))
    plot = chart_svg.dot_plot(
        [(code, name, value) for code, name, value, _own in rows],
        highlight=site.code,
        floor=0.0,
        ceiling=100.0,
    )
    return Comparison(first=window[-1], last=last, rows=rows, dot_plot=plot, identified=identified)


def active_measures():
    return list(measures().filter(is_active=True))


def site_charts(site, viewer, *, data=None):
    """Every active measure's chart of ``site``, each beside the collaborative's, summarized.
    ``data``: the active measures' figures, when they are already loaded (the monthly reports
    load them once for every site)."""
    access.require(access.can_view_site(viewer, site))
    if data is None:
        # The site's own figures, and the collaborative's pooled by the database.
        data = chart_data.load(active_measures(), site=site, pooled=True)
    active = data.measures
    return [site_chart(site, measure, viewer, data=data, detail=False) for measure in active]


# --- the public -------------------------------------------------------------------------------


def published_measures():
    return measures().filter(publish_aggregate=True, is_active=True).exclude(kind=Measure.Kind.TEXT)


def public_charts():
    """The collaborative's charts of the measures staff publish, as the public may see them."""
    published = list(published_measures())
    data = chart_data.load(published, strata=True, site_notes=False)
    return [_aggregate(measure, data, True, f"all-{measure.code}") for measure in published]


# --- coaches ----------------------------------------------------------------------------------


@dataclass
class SmallMultiple:
    site: object
    label: str
    chart: chart_display.Chart | None
    url: str


@dataclass
class MeasurePanel:
    """One measure's page for coaches: the collaborative's chart, and one page of the sites'
    small multiples (or their latest texts) in `page` (a Django Page of the sites)."""

    measure: Measure
    aggregate: Aggregate
    multiples: list
    texts: list = field(default_factory=list)  # [(site label, period, [text])]
    page: object = None


@dataclass
class MeasureRow:
    """A line of the coaches' index of measures: the collaborative's latest month."""

    measure: Measure
    period: datetime.date | None = None
    value: str = ""
    sites: int = 0


@dataclass
class CoachOverview:
    period: datetime.date | None
    due: datetime.date | None
    missing: list  # [(site, label, status)]
    measures: list  # [MeasureRow]
    site_count: int = 0


def latest_due_month(today):
    """The latest month whose data were due by ``today``."""
    period = periods.previous_month(periods.month_of(today))
    while periods.due_date(period, settings.COLLABORATIVE_DUE_DAY) > today:
        period = periods.previous_month(period)
    return period


def _multiples(measure, data, sites, viewer):
    multiples = []
    for site in sites:
        result = SiteChart(site=site, measure=measure, site_label=access.site_label(viewer, site))
        months = data.months(measure, site)
        result.aggregate = Aggregate(measure=measure, protected=False)
        _site_series(result, measure, site, data, months, detail=False)
        url = reverse("collaborative:site_measure_chart", args=[site.code, measure.code])
        multiples.append(
            SmallMultiple(site=site, label=result.site_label, chart=result.chart, url=url)
        )
    return multiples


def _texts(measure, data, sites, viewer):
    latest = []
    for site in sites:
        months = data.months(measure, site)
        dated = [p for p in sorted(months, reverse=True) if months[p].texts]
        if dated:
            latest.append((access.site_label(viewer, site), dated[0], months[dated[0]].texts))
    return latest


def _sites_in_order():
    return sorted(
        CollaborativeSite.objects.select_related("organization", "coach"),
        key=lambda site: str(site.organization),
    )


def coach_overview(viewer, today):
    """Which sites have not submitted the latest month due, and each active measure's latest
    month of the collaborative (pooled by the database): the index of the measures' pages."""
    access.require(access.is_coach(viewer))
    active = active_measures()
    sites = _sites_in_order()
    period = latest_due_month(today)
    due = periods.due_date(period, settings.COLLABORATIVE_DUE_DAY)
    statuses = dict(Submission.objects.filter(period=period).values_list("site_id", "status"))
    missing = []
    for site in sites:
        if periods.month_of(site.joined_on) > period:
            continue
        if site.left_on is not None and periods.month_of(site.left_on) < period:
            continue
        status = statuses.get(site.pk)
        if status != Submission.Status.SUBMITTED:
            label = _("Draft saved") if status else _("Nothing entered")
            missing.append((site, access.site_label(viewer, site), label))
    pooled = chart_data.pooled_latest([m for m in active if charted(m)])
    rows = []
    for measure in active:
        row = MeasureRow(measure=measure)
        if measure.pk in pooled:
            row.period, month = pooled[measure.pk]
            unit = "percent" if measure.kind == Measure.Kind.RATIO else "count"
            row.value = format_value(month.pool.cell.value, unit)
            row.sites = month.pool.sites
        rows.append(row)
    return CoachOverview(
        period=period, due=due, missing=missing, measures=rows, site_count=len(sites)
    )


def coach_aggregates(viewer):
    """Each active measure's panel with the collaborative's figures only (and, of a text
    measure, every site's latest texts), for coaches: the collaborative's monthly report. The
    pooled months are summed by the database."""
    access.require(access.is_coach(viewer))
    active = active_measures()
    data = chart_data.load(
        [m for m in active if charted(m)], sites=[], pooled=True, site_notes=False
    )
    texts = chart_data.load([m for m in active if m.kind == Measure.Kind.TEXT], site_notes=False)
    sites = _sites_in_order()
    panels = []
    for measure in active:
        panel = MeasurePanel(measure=measure, aggregate=Aggregate(measure, False), multiples=[])
        if charted(measure):
            panel.aggregate = _aggregate(measure, data, False, f"all-{measure.code}")
        elif measure.kind == Measure.Kind.TEXT:
            panel.texts = _texts(measure, texts, sites, viewer)
        panels.append(panel)
    return panels


def coach_measure(measure, viewer, page_number=1):
    """One measure: the collaborative's chart, and one page of the sites' charts (or latest
    texts), named, for coaches. Only the page's sites' figures are read; the collaborative's
    are pooled by the database, so the page costs the same however many sites there are."""
    access.require(access.is_coach(viewer))
    page = Paginator(_sites_in_order(), SITES_PER_PAGE).get_page(page_number)
    shown = list(page.object_list)
    ids = [site.pk for site in shown]
    if charted(measure):
        data = chart_data.load([measure], sites=ids, strata=True, pooled=True)
    else:
        # Categories are pooled from every site's counts; texts are the page's sites' own.
        data = chart_data.load([measure], strata=True, site_notes=False)
    panel = MeasurePanel(
        measure=measure,
        aggregate=_aggregate(measure, data, False, f"all-{measure.code}"),
        multiples=[],
        page=page,
    )
    if charted(measure):
        panel.multiples = _multiples(measure, data, shown, viewer)
    elif measure.kind == Measure.Kind.TEXT:
        panel.texts = _texts(measure, data, shown, viewer)
    return panel
