"""The data behind a chart, as CSV (with a metadata header) and as JSON.

Both are built from :class:`~public_awareness.trends.series.Series`, so a download holds exactly
what the chart shows: suppressed cells are empty, limits are those drawn.
"""

import csv
import io

from django.utils import timezone

from portal.exports import safe_comment, safe_row

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
    "national_value",
]


def _number(value):
    if value is None:
        return ""
    return f"{value:.4f}".rstrip("0").rstrip(".")


def suppression_rule(series):
    return (
        f"Counts from 1 to {series.suppression_threshold}, and any value, numerator or "
        "denominator they could be derived from, are left empty (suppressed)."
    )


def metadata(series, source_url):
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
        "suppression": suppression_rule(series),
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
        "national_value": point.national,
    }


def series_dict(series, *, source_url):
    data = {"metadata": metadata(series, source_url)}
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


def series_csv(series, *, source_url):
    """CSV whose first lines, each starting with '#', describe the data."""
    out = io.StringIO()
    meta = metadata(series, source_url)
    releases = "; ".join(
        f"{r['file']} ({r['source'] or 'source not given'}"
        + (f", released {r['released_on']}" if r["released_on"] else "")
        + ")"
        for r in meta["releases"]
    )
    lines = [
        ("Indicator", f"{meta['name']} ({meta['indicator']})"),
        ("Definition", meta["definition"]),
        ("Numerator", meta["numerator"]),
        ("Denominator", meta["denominator"]),
        ("Unit", meta["unit"]),
        ("Geography", f"{meta['geography_name']} ({meta['geography']})"),
        ("Source", meta["source"]),
        ("Releases", releases),
        ("Suppression", meta["suppression"]),
        ("Summary", meta["summary"]),
        ("Retrieved", f"{meta['url']} at {meta['retrieved_at']}"),
    ]
    for label, text in lines:
        if text:
            out.write(safe_comment(f"# {label}: {' '.join(str(text).split())}") + "\n")
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
                    _number(point.national),
                ]
            )
        )
    return out.getvalue()
