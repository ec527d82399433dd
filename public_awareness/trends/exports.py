"""The data behind a chart, as CSV (a plain header row, then one row a period), the CSV's
metadata as a JSON side file, and everything as JSON.

All are built from :class:`~public_awareness.trends.series.Series`, so a download holds exactly
what the chart shows: suppressed cells are empty, limits are those drawn. The CSV holds nothing
but the table, so that every ordinary CSV reader opens it; what describes it (source, releases,
the privacy rule, the columns) is in :func:`metadata`, served beside it and linked from it.
"""

import csv
import io

from django.utils import timezone

from portal.exports import safe_row

from .series import geography_name

CSV_COLUMNS = [
    "period_start",
    "period_end",
    "value",
    "numerator",
    "denominator",
    "suppressed",
    "footnotes",
    "center_line",
    "lower_limit",
    "upper_limit",
    "signals",
    "variation",
    "national_value",
]

# What each column holds, for the metadata side file.
COLUMN_MEANINGS = {
    "period_start": "First day of the period (ISO 8601 date).",
    "period_end": "Last day of the period (ISO 8601 date).",
    "value": "The value; empty when it is suppressed or was not published.",
    "numerator": "The numerator, where published; empty otherwise.",
    "denominator": "The denominator, where published; empty otherwise.",
    "suppressed": "yes when the value is not shown (see suppression), no otherwise.",
    "footnotes": "The publisher's footnotes: code and meaning.",
    "center_line": "The chart's average (center line) at this period, when limits are drawn.",
    "lower_limit": "The lower process limit, when limits are drawn.",
    "upper_limit": "The upper process limit, when limits are drawn.",
    "signals": "The rules that flag this period as unusual (special cause).",
    "variation": (
        "common_cause, special_cause_improvement, special_cause_concern or "
        "special_cause_neutral; unknown when the period has no value; empty without limits."
    ),
    "national_value": "The United States value for the same period, where shown.",
}


def _number(value):
    if value is None:
        return ""
    return f"{value:.4f}".rstrip("0").rstrip(".")


def metadata(series, source_url, license=None):
    """What describes a series' data: the CSV's side file, and the head of the JSON."""
    indicator = series.indicator
    return {
        "indicator": indicator.code,
        "name": indicator.name,
        "definition": indicator.definition,
        "numerator": indicator.numerator,
        "denominator": indicator.denominator,
        "unit": indicator.unit,
        "direction": indicator.direction,
        "target": series.target,
        "geography": series.geography,
        "geography_name": geography_name(series.geography),
        "source": indicator.source,
        "releases": [
            {
                "file": release.filename,
                "source": release.source,
                "released_on": release.released_on.isoformat() if release.released_on else None,
                "imported_at": release.imported_at.isoformat(),
                "sha256": release.checksum,
            }
            for release in series.releases
        ],
        "suppression": series.suppression_rule,
        "decimals_shown": series.precision,
        "data_as_of": series.data_as_of.isoformat() if series.data_as_of else None,
        "next_release": indicator.next_release.isoformat() if indicator.next_release else None,
        "release_schedule": indicator.release_schedule,
        "license": license,
        "phases": [
            {"start": mark.start.isoformat(), "reason": mark.reason} for mark in series.phases
        ],
        "columns": [{"name": name, "meaning": COLUMN_MEANINGS[name]} for name in CSV_COLUMNS],
        "chart": series.chart_kind if series.limits_shown else None,
        "summary": series.summary,
        "url": source_url,
        "retrieved_at": timezone.now().isoformat(timespec="seconds"),
    }


def _row(point):
    return {
        "period_start": point.period_start.isoformat(),
        "period_end": point.period_end.isoformat(),
        "value": point.value,
        "numerator": point.numerator,
        "denominator": point.denominator,
        "suppressed": point.suppressed,
        "footnotes": [{"code": code, "meaning": meaning} for code, meaning in point.footnotes],
        "center_line": point.center,
        "lower_limit": point.lower,
        "upper_limit": point.upper,
        "signals": list(point.signals),
        "variation": point.variation,
        "national_value": point.national,
    }


def series_dict(series, *, source_url, license=None):
    data = {"metadata": metadata(series, source_url, license)}
    data["phases"] = [
        {"start": mark.start.isoformat(), "reason": mark.reason} for mark in series.phases
    ]
    data["observations"] = [_row(point) for point in series.points]
    if series.comparison:
        data["comparison"] = {
            "period_start": series.comparison.period_start.isoformat(),
            "period_end": series.comparison.period_end.isoformat(),
            "national_value": series.comparison.national,
            "values": [
                {"geography": code, "name": name, "value": value}
                for code, name, value in series.comparison.rows
            ],
        }
    return data


def series_csv(series):
    """The chart's table: a header row of column names, then one row a period."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for point in series.points:
        writer.writerow(
            safe_row(
                [
                    point.period_start.isoformat(),
                    point.period_end.isoformat(),
                    _number(point.value),
                    point.numerator if point.numerator is not None else "",
                    point.denominator if point.denominator is not None else "",
                    "yes" if point.suppressed else "no",
                    "; ".join(
                        meaning if meaning == code else f"{code}: {meaning}"
                        for code, meaning in point.footnotes
                    ),
                    _number(point.center),
                    _number(point.lower),
                    _number(point.upper),
                    " ".join(point.signals),
                    point.variation or "",
                    _number(point.national),
                ]
            )
        )
    return out.getvalue()
