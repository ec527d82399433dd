"""The demo collaborative's simulated months: pure Python, no Django, the same on every run.

Each site starts from the collaborative's rate plus its own offset and improves as its tests
of change take hold (each ramps in over the months it ran). The effects are scaled, measure by
measure, so that the pooled rates of the first and last quarters are the targets in content;
artifacts of measurement (a site's new time zero, the collaborative's new antibiotic
definition) shift rates without being improvement. Patients are then drawn month by month
from a stream of random numbers of each site's own (so that one site's months do not depend on
another's), which gives chance variation, larger at small sites.
"""

import math
import random
from dataclasses import dataclass, field

from . import content

SUBMITTED, DRAFT = "submitted", "draft"
FIRST_QUARTER = range(0, 3)
RAMP_END = 20  # the collaborative's learning curve is flat in the first quarter, done by here


@dataclass(frozen=True)
class Figure:
    measure: str
    stratum: str = ""
    category: str = ""
    numerator: int | None = None
    denominator: int | None = None
    count: int | None = None
    text: str = ""


@dataclass
class Month:
    index: int
    status: str
    figures: list[Figure] = field(default_factory=list)


def last_quarter():
    return range(content.MONTHS - 3, content.MONTHS)


def progress(t):
    """The collaborative's learning curve, 0 before month 3 to 1 from RAMP_END (smoothly)."""
    x = min(max((t - (FIRST_QUARTER.stop - 1)) / (RAMP_END - FIRST_QUARTER.stop + 1), 0), 1)
    return x * x * (3 - 2 * x)


def ramp(t, started, months):
    """How far a test of change started in month `started` has taken hold by month t."""
    return min(max((t - started) / (months + 1), 0.0), 1.0)


def status_of(site, t):
    """SUBMITTED, DRAFT, or None for a month the site has not reported."""
    if t < site["joins"]:
        return None
    if site["code"] == content.GAP["site"]:
        if t in content.GAP["months"]:
            return None
        if t == content.GAP["draft"]:
            return DRAFT
    return SUBMITTED


def volume(site, t):
    """Sepsis patients expected in month t."""
    return site["size"] * (1 + content.GROWTH * t / (content.MONTHS - 1))


def share(site, measure):
    """The share of a site's sepsis patients in a measure's denominator."""
    fluids = site["severe_share"] * content.NEEDS_FLUIDS
    return {"BOLUS1-15": fluids, "BOLUS3-60": fluids * content.THREE_BOLUSES}.get(measure, 1.0)


def effect(site, measure, t):
    """Points a site's tests of change have added to a measure by month t (before scaling)."""
    return sum(
        content.PDSA_IDEAS[idea]["effects"].get(measure, 0) * ramp(t, started, months)
        for idea, started, months in site["pdsa"]
    )


def artifact(site, measure, t):
    """Points added by changes in how the measure is measured, not in care."""
    points = 0.0
    change = content.TIME_ZERO_CHANGE
    if site["code"] == change["site"] and t >= change["month"]:
        points += change["shift"].get(measure, 0)
    definition = content.DEFINITION_CHANGE
    if measure == definition["measure"] and t >= definition["month"]:
        points += definition["shift"]
    return points


def baselines(site):
    """{measure: points} a site's process measures start from, before the collaborative's level
    is added: its offset, scaled for the measure, and a little of its own."""
    rng = random.Random(f"{content.SEED}:{site['code']}:baseline")  # noqa: S311 (not a secret)
    return {
        measure: site["offset"] * scale + rng.gauss(0, 3)
        for measure, scale in content.OFFSET_SCALE.items()
    }


def weighted_mean(pairs):
    pairs = list(pairs)
    total = sum(w for w, _v in pairs)
    return sum(w * v for w, v in pairs) / total


def calibrate(sites):
    """{measure: (level, scale)}: the collaborative's level and the scale of the sites' effects
    that give the target pooled rates in the first and last quarters (expected values)."""
    base = {site["code"]: baselines(site) for site in sites}
    calibration = {}
    for measure, (start, end) in content.PROCESS_TARGETS.items():

        def reported(months, measure=measure):
            return [
                (site, t, volume(site, t) * share(site, measure))
                for site in sites
                for t in months
                if status_of(site, t) == SUBMITTED
            ]

        first = reported(FIRST_QUARTER)
        level = start - weighted_mean(
            (w, base[s["code"]][measure] + artifact(s, measure, t)) for s, t, w in first
        )
        last = reported(last_quarter())
        rest = weighted_mean(
            (w, level + base[s["code"]][measure] + artifact(s, measure, t)) for s, t, w in last
        )
        effects = weighted_mean((w, effect(s, measure, t)) for s, t, w in last)
        scale = max(0.0, (end - rest) / effects) if effects else 0.0
        calibration[measure] = (level, scale)
    return base, calibration


def mortality_risk(sites):
    """{month: weighted mean of the reporting sites' relative risks}, so that the pooled
    mortality follows the collaborative's curve whichever sites report."""
    means = {}
    for t in range(content.MONTHS):
        pairs = [
            (volume(s, t) * s["severe_share"], s["risk"])
            for s in sites
            if status_of(s, t) == SUBMITTED
        ]
        means[t] = weighted_mean(pairs) if pairs else 1.0
    return means


def curve(start, end, t):
    return start + (end - start) * progress(t)


def clamp(percent):
    return min(max(percent / 100, 0.02), 0.98)


def split(rng, total, shares):
    """`total` patients divided at random among shares (a multinomial draw)."""
    counts, left, rest = [], total, sum(shares)
    for weight in shares[:-1]:
        drawn = rng.binomialvariate(left, min(weight / rest, 1.0)) if rest > 0 else 0
        counts.append(drawn)
        left -= drawn
        rest -= weight
    counts.append(left)
    return counts


def simulate(sites=None):
    """{site code: [Month]}: every month each site reported (a draft included)."""
    sites = content.SITES if sites is None else sites
    base, calibration = calibrate(sites)
    risk = mortality_risk(sites)
    return {
        site["code"]: site_months(site, base[site["code"]], calibration, risk) for site in sites
    }


def site_months(site, base, calibration, risk):
    rng = random.Random(f"{content.SEED}:{site['code']}")  # noqa: S311 (not a secret)
    months = []
    for t in range(site["joins"], content.MONTHS):
        rates = {
            measure: clamp(
                level
                + base[measure]
                + scale * effect(site, measure, t)
                + artifact(site, measure, t)
                + rng.gauss(0, content.MONTHLY_NOISE)
            )
            for measure, (level, scale) in calibration.items()
        }
        for measure, (start, end) in content.MORTALITY_TARGETS.items():
            rates[measure] = curve(start, end, t) / 100 * site["risk"] / risk[t]
        figures = draw_month(rng, site, t, rates)
        status = status_of(site, t)
        if status == DRAFT:
            figures = [f for f in figures if f.measure in content.DRAFT_MEASURES]
        if status is not None:
            months.append(Month(t, status, figures))
    return months


def time_zero_mix(site, t):
    change = content.TIME_ZERO_CHANGE
    if site["code"] == change["site"] and t >= change["month"]:
        return change["time_zero"]
    return site["time_zero"]


def draw_month(rng, site, t, rates):
    """One month's patients at a site, as the figures its data manager would report. Every
    month takes the same draws, reported or not, so that a gap does not change what follows."""
    binomial = rng.binomialvariate
    expected = volume(site, t)
    patients = max(2, round(rng.gauss(expected, math.sqrt(expected))))
    figures = []

    # First assessment, in each age band; the bands add up to the month's figure.
    bands = split(rng, patients, site["ages"])
    assessed_total = 0
    for (code, _label), count, shift in zip(
        content.AGE_BANDS["strata"], bands, content.AGE_BAND_SHIFT, strict=True
    ):
        assessed = binomial(count, clamp(rates["ASSESS-20"] * 100 + shift))
        assessed_total += assessed
        figures.append(Figure("ASSESS-20", stratum=code, numerator=assessed, denominator=count))
    figures.append(Figure("ASSESS-20", numerator=assessed_total, denominator=patients))

    mix = time_zero_mix(site, t)
    for category, count in zip(mix, split(rng, patients, list(mix.values())), strict=True):
        figures.append(Figure("TIME-ZERO", category=category, count=count))

    severe = binomial(patients, site["severe_share"])
    fluids = binomial(severe, content.NEEDS_FLUIDS)
    three = binomial(fluids, content.THREE_BOLUSES)
    died_30 = binomial(severe, min(rates["MORT-30D"], 1.0))
    died_3 = binomial(died_30, min(rates["MORT-3D"] / rates["MORT-30D"], 1.0))
    figures += [
        Figure("BOLUS1-15", numerator=binomial(fluids, rates["BOLUS1-15"]), denominator=fluids),
        Figure("BOLUS3-60", numerator=binomial(three, rates["BOLUS3-60"]), denominator=three),
        Figure("ABX-60", numerator=binomial(patients, rates["ABX-60"]), denominator=patients),
        Figure("SEVERE", count=severe),
        Figure("MORT-3D", numerator=died_3, denominator=severe),
        Figure("MORT-30D", numerator=died_30, denominator=severe),
    ]

    phase = "early" if t < 8 else "middle" if t < 16 else "late"
    writes, barrier = rng.random(), rng.choice(content.BARRIERS[phase])
    note = content.BARRIER_NOTES.get((site["code"], t))
    if note or writes < content.BARRIER_SHARE:
        figures.append(Figure("BARRIERS", text=note or barrier))
    return figures


def pooled(months_by_site, measure, months):
    """(numerator, denominator) of a measure over the given months' submitted figures."""
    numerator = denominator = 0
    for site_months_ in months_by_site.values():
        for month in site_months_:
            if month.index not in months or month.status != SUBMITTED:
                continue
            for figure in month.figures:
                if figure.measure == measure and not figure.stratum:
                    numerator += figure.numerator
                    denominator += figure.denominator
    return numerator, denominator
