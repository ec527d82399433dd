"""The figures behind the charts, read in a fixed number of queries: every submitted value of
the measures asked for, of every site, in one query (however many sites, measures and months),
and the sites, definitions, site definition changes and PDSA cycles in one query each.

Only SUBMITTED months count: a draft is the data manager's work in progress. The all-patients
figure of a month is what is charted; strata are shown beside it, never summed into it.

A site's own pages, and a coaches' page of a few sites, need every site's figures only
pooled: `load(..., pooled=True)` reads the values of the sites shown, and the collaborative's
months as collaborative.pooling keeps them summed (one row a measure and month,
chart_privacy.Pooled: sums, sites and each count's largest; with strata, one row a stratum
too), instead of every site's values. `Dataset.pooled_months` gives the same months either
way.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Prefetch

from .chart_privacy import Cell, Pooled
from .chart_privacy import pooled as pool_cells
from .models import (
    CollaborativeSite,
    Measure,
    MeasureDefinition,
    MeasureValue,
    PDSACycle,
    PooledFigure,
    SiteDefinitionChange,
    Stratum,
    Submission,
)


@dataclass(frozen=True)
class StratumLabel:
    pk: int
    code: str
    label: str
    stratification: str


@dataclass
class Month:
    """One site's figures of one measure for one month."""

    total: Cell | None = None
    strata: dict[int, Cell] = field(default_factory=dict)
    categories: dict[str, int] = field(default_factory=dict)
    texts: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class PooledMonth:
    """The collaborative's month of a measure: the sites' all-patients figures pooled
    (chart_privacy.Pooled), and whether any of those sites' figures are simulated."""

    pool: Pooled
    simulated: bool


@dataclass
class Dataset:
    measures: list
    sites: dict[int, CollaborativeSite]
    # measure id -> site id -> period -> Month
    values: dict[int, dict[int, dict]]
    # site id -> [SiteDefinitionChange]; site id -> [PDSACycle] (with `measure_ids`)
    site_changes: dict[int, list]
    pdsa: dict[int, list]
    strata: dict[int, list]  # measure id -> [StratumLabel] in order
    # With load(pooled=True): measure id -> {period: PooledMonth} of the ratios and counts, and
    # `values` holds only the figures of the sites asked for. None: `values` holds every site's.
    pooled: dict[int, dict] | None = None
    # With load(pooled=True, strata=True): measure id -> {period: {stratum id: Cell}}, each the
    # sum of the sites' cells (for coaches: it cannot tell what a site's own cell gives away).
    pooled_strata: dict[int, dict] | None = None
    # What charts computed once from these figures and may use again (the collaborative's
    # charts, the same for every site's report of a run), by its own keys.
    memo: dict = field(default_factory=dict)

    def months(self, measure, site):
        """{period: Month} of one site's submitted months of a measure."""
        return self.values.get(measure.pk, {}).get(site.pk, {})

    def by_site(self, measure):
        """{site id: {period: Month}} of a measure."""
        return self.values.get(measure.pk, {})

    def pooled_months(self, measure):
        """{period: PooledMonth} of the collaborative's months of a ratio or count (months that
        no site submitted are left out)."""
        if self.pooled is not None:
            if measure.kind not in (Measure.Kind.RATIO, Measure.Kind.COUNT):
                raise ValueError("The database pools ratios and counts only.")
            return self.pooled.get(measure.pk, {})
        months = defaultdict(list)
        for site_id, by_period in self.by_site(measure).items():
            simulated = self.sites[site_id].simulated if site_id in self.sites else False
            for period, month in by_period.items():
                if month.total is not None:
                    months[period].append((month.total, simulated))
        return {
            period: PooledMonth(
                pool_cells(cell for cell, _simulated in figures),
                any(simulated for _cell, simulated in figures),
            )
            for period, figures in months.items()
        }

    def changes_for(self, site, measure):
        return [
            change
            for change in self.site_changes.get(site.pk, ())
            if change.measure_id in (None, measure.pk)
        ]

    def cycles_for(self, site, measure):
        """The site's PDSA cycles meant to move this measure, or every measure (none named)."""
        return [
            cycle
            for cycle in self.pdsa.get(site.pk, ())
            if not cycle.measure_ids or measure.pk in cycle.measure_ids
        ]


def measures_queryset():
    definitions = MeasureDefinition.objects.order_by("effective_from")
    return Measure.objects.select_related("measure_set").prefetch_related(
        Prefetch("definitions", queryset=definitions)
    )


def load(measures, *, site=None, sites=None, strata=False, site_notes=True, pooled=False):
    """The figures of ``measures`` (Measure instances, definitions prefetched) for every site,
    their strata if asked, and (with ``site_notes``) the site definition changes and PDSA
    cycles of ``site``, or of every site. With ``pooled`` (and a ``site``, or ``sites``: ids):
    only those sites' own figures for all patients, and the collaborative's months (and, with
    ``strata``, its strata) as collaborative.pooling keeps them."""
    if pooled and site is None and sites is None:
        raise ValueError("Pooled figures are for the charts of the sites named.")
    shown = [site.pk] if site is not None else sites
    measures = list(measures)
    ids = [measure.pk for measure in measures]
    every_site = CollaborativeSite.objects.select_related("organization", "coach")
    by_pk = {s.pk: s for s in every_site}
    rows = MeasureValue.objects.filter(
        measure_id__in=ids, submission__status=Submission.Status.SUBMITTED
    )
    if not strata or pooled:
        # With pooled figures the strata are the collaborative's, not the sites' own.
        rows = rows.filter(stratum__isnull=True)
    if pooled:
        rows = rows.filter(submission__site_id__in=shown)
    values = defaultdict(lambda: defaultdict(dict))
    kinds = {measure.pk: measure.kind for measure in measures}
    for (
        measure_id,
        site_id,
        period,
        stratum_id,
        category,
        num,
        den,
        count,
        text,
    ) in rows.values_list(
        "measure_id",
        "submission__site_id",
        "submission__period",
        "stratum_id",
        "category",
        "numerator",
        "denominator",
        "count",
        "text",
    ):
        month = values[measure_id][site_id].setdefault(period, Month())
        _add_value(month, kinds[measure_id], stratum_id, category, num, den, count, text)

    site_changes, pdsa = defaultdict(list), defaultdict(list)
    if site_notes:
        changes = SiteDefinitionChange.objects.order_by("effective_from", "pk")
        cycles = PDSACycle.objects.order_by("started_on", "pk").prefetch_related("measures")
        if shown is not None:
            changes, cycles = changes.filter(site_id__in=shown), cycles.filter(site_id__in=shown)
        for change in changes:
            site_changes[change.site_id].append(change)
        for cycle in cycles:
            cycle.measure_ids = {m.pk for m in cycle.measures.all()}
            pdsa[cycle.site_id].append(cycle)

    strata_by_measure = {}
    if strata:
        stratified = Stratum.objects.filter(stratification__measures__in=ids).values_list(
            "stratification__measures", "pk", "code", "label", "stratification__name"
        )
        for measure_id, pk, code, label, stratification in stratified.order_by(
            "stratification__name", "sort_order", "pk"
        ):
            strata_by_measure.setdefault(measure_id, []).append(
                StratumLabel(pk, code, label, stratification)
            )
    return Dataset(
        measures=measures,
        sites=by_pk,
        values={m: dict(by_site) for m, by_site in values.items()},
        site_changes=dict(site_changes),
        pdsa=dict(pdsa),
        strata=strata_by_measure,
        pooled=_pooled(measures) if pooled else None,
        pooled_strata=_pooled_strata(measures) if pooled and strata else None,
    )


def pooled_latest(measures):
    """{measure id: (period, PooledMonth)}: the latest month of each ratio or count among
    ``measures`` that any site submitted, pooled by the database."""
    return {
        measure_id: max(months.items(), key=lambda item: item[0])
        for measure_id, months in _pooled(measures).items()
    }


def _pooled(measures):
    """{measure id: {period: PooledMonth}} of the ratios and counts among ``measures``, as
    collaborative.pooling keeps them."""
    ids = [m.pk for m in measures if m.kind in (Measure.Kind.RATIO, Measure.Kind.COUNT)]
    rows = PooledFigure.objects.filter(measure_id__in=ids, stratum__isnull=True).values_list(
        "measure_id",
        "period",
        "sites",
        "simulated_sites",
        "numerator",
        "denominator",
        "count",
        "most_numerator",
        "most_denominator",
        "most_left",
        "most_count",
    )
    result = defaultdict(dict)
    for measure_id, period, sites, simulated, num, den, count, *most in rows:
        if den is not None:
            cell, largest = Cell(num, den), tuple(most[:3])
        else:
            cell, largest = Cell(count), (most[3],)
        result[measure_id][period] = PooledMonth(Pooled(cell, sites, largest), simulated > 0)
    return dict(result)


def _pooled_strata(measures):
    """{measure id: {period: {stratum id: Cell}}}: each stratum's cells of the submitted months
    summed, of the sites whose all-patients figure the month pools (collaborative.pooling)."""
    ids = [m.pk for m in measures if m.kind in (Measure.Kind.RATIO, Measure.Kind.COUNT)]
    rows = PooledFigure.objects.filter(measure_id__in=ids, stratum__isnull=False).values_list(
        "measure_id", "period", "stratum_id", "numerator", "denominator", "count"
    )
    result = defaultdict(lambda: defaultdict(dict))
    for measure_id, period, stratum_id, num, den, count in rows:
        result[measure_id][period][stratum_id] = Cell(num, den) if den is not None else Cell(count)
    return {measure_id: dict(months) for measure_id, months in result.items()}


def _add_value(month, kind, stratum_id, category, numerator, denominator, count, text):
    if kind == Measure.Kind.RATIO:
        if numerator is None or denominator is None:
            return
        cell = Cell(numerator, denominator)
    elif kind == Measure.Kind.COUNT:
        if count is None:
            return
        cell = Cell(count)
    elif kind == Measure.Kind.CATEGORICAL:
        if stratum_id is None and category and count is not None:
            month.categories[category] = count
            month.total = Cell(sum(month.categories.values()))
        return
    else:
        if stratum_id is None and text.strip():
            month.texts.append(text)
        return
    if stratum_id is None:
        month.total = cell
    else:
        month.strata[stratum_id] = cell
