"""Building indicator data the way staff do: an indicator, then a tidy CSV import."""

import datetime

from public_awareness.trends.importing import import_release
from public_awareness.trends.models import Indicator, TrendPage

HEADER = (
    "indicator,geography,stratum,period_start,period_end,numerator,denominator,value,footnote\n"
)


def make_indicator(
    code="TEST_RATE", *, unit="percent", direction="higher_is_better", target=None, **fields
):
    return Indicator.objects.create(
        code=code,
        name=f"Test indicator {code}",
        definition="A measure made up for a test.",
        numerator="Things that went well",
        denominator="Things that happened",
        unit=unit,
        direction=direction,
        source="The test suite",
        target=target,
        **fields,
    )


def weeks(count, start=datetime.date(2020, 1, 5)):
    """(start, end) of ``count`` consecutive weeks."""
    return [
        (start + datetime.timedelta(weeks=i), start + datetime.timedelta(weeks=i, days=6))
        for i in range(count)
    ]


def import_rows(rows, filename="test.csv"):
    """rows: dicts with indicator, geography, start, end and any of numerator, denominator,
    value, footnote, stratum. Returns the plan; fails the test if the import had errors."""
    lines = [HEADER]
    for row in rows:
        lines.append(
            ",".join(
                str(part)
                for part in (
                    row["indicator"],
                    row["geography"],
                    row.get("stratum", ""),
                    row["start"].isoformat(),
                    row["end"].isoformat(),
                    row.get("numerator", ""),
                    row.get("denominator", ""),
                    row.get("value", ""),
                    row.get("footnote", ""),
                )
            )
            + "\n"
        )
    plan = import_release("".join(lines).encode(), filename)
    assert plan.ok, [str(error) for error in plan.errors]
    return plan


def count_series(indicator, values, geography="MA"):
    return import_rows(
        [
            {"indicator": indicator.code, "geography": geography, "start": s, "end": e, "value": v}
            for (s, e), v in zip(weeks(len(values)), values, strict=True)
            if v is not None
        ]
    )


def trend_page(home_page, *charts):
    """The demo site's trend page, showing ``charts``: (indicator, geography, compare)."""
    page = TrendPage.objects.child_of(home_page).first()
    page.body = [
        ("indicator_chart", {"indicator": indicator, "geography": geography, "compare": compare})
        for indicator, geography, compare in charts
    ]
    page.save_revision().publish()
    page.refresh_from_db()
    return page
