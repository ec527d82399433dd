"""Demonstration trends: the shipped CMS and NCHS releases, imported, and a trend page for them."""

from datetime import date
from decimal import Decimal
from pathlib import Path

from portal.demo.loader import DEMO_REVIEW_DATE, ensure_child, ensure_demo_user

from .importing import import_footnotes, import_release
from .models import Indicator, Phase, TrendPage

DATA = Path(__file__).resolve().parent / "demo_data"
# Three CMS releases of rolling 12-month windows, so that the hospital measures have three
# periods (the earlier two releases' publication dates are not recorded).
RELEASES = [
    ("timely_effective_care_state_2022-09.csv", None),
    ("timely_effective_care_state_2023-03.csv", None),
    ("timely_effective_care_state_2023-09.csv", date(2023, 10, 25)),
    ("timely_effective_care_national_2023-09.csv", date(2023, 10, 25)),
    ("weekly_deaths_by_state_2019-2020_MA_US.csv", date(2021, 9, 22)),
]
# The consortium's aim for SEP-1 in the demonstration: a line for the chart to be read against.
DEMO_TARGETS = {"SEP_1": Decimal("65")}
# Changes an editor marks, from which the average and limits restart: (indicator, start, reason).
# The pandemic changed both how many died and what death certificates record, so weeks from
# March 2020 are not judged against 2019's limits.
DEMO_PHASES = [
    (
        "septicemia_deaths",
        date(2020, 3, 1),
        "COVID-19 pandemic: deaths rose, and death certificates began to record COVID-19 "
        "(ICD-10 U07.1) as the underlying cause of deaths that involved sepsis",
    ),
]

INTRODUCTION = (
    "How often sepsis takes lives in our state, and how reliably hospitals follow the national "
    "sepsis care bundle. Each chart shows whether the latest figure is part of ordinary "
    "ups and downs or a real change worth acting on."
)
ABOUT = (
    "The charts are statistical process control charts. The center line is the average; the "
    "dashed process limits show how far values can wander from it by chance alone. An unusual "
    "value (special cause) is drawn as a blue star when it is a change for the better and as an "
    "orange triangle when it is a change for the worse; ordinary values are grey dots. Where "
    "something changed how the figures arise, such as the COVID-19 pandemic, the average and "
    "limits are computed afresh.\n\n"
    "Deaths come from the National Center for Health Statistics weekly counts of deaths by "
    "state, with septicemia (ICD-10 A40–A41) as the underlying cause. Hospital care measures "
    "come from the Centers for Medicare & Medicaid Services Timely and Effective Care data: "
    "each release covers 12 months of hospital stays, and successive releases' 12-month "
    "windows overlap. Each chart states the privacy rule for small counts."
)


def import_demo_data(log=print):
    new_indicators = set()
    created, updated, _errors = import_footnotes((DATA / "footnote_crosswalk.csv").read_bytes())
    log(f"Footnote meanings: {created} new, {updated} updated")
    for filename, released_on in RELEASES:
        before = set(Indicator.objects.values_list("code", flat=True))
        plan = import_release((DATA / filename).read_bytes(), filename, released_on=released_on)
        if plan.errors:
            raise RuntimeError(f"Demo data {filename} did not import: {plan.errors[:3]}")
        new_indicators |= set(Indicator.objects.values_list("code", flat=True)) - before
        if not plan.already_imported:
            log(f"Imported {filename}: {len(plan.new)} new observations")
    # Targets are set once, when the demo creates the indicator: an editor may change them.
    for code, target in DEMO_TARGETS.items():
        if code in new_indicators:
            Indicator.objects.filter(code=code).update(target=target)
    for code, start, reason in DEMO_PHASES:
        Phase.objects.get_or_create(
            indicator=Indicator.objects.get(code=code),
            geography="",
            start=start,
            defaults={"reason": reason},
        )


def chart(code, *, compare=True):
    return (
        "indicator_chart",
        {"indicator": Indicator.objects.get(code=code), "geography": "", "compare": compare},
    )


def load(site, log=print):
    import_demo_data(log=log)
    owner = ensure_demo_user("data-lead@example.org", "Priya", "Natarajan")
    home = site.root_page.specific

    def fields():
        return {
            "title": "Sepsis trends in Massachusetts",
            "introduction": INTRODUCTION,
            "about_the_data": ABOUT,
            "content_owner": owner,
            "last_reviewed": DEMO_REVIEW_DATE,
            "body": [
                chart("septicemia_deaths"),
                chart("SEP_1"),
                chart("SEP_SH_3HR"),
                chart("SEP_SH_6HR"),
                chart("SEV_SEP_3HR"),
                chart("SEV_SEP_6HR"),
            ],
        }

    page = ensure_child(home, TrendPage, "sepsis-trends", fields)
    log(f"Trend page ready at {page.url_path}")
