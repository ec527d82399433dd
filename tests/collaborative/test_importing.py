"""Importing files of figures against the collaborative's records (collaborative.importing):
every rule an error at its line and column with nothing stored, the preview's new, changed and
unchanged figures and warnings, one transaction, and the same file twice changing nothing."""

import datetime

import pytest
from django.db import transaction
from django.utils import timezone
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from collaborative import periods, submissions
from collaborative.importing import PlanOutdated, apply_import, plan_import
from collaborative.models import MeasureValue, Submission

from .upload_files import csv_file, month, xlsx_file

pytestmark = [pytest.mark.django_db, pytest.mark.bare, pytest.mark.postgresql]

TODAY = datetime.date.today()
THIS_MONTH = periods.month_of(TODAY)
LAST_MONTH = periods.previous_month(THIS_MONTH)


def ratio(period="2025-03", n=12, d=20, site="NORTH", stratum=""):
    return {
        "site": site,
        "measure": "ASSESS-20",
        "period": period,
        "numerator": n,
        "denominator": d,
        "stratum": stratum,
    }


def count(period="2025-03", value=4, site="NORTH"):
    return {"site": site, "measure": "DEATHS-30", "period": period, "count": value}


def category(period="2025-03", code="arrival", value=9, site="NORTH"):
    return {
        "site": site,
        "measure": "TIME-ZERO",
        "period": period,
        "category": code,
        "count": value,
    }


def text(period="2025-03", words="Beds, staff and the order set", site="NORTH"):
    return {"site": site, "measure": "BARRIERS", "period": period, "text": words}


def plan(data, **options):
    return plan_import(data, "figures.csv", **options)


def stored():
    """{(site, month, measure, stratum, category): (numerator, denominator, count, text)}."""
    values = MeasureValue.objects.values_list(
        "submission__site__code",
        "submission__period",
        "measure__code",
        "stratum__code",
        "category",
        "numerator",
        "denominator",
        "count",
        "text",
    )
    return {(s, p, m, st or "", c): tuple(rest) for s, p, m, st, c, *rest in values}


def where(plan_or_list):
    items = plan_or_list.errors if hasattr(plan_or_list, "errors") else plan_or_list
    return [(item.line, item.column) for item in items]


def test_new_figures_start_draft_months_and_the_same_file_again_changes_nothing(
    measures, sites, people
):
    data = csv_file(
        [
            ratio(),
            ratio(stratum="0-17", n=2, d=3),
            count(),
            category(),
            category(code="vitals", value=3),
            text(),
            ratio(period="2025-04", n=15, d=21),
        ]
    )
    first = plan(data)
    assert first.ok and not first.warnings
    assert (len(first.new), len(first.changed), first.unchanged) == (7, 0, 0)
    assert [(site.code, period) for site, period in first.drafts] == [
        ("NORTH", month("2025-03")),
        ("NORTH", month("2025-04")),
    ]
    assert stored() == {} and not Submission.objects.exists()  # a plan stores nothing

    apply_import(first, user=people["data_manager"])
    march = (month("2025-03"),)
    assert stored() == {
        ("NORTH", *march, "ASSESS-20", "", ""): (12, 20, None, ""),
        ("NORTH", *march, "ASSESS-20", "0-17", ""): (2, 3, None, ""),
        ("NORTH", *march, "DEATHS-30", "", ""): (None, None, 4, ""),
        ("NORTH", *march, "TIME-ZERO", "", "arrival"): (None, None, 9, ""),
        ("NORTH", *march, "TIME-ZERO", "", "vitals"): (None, None, 3, ""),
        ("NORTH", *march, "BARRIERS", "", ""): (None, None, None, "Beds, staff and the order set"),
        ("NORTH", month("2025-04"), "ASSESS-20", "", ""): (15, 21, None, ""),
    }
    months = Submission.objects.order_by("period")
    assert [(s.period, s.status, s.updated_by) for s in months] == [
        (month("2025-03"), Submission.Status.DRAFT, people["data_manager"]),
        (month("2025-04"), Submission.Status.DRAFT, people["data_manager"]),
    ]

    again = plan(data)
    assert (len(again.new), len(again.changed), again.unchanged, again.drafts) == (0, 0, 7, [])
    before = stored()
    apply_import(again, user=people["data_manager"])
    assert stored() == before and Submission.objects.count() == 2


def test_changed_figures_keep_their_old_values_for_the_preview(measures, sites, people):
    apply_import(plan(csv_file([ratio(), count(), text()])))
    revised = plan(csv_file([ratio(n=13), count(), text(words="Beds")]))
    assert revised.ok
    assert (len(revised.new), len(revised.changed), revised.unchanged) == (0, 2, 1)
    assert [(f.row.line, f.current[1:]) for f in revised.changed] == [
        (2, (12, 20, None, "")),
        (4, (None, None, None, "Beds, staff and the order set")),
    ]
    assert revised.drafts == []
    apply_import(revised, user=people["data_manager"])
    march = month("2025-03")
    assert stored()[("NORTH", march, "ASSESS-20", "", "")] == (13, 20, None, "")
    assert stored()[("NORTH", march, "BARRIERS", "", "")] == (None, None, None, "Beds")


def test_every_rule_is_an_error_at_its_line_and_column_and_nothing_is_stored(
    measures, sites, people
):
    next_month = periods.next_month(THIS_MONTH)
    rows = [
        ratio(site="WEST"),  # 2: no such site
        {**ratio(), "measure": "NOPE"},  # 3: no such measure
        ratio(stratum="90+"),  # 4: not a stratum of the measure
        {**count(), "stratum": "0-17"},  # 5: the measure has no strata
        category(code="other"),  # 6: not a category of the measure
        {**ratio(period="2025-05"), "count": 3},  # 7: a count for a ratio measure
        ratio(period="2025-06", n=30, d=20),  # 8: numerator over denominator
        ratio(period=f"{next_month:%Y-%m}"),  # 9: a month to come
        ratio(period=f"{THIS_MONTH:%Y-%m}"),  # 10: this month, not ended
        ratio(period="2024-12"),  # 11: before the site joined
        ratio(period="2025-07", n="", d=""),  # 12: no figure
        {**category(period="2025-07"), "category": ""},  # 13: no category
        {**text(), "stratum": "0-17"},  # 14: a text is one answer for all patients
        {**count(period="2025-08", value=""), "numerator": 3},  # 15: wrong column, no count
        ratio(period="2025-09", d=""),  # 16: a numerator without its denominator
        ratio(period="2025-10"),  # 17: good, but the file imports nothing
        count(period="2025-10", value="twelve"),  # 18: text in a number field
        ratio(period="2025-10"),  # 19: repeats line 17
    ]
    result = plan(csv_file(rows))
    assert where(result) == [
        (2, "site"),
        (3, "measure"),
        (4, "stratum"),
        (5, "stratum"),
        (6, "category"),
        (7, "count"),
        (8, "numerator"),
        (9, "period"),
        (10, "period"),
        (11, "period"),
        (12, "numerator"),
        (13, "category"),
        (14, "stratum"),
        (15, "numerator"),
        (15, "count"),
        (16, "denominator"),
        (18, "count"),
        (19, "period"),
    ]
    messages = {(e.line, e.column): e.message for e in result.errors}
    assert messages[(2, "site")] == "There is no site with the code “WEST”."
    assert "Use one of: 0-17, 18-64, 65+" in messages[(4, "stratum")]
    assert "use one of: arrival, vitals, alert" in messages[(6, "category")]
    assert messages[(7, "count")].startswith("ASSESS-20 is a ratio")
    assert messages[(8, "numerator")] == "The numerator (30) is more than the denominator (20)."
    assert "has not ended" in messages[(10, "period")]
    assert "NORTH reports from January 2025" in messages[(11, "period")]
    assert "repeats line 17" in messages[(19, "period")]
    assert not result.ok and result.new == [] and result.changed == []
    with pytest.raises(ValueError):
        apply_import(result)
    assert stored() == {} and not Submission.objects.exists()


def test_a_sites_upload_takes_its_own_rows_only(measures, sites):
    data = csv_file([ratio(), ratio(site="SOUTH"), ratio(site="NOWHERE")])
    own = plan(data, site=sites["north"])
    assert where(own) == [(3, "site"), (4, "site")]
    # Whether another code is a site or not, the message is the same.
    assert own.errors[0].message.replace("SOUTH", "X") == own.errors[1].message.replace(
        "NOWHERE", "X"
    )
    assert "for NORTH only" in own.errors[0].message
    everyone = plan(csv_file([ratio(), ratio(site="SOUTH")]))
    assert everyone.ok and len(everyone.new) == 2


def test_codes_are_read_without_case_and_stored_as_defined(measures, sites):
    data = csv_file(
        [
            {**ratio(site="north", stratum="0-17"), "measure": "assess-20"},
            {**category(code="ARRIVAL"), "measure": "time-zero"},
        ]
    )
    apply_import(plan(data))
    march = month("2025-03")
    assert set(stored()) == {
        ("NORTH", march, "ASSESS-20", "0-17", ""),
        ("NORTH", march, "TIME-ZERO", "", "arrival"),
    }


def test_measures_no_longer_reported_and_months_after_a_site_left(measures, sites):
    measures["DEATHS-30"].is_active = False
    measures["DEATHS-30"].save()
    sites["south"].left_on = datetime.date(2025, 6, 30)
    sites["south"].save()
    result = plan(csv_file([count(), ratio(site="SOUTH", period="2025-07")]))
    assert where(result) == [(2, "measure"), (3, "period")]
    assert result.errors[1].message == "SOUTH's last month reported is June 2025."


def test_a_submitted_month_changes_only_once_reopened(measures, sites, people):
    apply_import(plan(csv_file([ratio(), count()])))
    march = Submission.objects.get(period=month("2025-03"))
    march.status = Submission.Status.SUBMITTED
    march.submitted_at = timezone.now()
    march.save()
    # The same figures again: unchanged, and fine.
    same = plan(csv_file([ratio(), count()]))
    assert same.ok and same.unchanged == 2
    # A change, or a new figure, in a submitted month is refused at its line.
    change = plan(csv_file([ratio(n=11), count(), text(), ratio(period="2025-04")]))
    assert where(change) == [(2, "numerator"), (4, "text")]
    assert "March 2025 is submitted" in change.errors[0].message
    assert "reopen it" in change.errors[0].message
    assert change.new == [] and change.changed == []

    submissions.reopen(march, user=people["data_manager"], reason="The EHR extract was revised.")
    change = plan(csv_file([ratio(n=11), count(), text(), ratio(period="2025-04")]))
    assert change.ok and (len(change.new), len(change.changed), change.unchanged) == (2, 1, 1)
    apply_import(change, user=people["data_manager"])
    march.refresh_from_db()  # still a reopened month, to be submitted again
    assert march.status == Submission.Status.DRAFT and march.submitted_at is not None


def test_a_figure_far_from_the_sites_history_is_a_warning_and_confirmed_on_import(measures, sites):
    steady = [ratio(period=f"2025-{m:02d}", n=10 + m % 2, d=20) for m in range(1, 9)]
    far = ratio(period="2025-09", n=20, d=20)
    in_stratum = ratio(period="2025-09", n=3, d=3, stratum="0-17")  # strata are not judged
    result = plan(csv_file([*steady, far, in_stratum]))
    assert result.ok
    assert where(result.warnings) == [(10, "numerator")]
    assert "the median of its 8 earlier months is 52%" in result.warnings[0].message
    apply_import(result)
    flagged = MeasureValue.objects.filter(confirmed_unusual=True)
    assert [(v.submission.period, v.stratum) for v in flagged] == [(month("2025-09"), None)]
    # Stored history counts too: the next upload is judged against it.
    later = plan(csv_file([ratio(period="2025-10", n=0, d=20)]))
    assert where(later.warnings) == [(2, "numerator")]


def test_a_month_submitted_or_started_meanwhile_stops_the_import(measures, sites, people):
    result = plan(csv_file([ratio(), ratio(period="2025-04")]))
    Submission.objects.create(site=sites["north"], period=month("2025-04"))
    with pytest.raises(PlanOutdated):
        apply_import(result, user=people["data_manager"])
    assert stored() == {} and Submission.objects.count() == 1

    apply_import(plan(csv_file([ratio()])))
    result = plan(csv_file([ratio(n=5)]))
    Submission.objects.filter(period=month("2025-03")).update(status=Submission.Status.SUBMITTED)
    with pytest.raises(PlanOutdated):
        apply_import(result)
    assert stored()[("NORTH", month("2025-03"), "ASSESS-20", "", "")] == (12, 20, None, "")


def test_a_workbook_imports_as_its_csv_does(measures, sites):
    rows = [ratio(), ratio(stratum="65+", n=1, d=1), count(value=0), category(), text()]
    apply_import(plan(xlsx_file(rows)))
    again = plan(csv_file(rows))
    assert again.ok and again.unchanged == 5 and not again.has_changes


def test_a_file_level_problem_is_the_only_error(measures, sites):
    result = plan(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n")
    assert where(result) == [(0, "")]
    assert "PDF" in result.errors[0].message


# Any well-formed file of valid figures imports exactly what it says, and a second import of
# it changes nothing; any bad row is reported at its line and column and nothing is stored.

MONTHS = [f"{period:%Y-%m}" for period in periods.months(month("2025-01"), LAST_MONTH)]
KEYS = (
    [("ASSESS-20", stratum, "") for stratum in ("", "0-17", "18-64", "65+")]
    + [("DEATHS-30", "", "")]
    + [("TIME-ZERO", "", code) for code in ("arrival", "vitals", "alert")]
    + [("BARRIERS", "", "")]
)
# Kept out of the random files: the bad row's own figure.
BAD_KEY = ("SOUTH", MONTHS[-1], "ASSESS-20", "65+", "")
ALL_KEYS = [
    (site, period, *key) for site in ("NORTH", "SOUTH") for period in MONTHS for key in KEYS
]
ALL_KEYS.remove(BAD_KEY)


@st.composite
def figure_rows(draw, key):
    site, period, measure, stratum, code = key
    row = {"site": site, "measure": measure, "period": period, "stratum": stratum}
    if measure == "ASSESS-20":
        denominator = draw(st.integers(min_value=0, max_value=400))
        row["numerator"] = draw(st.integers(min_value=0, max_value=denominator))
        row["denominator"] = denominator
    elif measure == "BARRIERS":
        row["text"] = draw(
            st.text(
                alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Cn", "Co"))
                | st.sampled_from([",", '"', "\n"]),
                min_size=1,
                max_size=30,
            ).filter(lambda words: words and words.strip() == words and words[0] != "=")
        )
    else:
        row["category"] = code
        row["count"] = draw(st.integers(min_value=0, max_value=5000))
    return row


@st.composite
def valid_files(draw):
    keys = draw(st.lists(st.sampled_from(ALL_KEYS), min_size=1, max_size=40, unique=True))
    return [draw(figure_rows(key)) for key in keys]


def expected(rows):
    result = {}
    for row in rows:
        key = (row["site"], month(row["period"]), row["measure"], row["stratum"])
        result[(*key, row.get("category", ""))] = (
            row.get("numerator"),
            row.get("denominator"),
            row.get("count"),
            row.get("text", ""),
        )
    return result


PROPERTY_SETTINGS = hypothesis_settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@PROPERTY_SETTINGS
@given(rows=valid_files(), as_workbook=st.booleans())
def test_any_valid_file_imports_exactly_what_it_says_once(measures, sites, rows, as_workbook):
    with transaction.atomic():
        data = xlsx_file(rows) if as_workbook else csv_file(rows)
        first = plan(data)
        assert first.ok, first.errors
        assert (len(first.new), len(first.changed), first.unchanged) == (len(rows), 0, 0)
        apply_import(first)
        assert stored() == expected(rows)
        months = {(row["site"], month(row["period"])) for row in rows}
        assert set(Submission.objects.values_list("site__code", "period")) == months

        second = plan(data)
        assert second.ok and not second.has_changes and second.unchanged == len(rows)
        apply_import(second)
        assert stored() == expected(rows)
        transaction.set_rollback(True)


BAD_CELLS = st.sampled_from(
    [
        ("numerator", {"numerator": 21, "denominator": 20}),  # over its denominator
        ("numerator", {"numerator": -1, "denominator": 20}),
        ("denominator", {"numerator": 1, "denominator": -20}),
        ("numerator", {"numerator": "twelve", "denominator": 20}),
        ("denominator", {"numerator": 1, "denominator": "2.5"}),
        ("denominator", {"numerator": 1, "denominator": "20 patients"}),
    ]
)


@PROPERTY_SETTINGS
@given(rows=valid_files(), bad=BAD_CELLS, data=st.data())
def test_any_bad_figure_is_reported_at_its_line_and_column_and_nothing_is_stored(
    measures, sites, rows, bad, data
):
    column, cells = bad
    site, period, measure, stratum, _category = BAD_KEY
    bad_row = {"site": site, "period": period, "measure": measure, "stratum": stratum, **cells}
    # No text in the file runs over two lines, so that each row is one line.
    rows = [
        {**row, "text": row["text"].replace("\n", " ")} if "text" in row else row for row in rows
    ]
    index = data.draw(st.integers(min_value=0, max_value=len(rows)))
    rows.insert(index, bad_row)
    with transaction.atomic():
        result = plan(csv_file(rows))
        assert where(result) == [(index + 2, column)]
        assert result.new == [] and result.changed == []
        with pytest.raises(ValueError):
            apply_import(result)
        assert stored() == {} and not Submission.objects.exists()
        transaction.set_rollback(True)
