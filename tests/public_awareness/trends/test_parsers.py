"""Tests of the public-release parsers (pure Python: no database, no Django)."""

import ast
import subprocess
import sys
from collections import Counter
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from public_awareness.trends import parsers
from public_awareness.trends.parsers import (
    DIALECTS,
    Observation,
    detect_dialect,
    normalize_name,
    parse,
    parse_file,
)

FIXTURES = Path(__file__).resolve().parent / "fixtures"
REPO_ROOT = Path(__file__).resolve().parents[3]
SHARED_DATA = REPO_ROOT.parent / "shared" / "data"
CMS_STATE = SHARED_DATA / "cms" / "timely_effective_care_state_2023-09.csv"
CMS_NATIONAL = SHARED_DATA / "cms" / "timely_effective_care_national_2023-09.csv"
NCHS_WEEKLY = SHARED_DATA / "nchs" / "weekly_deaths_by_state_2019-2020.csv"

TIDY_HEADER = (
    "indicator,geography,stratum,period_start,period_end,numerator,denominator,value,footnote"
)
CMS_HEADER = "State,Condition,Measure ID,Measure Name,Score,Footnote,Start Date,End Date"
NCHS_HEADER = "Jurisdiction of Occurrence,Week Ending Date,Septicemia (A40-A41),flag_sept"


def fixture(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def tidy(*rows: str) -> bytes:
    return "\n".join([TIDY_HEADER, *rows]).encode() + b"\n"


def only_error(result):
    assert result.rows == []
    assert len(result.errors) == 1, result.errors
    return result.errors[0]


def by_key(result):
    return {(o.indicator, o.geography, o.stratum): o for o in result.rows}


# ---------------------------------------------------------------------------------------------
# The real releases in ../shared/data


def real(path: Path) -> Path:
    if not path.exists():
        pytest.skip(f"{path} is absent: the public release data is not checked out next to here")
    return path


@pytest.fixture(scope="module")
def cms_state():
    return parse_file(real(CMS_STATE))


@pytest.fixture(scope="module")
def cms_national():
    return parse_file(real(CMS_NATIONAL))


@pytest.fixture(scope="module")
def nchs_weekly():
    return parse_file(real(NCHS_WEEKLY))


def test_real_cms_state(cms_state):
    assert cms_state.dialect == "cms-state"
    assert cms_state.errors == []
    assert cms_state.row_count == 1176  # every data row read, sepsis or not
    assert len(cms_state.rows) == 56 * 5  # 50 states, DC and 5 territories × 5 sepsis measures
    assert {o.indicator for o in cms_state.rows} == parsers.SEPSIS_MEASURES
    ma = {o.indicator: o for o in cms_state.rows if o.geography == "MA"}
    assert set(ma) == parsers.SEPSIS_MEASURES
    sep1 = ma["SEP_1"]
    assert sep1.value is not None or sep1.footnotes
    assert Decimal(0) <= sep1.value <= Decimal(100)
    assert sep1.period_start == date(2022, 10, 1)
    assert sep1.period_end == date(2023, 9, 30)
    assert sep1.footnotes == ("25", "26")
    not_available = [o for o in cms_state.rows if o.value is None]
    assert not_available, "some territories have no sepsis score"
    assert all(o.suppressed and o.footnotes for o in not_available)


def test_real_cms_national(cms_national):
    assert cms_national.dialect == "cms-national"
    assert cms_national.errors == []
    rows = by_key(cms_national)
    assert {o.geography for o in cms_national.rows} == {"US"}
    assert len(cms_national.rows) == 10  # 5 national rates and 5 top-ten-percent benchmarks
    assert rows[("SEP_1", "US", "")].value == Decimal("61")
    assert rows[("SEP_1", "US", "p90")].value == Decimal("82")
    rates = [o for o in cms_national.rows if o.stratum == ""]
    assert {o.indicator for o in rates} == parsers.SEPSIS_MEASURES


def test_real_nchs_weekly(nchs_weekly):
    assert nchs_weekly.dialect == "nchs-weekly"
    assert nchs_weekly.errors == []
    assert nchs_weekly.row_count == len(nchs_weekly.rows) == 5616
    assert {o.indicator for o in nchs_weekly.rows} == {"septicemia_deaths"}
    ma = [o for o in nchs_weekly.rows if o.geography == "MA"]
    assert len(ma) >= 100
    assert all(o.period_end - o.period_start == (date(2019, 1, 12) - date(2019, 1, 6)) for o in ma)
    assert all(o.period_end.weekday() == 5 for o in ma)  # MMWR weeks end on Saturday
    counted = [o.value for o in ma if o.value is not None]
    assert len(counted) > 90
    assert all(Decimal(0) <= v < Decimal(500) for v in counted)
    geographies = Counter(o.geography for o in nchs_weekly.rows)
    assert {"US", "NY", "NYC", "DC"} <= set(geographies)
    assert geographies["NYC"] == 104
    suppressed = [o for o in nchs_weekly.rows if o.suppressed]
    assert suppressed
    assert all(o.value is None for o in suppressed)
    assert all(o.footnotes == ("Suppressed (counts 1-9)",) for o in suppressed)
    assert any(o.geography == "VT" for o in suppressed)
    us = [o for o in nchs_weekly.rows if o.geography == "US"]
    # Late 2020 weeks were still incomplete in this release, hence the modest floor.
    assert all(o.value is not None and o.value > 300 for o in us)


# ---------------------------------------------------------------------------------------------
# Fixtures for the other releases and encodings


def test_cms_state_unquoted_header_and_short_dates():
    result = parse(fixture("cms_state_unquoted_mdy.csv"))
    assert result.dialect == "cms-state"
    assert result.errors == []
    assert result.header_quoted is False
    rows = by_key(result)
    assert set(rows) == {("SEP_1", "MA", ""), ("SEV_SEP_3HR", "MA", ""), ("SEP_1", "VT", "")}
    assert rows[("SEP_1", "MA", "")].period_start == date(2016, 10, 1)
    assert rows[("SEP_1", "MA", "")].period_end == date(2017, 9, 30)
    assert rows[("SEP_1", "MA", "")].value == Decimal("49")
    vt = rows[("SEP_1", "VT", "")]
    assert vt.value is None and vt.suppressed and vt.footnotes == ("1", "5")
    assert result.row_count == 4


def test_cms_state_with_bom_and_crlf():
    result = parse(fixture("cms_state_bom.csv"))
    assert result.dialect == "cms-state"
    assert result.errors == []
    assert [o.geography for o in result.rows] == ["MA", "RI"]
    assert result.header_quoted is True
    assert result.rows[0].line == 2 and result.rows[1].line == 3
    assert not any("Windows-1252" in w for w in result.warnings)


def test_cms_national_iso_dates_and_benchmarks():
    result = parse(fixture("cms_national_iso.csv"))
    assert result.dialect == "cms-national"
    assert result.errors == []
    rows = by_key(result)
    assert set(rows) == {("SEP_1", "US", ""), ("SEP_1", "US", "p90"), ("SEP_SH_3HR", "US", "")}
    assert rows[("SEP_1", "US", "")].period_start == date(2022, 10, 1)
    assert rows[("SEP_1", "US", "p90")].value == Decimal("82")


def test_cms_hospital():
    result = parse(fixture("cms_hospital.csv"))
    assert result.dialect == "cms-hospital"
    assert result.errors == []
    rows = by_key(result)
    assert set(rows) == {("SEP_1", "MA", "facility:220001"), ("SEP_1", "MA", "facility:220002")}
    assert rows[("SEP_1", "MA", "facility:220001")].denominator == 210
    missing = rows[("SEP_1", "MA", "facility:220002")]
    assert missing.value is None and missing.denominator is None and missing.suppressed


def test_nchs_2014_2018_layout():
    result = parse(fixture("nchs_2014_2018.csv"))
    assert result.dialect == "nchs-weekly"
    assert result.errors == []
    rows = {(o.geography, o.period_end): o for o in result.rows}
    ma = rows[("MA", date(2018, 1, 6))]
    assert ma.value == Decimal(31)
    assert ma.period_start == date(2017, 12, 31)
    assert rows[("MA", date(2018, 1, 13))].value == Decimal(27)
    vt = rows[("VT", date(2018, 1, 6))]
    assert vt.suppressed and vt.value is None
    assert rows[("NYC", date(2018, 1, 6))].value == Decimal(40)
    assert rows[("US", date(2018, 1, 6))].value == Decimal(1012)  # "1,012"


def test_nchs_provisional_with_data_as_of():
    result = parse(fixture("nchs_provisional.csv"))
    assert result.dialect == "nchs-weekly"
    assert result.errors == []
    rows = {(o.geography, o.period_end): o for o in result.rows}
    assert rows[("MA", date(2021, 1, 9))].value == Decimal(25)
    suppressed = rows[("MA", date(2021, 1, 16))]
    assert suppressed.suppressed and suppressed.value is None
    assert suppressed.footnotes[0].startswith("One or more data cells")
    assert rows[("PR", date(2021, 1, 9))].value == Decimal(12)


def test_tidy():
    result = parse(fixture("tidy.csv"))
    assert result.dialect == "tidy"
    assert result.errors == []
    rows = by_key(result)
    first = rows[("sepsis_mortality", "MA", "")]
    assert (first.numerator, first.denominator, first.value) == (42, 600, Decimal("7.0"))
    assert first.period_start == date(2023, 1, 1) and first.period_end == date(2023, 3, 31)
    assert rows[("sepsis_mortality", "MA", "age 65+")].value is None
    assert rows[("SEP_1", "MA", "")].footnotes == ("25", "26")
    assert rows[("SEP_1", "MA", "")].period_start == date(2022, 10, 1)
    assert rows[("sepsis_mortality", "US", "")].footnotes == ("prelim", "est")
    assert all(not o.suppressed for o in result.rows)


def test_cp1252_fallback_is_reported():
    result = parse(fixture("tidy_cp1252.csv"))
    assert result.errors == []
    assert result.rows[0].stratum == "Age 65\u201374 (r\u00e9sidents)"
    assert any("cp1252" in w for w in result.warnings)


def test_latin1_last_resort():
    # 0x81 is undefined in Windows-1252, so only Latin-1 can read this file.
    data = (TIDY_HEADER + "\n").encode() + b"a,MA,caf\xe9 \x81,2023-01-01,2023-01-31,1,2,,\n"
    result = parse(data)
    assert result.errors == []
    assert result.rows[0].stratum == "caf\xe9 \x81"
    assert any("Latin-1" in w for w in result.warnings)


def test_allowed_indicators_accepts_known_codes():
    result = parse(fixture("tidy.csv"), allowed_indicators={"sepsis_mortality", "SEP_1"})
    assert result.errors == []


def test_dialect_can_be_forced():
    result = parse(fixture("tidy.csv"), dialect="tidy")
    assert result.dialect == "tidy" and result.errors == []
    forced = parse(fixture("tidy.csv"), dialect="nchs-weekly")
    error = only_error(forced)
    assert error.line == 1
    assert "Week Ending Date" in error.message


# ---------------------------------------------------------------------------------------------
# Detection


@pytest.mark.parametrize(
    ("header", "dialect"),
    [
        (CMS_HEADER.split(","), "cms-state"),
        (["Measure ID", "Condition", "Score", "Start Date", "End Date"], "cms-national"),
        (["Facility ID", "Facility Name", "State", "Measure ID", "Score"], "cms-hospital"),
        (["\ufeffJurisdiction of Occurrence", "Week Ending Date", "All  Cause"], "nchs-weekly"),
        (["Data As Of", "Jurisdiction of Occurrence", "Week Ending Date"], "nchs-weekly"),
        (TIDY_HEADER.split(","), "tidy"),
        ([" INDICATOR ", "Geography", "period_start", "period_end", "value"], "tidy"),
        (["a", "b", "c"], None),
        ([], None),
    ],
)
def test_detect_dialect(header, dialect):
    assert detect_dialect(header) == dialect


def test_normalize_name():
    assert normalize_name("\ufeff All  Cause ") == "all cause"


def test_dialects_constant():
    assert DIALECTS == ("cms-state", "cms-national", "cms-hospital", "nchs-weekly", "tidy")


# ---------------------------------------------------------------------------------------------
# Bad input: every error names a line and a column, and the whole parse fails


def test_empty_file():
    for data in (b"", b"\n\n", b"\xef\xbb\xbf", b"   \r\n"):
        error = only_error(parse(data))
        assert error.line == 1
        assert "empty" in error.message


def test_header_only():
    error = only_error(parse(TIDY_HEADER.encode() + b"\n"))
    assert error.line == 1
    assert "no data rows" in error.message


def test_unrecognized_header():
    result = parse(b"foo,bar\n1,2\n", filename="mystery.csv")
    error = only_error(result)
    assert result.dialect is None
    assert error.line == 1
    assert "Unrecognized file: the header matches none of " in error.message
    assert "cms-state, cms-national, cms-hospital, nchs-weekly, tidy" in error.message
    assert error.message.startswith("mystery.csv: ")


def test_unknown_dialect_argument():
    error = only_error(parse(fixture("tidy.csv"), dialect="excel"))
    assert "excel" in error.message and "tidy" in error.message


@pytest.mark.parametrize(
    ("data", "missing"),
    [
        (b"indicator,geography,period_start\nx,MA,1/1/2023\n", ["period_end", "value or num"]),
        (b"State,Measure ID,Score,Start Date\nMA,SEP_1,5,1/1/2023\n", ["End Date"]),
        (b"Jurisdiction,Week Ending Date,All Cause\nOhio,1/4/2020,3\n", ["Septicemia"]),
    ],
)
def test_missing_columns_are_named(data, missing):
    error = only_error(parse(data))
    assert error.line == 1
    for name in missing:
        assert name in error.message
        assert name in error.column


def assert_row_error(data: bytes, line: int, column: str, *words: str, **kwargs):
    result = parse(data, **kwargs)
    assert result.rows == [], "a failed parse returns no rows"
    matches = [e for e in result.errors if e.line == line and e.column == column]
    assert matches, result.errors
    for word in words:
        assert word in matches[0].message, matches[0].message
    assert f"line {line}" in str(matches[0]) and repr(column) in str(matches[0])
    return result


def test_non_numeric_value():
    assert_row_error(
        tidy("a,MA,,2023-01-01,2023-01-31,,,lots,", "b,MA,,2023-01-01,2023-01-31,,,1,"),
        2,
        "value",
        "'lots'",
        "not a number",
    )


@pytest.mark.parametrize("text", ["NaN", "Infinity", "1e5", "1.2.3", "--5"])
def test_non_finite_or_odd_numbers_are_rejected(text):
    assert_row_error(tidy(f"a,MA,,2023-01-01,2023-01-31,,,{text},"), 2, "value", "not a number")


def test_non_numeric_cms_score():
    data = (CMS_HEADER + "\nMA,Sepsis Care,SEP_1,x,fifty,,10/01/2022,09/30/2023\n").encode()
    assert_row_error(data, 2, "Score", "not a number")


def test_non_numeric_nchs_count():
    data = (NCHS_HEADER + "\nOhio,2020-01-04,12,\nOhio,2020-01-11,a dozen,\n").encode()
    assert_row_error(data, 3, "Septicemia (A40-A41)", "not a whole number")


def test_impossible_date():
    assert_row_error(tidy("a,MA,,2023-02-30,2023-03-31,,,1,"), 2, "period_start", "not a real date")
    data = (CMS_HEADER + "\nMA,Sepsis Care,SEP_1,x,50,,13/01/2022,09/30/2023\n").encode()
    assert_row_error(data, 2, "Start Date", "not a real date")


def test_unparseable_date():
    assert_row_error(tidy("a,MA,,Jan 2023,2023-03-31,,,1,"), 2, "period_start", "not a date")
    assert_row_error(tidy("a,MA,,2023-01-01,,,,1,"), 2, "period_end", "not a date")


def test_period_end_before_start():
    assert_row_error(tidy("a,MA,,2023-03-31,2023-01-01,,,1,"), 2, "period_end", "before")


def test_numerator_above_denominator():
    assert_row_error(tidy("a,MA,,2023-01-01,2023-01-31,11,10,,"), 2, "numerator", "larger")


def test_negative_counts():
    assert_row_error(tidy("a,MA,,2023-01-01,2023-01-31,-1,10,,"), 2, "numerator", "negative")
    assert_row_error(tidy("a,MA,,2023-01-01,2023-01-31,1,-10,,"), 2, "denominator", "negative")
    data = (NCHS_HEADER + "\nOhio,2020-01-04,-3,\n").encode()
    assert_row_error(data, 2, "Septicemia (A40-A41)", "negative")


def test_absurdly_long_numbers():
    big = "9" * 5000  # int() refuses more than 4300 digits; the parser must report, not raise
    assert_row_error(tidy(f"a,MA,,2023-01-01,2023-01-31,{big},,,"), 2, "numerator", "digits")
    assert_row_error(tidy(f"a,MA,,2023-01-01,2023-01-31,,,{big},"), 2, "value", "digits")


def test_fractional_count():
    assert_row_error(tidy("a,MA,,2023-01-01,2023-01-31,1.5,10,,"), 2, "numerator", "whole number")


def test_duplicate_rows():
    row = "a,MA,s,2023-01-01,2023-01-31,1,10,,"
    result = assert_row_error(tidy(row, row), 3, "indicator", "duplicate", "line 2")
    assert len(result.errors) == 1
    # Another stratum or period is not a duplicate.
    ok = parse(tidy(row, row.replace(",s,", ",t,"), row.replace("01-31", "01-30")))
    assert ok.errors == [] and len(ok.rows) == 3


def test_duplicate_nchs_week():
    data = (NCHS_HEADER + "\nOhio,2020-01-04,12,\nOhio,01/04/2020,13,\n").encode()
    assert_row_error(data, 3, "Jurisdiction of Occurrence", "duplicate")


def test_unknown_indicator_when_allowed_set_given():
    data = tidy("SEP_1,MA,,2023-01-01,2023-01-31,,,1,", "SEP_99,MA,,2023-01-01,2023-01-31,,,1,")
    assert parse(data).errors == []
    assert_row_error(data, 3, "indicator", "SEP_99", allowed_indicators={"SEP_1"})


def test_row_without_value_or_numerator():
    assert_row_error(tidy("a,MA,,2023-01-01,2023-01-31,,10,,x"), 2, "value", "neither")


def test_unknown_geography():
    assert_row_error(tidy("a,Atlantis,,2023-01-01,2023-01-31,,,1,"), 2, "geography", "Atlantis")
    data = (NCHS_HEADER + "\nGondor,2020-01-04,12,\n").encode()
    assert_row_error(data, 2, "Jurisdiction of Occurrence", "Gondor")


def test_ragged_row():
    result = parse(tidy("a,MA,,2023-01-01,2023-01-31,,,1"))
    error = only_error(result)
    assert error.line == 2 and "8 fields" in error.message


def test_all_errors_are_reported_and_lines_count_quoted_newlines():
    data = tidy(
        'a,MA,"two\nlines",2023-01-01,2023-01-31,,,1,',
        "b,MA,,2023-01-01,2023-01-31,,,x,",
        "c,MA,,2023-01-01,2023-01-31,,,y,",
    )
    result = parse(data)
    assert [(e.line, e.column) for e in result.errors] == [(4, "value"), (5, "value")]
    assert result.rows == []


def test_error_count_is_capped():
    data = tidy(*[f"a{i},MA,,2023-01-01,2023-01-31,,,x," for i in range(parsers.MAX_ERRORS + 50)])
    result = parse(data)
    assert len(result.errors) == parsers.MAX_ERRORS + 1
    assert "50 more errors" in result.errors[-1].message


def test_malformed_csv():
    result = parse(tidy('a,MA,,2023-01-01,2023-01-31,,,"1,'))
    assert result.rows == [] and result.errors


def test_size_guard_on_bytes():
    data = fixture("tidy.csv")
    error = only_error(parse(data, max_bytes=len(data) - 1))
    assert error.line == 0 and "limit" in error.message
    assert parse(data, max_bytes=len(data)).errors == []
    assert parsers.MAX_BYTES >= 100 * 1024 * 1024


def test_size_guard_on_files(tmp_path, monkeypatch):
    path = tmp_path / "big.csv"
    path.write_bytes(fixture("tidy.csv"))

    def must_not_open(*args, **kwargs):
        raise AssertionError("parse_file opened a file that is too large")

    monkeypatch.setattr("builtins.open", must_not_open)
    error = only_error(parse_file(path, max_bytes=10))
    assert "limit" in error.message and "big.csv" in error.message
    monkeypatch.undo()
    assert parse_file(path).errors == []
    assert only_error(parse_file(tmp_path / "absent.csv")).line == 0


def test_observation_is_frozen():
    observation = parse(fixture("tidy.csv")).rows[0]
    assert isinstance(observation, Observation)
    with pytest.raises(AttributeError):
        observation.value = Decimal(1)


# ---------------------------------------------------------------------------------------------
# Robustness and purity


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=400))
def test_parse_never_raises_on_arbitrary_bytes(data):
    result = parse(data)
    assert isinstance(result.errors, list)
    assert not any("Internal error" in e.message for e in result.errors)
    if result.errors:
        assert result.rows == []


row_text = st.text(alphabet=st.characters(codec="utf-8"), max_size=30)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(row_text, min_size=1, max_size=10), max_size=5), st.sampled_from(DIALECTS))
def test_parse_never_raises_on_csv_shaped_input(rows, dialect):
    header = {
        "tidy": TIDY_HEADER,
        "cms-state": CMS_HEADER,
        "cms-national": "Measure ID,Condition,Score,Footnote,Start Date,End Date",
        "cms-hospital": "Facility ID,State,Condition,Measure ID,Score,Sample,Start Date,End Date",
        "nchs-weekly": NCHS_HEADER,
    }[dialect]
    lines = [header] + [",".join('"' + c.replace('"', '""') + '"' for c in row) for row in rows]
    result = parse("\n".join(lines).encode())
    assert not any("Internal error" in e.message for e in result.errors)
    if result.errors:
        assert result.rows == []


def test_module_imports_only_the_standard_library():
    tree = ast.parse(Path(parsers.__file__).read_text())
    imported = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            imported.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            imported.add((node.module or "").split(".")[0])
    assert "django" not in imported
    assert imported <= set(sys.stdlib_module_names) | {"__future__"}, imported


def test_module_loads_without_django():
    code = (
        "import sys; import public_awareness.trends.parsers; "
        "sys.exit(any(m == 'django' or m.startswith('django.') for m in sys.modules))"
    )
    completed = subprocess.run(  # noqa: S603 - a fixed command
        [sys.executable, "-c", code], cwd=REPO_ROOT, capture_output=True, text=True, check=False
    )
    assert completed.returncode == 0, completed.stderr


def test_cms_sepsis_filter():
    data = (
        CMS_HEADER
        + "\nMA,Sepsis Care,SEP_2,a future sepsis measure,40,,10/01/2022,09/30/2023"
        + "\nMA,Sepsis Care,SEP_1_TENTH,an unknown benchmark,20,,10/01/2022,09/30/2023"
        + "\nMA,Other,SEP_1,relabelled condition,58,,10/01/2022,09/30/2023"
        + "\nMA,Emergency Department,OP_18b,not sepsis,150,,10/01/2022,09/30/2023\n"
    ).encode()
    result = parse(data)
    assert result.errors == []
    assert sorted(o.indicator for o in result.rows) == ["SEP_1", "SEP_2"]
    assert result.row_count == 4
    assert any("Skipped 2 rows" in w for w in result.warnings)


def test_nchs_blank_count_without_flag_is_missing_not_suppressed():
    result = parse((NCHS_HEADER + "\nOhio,2020-01-04,,\n").encode())
    assert result.errors == []
    (row,) = result.rows
    assert row.value is None and not row.suppressed
    assert any("without a suppression flag" in w for w in result.warnings)


def test_repeated_column_name_uses_the_first():
    data = (TIDY_HEADER + ",value\n" + "a,MA,,2023-01-01,2023-01-31,,,1,,2\n").encode()
    result = parse(data)
    assert result.errors == []
    assert result.rows[0].value == Decimal(1)


def test_tab_delimited_file():
    data = fixture("tidy.csv").replace(b",", b"\t").replace(b'"25\t 26"', b"25, 26")
    result = parse(data)
    assert result.errors == [], result.errors
    assert len(result.rows) == 4
