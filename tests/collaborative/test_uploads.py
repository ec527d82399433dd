"""Reading files of figures (collaborative.uploads): pure parsing, no database. What the figures
mean against the collaborative's records is tested in test_importing.py."""

import ast
import datetime
import io
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from PIL import Image

from collaborative import uploads
from collaborative.uploads import Limits, Row, parse, parse_period

from .upload_files import csv_file, month, xlsx_file

pytestmark = pytest.mark.postgresql


def errors(result):
    return [(e.line, e.column) for e in result.errors]


def only_error(result):
    assert result.rows == []
    assert len(result.errors) == 1, result.errors
    return result.errors[0]


def png():
    out = io.BytesIO()
    Image.new("RGB", (4, 4)).save(out, "PNG")
    return out.getvalue()


RATIO = {"site": "NORTH", "measure": "ASSESS-20", "period": "2025-03"}


def test_the_module_is_pure():
    source = Path(uploads.__file__).read_text()
    imported = {
        node.module or ""
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.ImportFrom)
    } | {
        alias.name
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Import)
        for alias in node.names
    }
    assert not any("models" in name or name.startswith("django.db") for name in imported)


def test_a_file_reads_into_rows_with_their_lines():
    data = csv_file(
        [
            {**RATIO, "numerator": "12", "denominator": "20"},
            {**RATIO, "stratum": "0-17", "numerator": "1,204", "denominator": "2,000"},
            {**RATIO, "measure": "BARRIERS", "text": "Staffing, beds and “time zero”"},
        ]
    )
    result = parse(data)
    assert result.ok and result.format == uploads.CSV and result.rows_read == 3
    assert result.rows == [
        Row(2, "NORTH", "ASSESS-20", month("2025-03"), 12, 20, None, "", "", ""),
        Row(3, "NORTH", "ASSESS-20", month("2025-03"), 1204, 2000, None, "", "0-17", ""),
        Row(
            4, "NORTH", "BARRIERS", month("2025-03"), None, None, None, "", "",
            "Staffing, beds and “time zero”",
        ),
    ]  # fmt: skip


def test_the_header_is_any_order_and_case_and_other_columns_are_named():
    data = csv_file(
        [["3/2025", "7", "north", "deaths-30", "ignored"]],
        header=[" Period ", "COUNT", "Site", "Measure", "Hospital name"],
        bom=True,
    )
    result = parse(data)
    assert result.ok
    assert result.rows == [
        Row(2, "north", "deaths-30", month("2025-03"), None, None, 7, "", "", "")
    ]
    assert result.notes == ["These columns were not read: Hospital name."]


@pytest.mark.parametrize(
    "header, column",
    [
        (["site", "measure", "count"], "period"),
        (["measure", "period", "count"], "site"),
        (["period", "count"], "site, measure"),
    ],
)
def test_a_missing_column_is_named(header, column):
    error = only_error(parse(csv_file([], header=header)))
    assert (error.line, error.column) == (1, column)


def test_a_header_needs_a_figure_column_and_no_column_twice():
    error = only_error(parse(csv_file([], header=["site", "measure", "period", "stratum"])))
    assert error.line == 1 and "no column for figures" in error.message
    error = only_error(parse(csv_file([], header=["site", "measure", "period", "count", "Count"])))
    assert (error.line, error.column) == (1, "count")


def test_empty_files_and_files_without_figures_are_refused():
    assert "empty" in only_error(parse(b"")).message
    assert "empty" in only_error(parse(b" \r\n ")).message
    error = only_error(parse(csv_file([])))
    assert error.line == 1 and "no figures" in error.message


def test_blank_lines_are_skipped_and_lines_still_count():
    data = b"\r\nsite,measure,period,count\r\n\r\nNORTH,DEATHS-30,2025-03,x\r\n,,,\r\n"
    result = parse(data)
    assert errors(result) == [(4, "count")]
    assert result.rows_read == 1


@pytest.mark.parametrize(
    "text, expected",
    [
        ("2025-03", "2025-03"),
        ("2025-3", "2025-03"),
        ("2025-03-01", "2025-03"),
        ("3/2025", "2025-03"),
        ("03/2025", "2025-03"),
        ("3/1/2025", "2025-03"),
        (" 12/2024 ", "2024-12"),
    ],
)
def test_periods_are_read_in_the_forms_spreadsheets_write(text, expected):
    assert parse_period(text) == (month(expected), "")


@pytest.mark.parametrize(
    "text, words",
    [
        ("2025-03-15", "not the first day"),
        ("3/15/2025", "not the first day"),
        ("2025-13", "not a real month"),
        ("2/30/2025", "not a real month"),
        ("March 2025", "not a month"),
        ("Mar-25", "not a month"),
        ("", "Give the month"),
    ],
)
def test_other_periods_are_explained(text, words):
    period, message = parse_period(text)
    assert period is None and words in message and "2025-03" in message


def test_each_bad_field_of_a_row_is_reported_with_its_column():
    data = csv_file(
        [
            {**RATIO, "numerator": "twelve", "denominator": "-3"},
            {**RATIO, "period": "2025-03-15", "numerator": "2.5", "denominator": "4"},
            {"measure": "ASSESS-20", "period": "2025-04", "count": "99999999999"},
            {**RATIO, "period": "2025-05", "numerator": "1", "denominator": "2"},
        ]
    )
    result = parse(data)
    assert errors(result) == [
        (2, "numerator"),
        (2, "denominator"),
        (3, "period"),
        (3, "numerator"),
        (4, "site"),
        (4, "count"),
    ]
    messages = [e.message for e in result.errors]
    assert messages[0] == "Found “twelve”. Enter a whole number, such as 12."
    assert messages[1] == "Found “-3”. Enter a number of zero or more."
    assert "too large" in messages[5]
    # The good row is kept, for the importer to check the rest of it; the file imports nothing.
    assert [row.line for row in result.rows] == [5]
    assert not result.ok


def test_a_repeated_figure_is_an_error_naming_the_first_line():
    data = csv_file(
        [
            {**RATIO, "numerator": "1", "denominator": "2"},
            {**RATIO, "stratum": "0-17", "numerator": "1", "denominator": "2"},
            {**RATIO, "site": "north", "measure": "assess-20", "period": "3/2025", "count": "1"},
        ]
    )
    result = parse(data)
    assert errors(result) == [(4, "period")]
    assert "repeats line 2" in result.errors[0].message


def test_quoted_text_may_hold_commas_quotes_and_line_breaks():
    text = 'Two, "quoted" words\nand a second line'
    data = csv_file(
        [
            {**RATIO, "measure": "BARRIERS", "text": text},
            {**RATIO, "numerator": "x", "denominator": "1"},
        ]
    )
    result = parse(data)
    assert result.rows[0].text == text
    # The second record starts on the file's fourth line: the text took two.
    assert errors(result) == [(4, "numerator")]


def test_a_value_beyond_the_header_is_an_error():
    data = b"site,measure,period,count\nNORTH,DEATHS-30,2025-03,4,extra\nNORTH,DEATHS-30,2025-04\n"
    result = parse(data)
    assert errors(result) == [(2, "")]
    assert [row.line for row in result.rows] == [3]  # a short row reads as empty cells


def test_malformed_quoting_names_its_line():
    data = b'site,measure,period,text\nNORTH,BARRIERS,2025-03,"ok"\nNORTH,BARRIERS,2025-04,"a"b\n'
    error = only_error(parse(data))
    assert error.line == 3 and "quotation marks" in error.message


def test_semicolons_and_tabs_delimit_too():
    for delimiter in (";", "\t"):
        result = parse(
            csv_file([{**RATIO, "numerator": "1", "denominator": "2"}], delimiter=delimiter)
        )
        assert result.ok and result.rows[0].denominator == 2


def test_windows_1252_is_read_and_said():
    data = csv_file(
        [{**RATIO, "measure": "BARRIERS", "text": "Café staff – “time zero”"}], encoding="cp1252"
    )
    result = parse(data)
    assert result.rows[0].text == "Café staff – “time zero”"
    assert result.notes == ["The file is not UTF-8; it was read as Windows-1252."]


def test_text_in_no_encoding_we_read_is_refused_with_its_line():
    # 0x81 is neither UTF-8 (alone) nor a Windows-1252 character.
    data = b"site,measure,period,text\nNORTH,BARRIERS,2025-03,ok\nNORTH,BARRIERS,2025-04,\x81\n"
    error = only_error(parse(data))
    assert error.line == 3 and "UTF-8 or Windows-1252" in error.message


def test_utf_16_is_refused_with_how_to_save_it():
    data = csv_file([{**RATIO, "count": "1"}], encoding="utf-16")
    error = only_error(parse(data))
    assert "UTF-16" in error.message and "CSV UTF-8" in error.message


@pytest.mark.parametrize(
    "data, words",
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n", "a PDF document"),
        (b"<!DOCTYPE html><html><body><p>site,measure</p></body></html>", "a web page (HTML)"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(2000), "an old Excel workbook (.xls)"),
        (png(), "a PNG image"),
    ],
)
def test_other_kinds_of_file_are_refused_by_their_content(data, words):
    error = only_error(parse(data))
    assert error.line == 0
    assert f"This is not a CSV or Excel (.xlsx) file: it looks like {words}." in error.message


def test_a_plain_zip_named_anything_is_refused():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("figures.csv", "site,measure,period,count\n")
    assert "a ZIP archive" in only_error(parse(out.getvalue())).message


def test_a_workbook_reads_numbers_dates_and_text_from_its_first_sheet():
    data = xlsx_file(
        [
            {
                **RATIO,
                "period": datetime.datetime(2025, 3, 1),
                "numerator": 12,
                "denominator": 20.0,
            },
            {**RATIO, "period": "2025-04", "numerator": 2.5, "denominator": 4},
            {**RATIO, "measure": "BARRIERS", "period": "4/2025", "text": "Beds, staff"},
            {**RATIO, "period": datetime.datetime(2025, 5, 15), "numerator": 1, "denominator": 2},
        ]
    )
    result = parse(data)
    assert result.format == uploads.XLSX
    assert errors(result) == [(3, "numerator"), (5, "period")]
    assert result.rows == [
        Row(2, "NORTH", "ASSESS-20", month("2025-03"), 12, 20, None, "", "", ""),
        Row(4, "NORTH", "BARRIERS", month("2025-04"), None, None, None, "", "", "Beds, staff"),
    ]


def test_a_workbook_that_unpacks_too_far_is_refused_unread():
    data = xlsx_file([{**RATIO, "numerator": 1, "denominator": 2}])
    small = Limits(max_bytes=10**7, max_rows=100, max_unpacked_bytes=1000)
    error = only_error(parse(data, limits=small))
    assert "unpacks to more than" in error.message


def test_a_damaged_workbook_is_refused():
    data = xlsx_file([{**RATIO, "numerator": 1, "denominator": 2}])
    error = only_error(parse(data[: len(data) // 2]))
    assert error.line == 0
    assert "CSV or Excel" in error.message or "cannot be read" in error.message


def test_size_and_row_limits():
    data = csv_file([{**RATIO, "period": f"2025-{m:02d}", "count": "1"} for m in range(1, 13)])
    error = only_error(parse(data, limits=Limits(max_bytes=100, max_rows=10, max_unpacked_bytes=1)))
    assert "an upload may be at most" in error.message
    error = only_error(
        parse(data, limits=Limits(max_bytes=10**6, max_rows=10, max_unpacked_bytes=1))
    )
    assert error.line == 12 and "more than 10 rows" in error.message


# Any well-formed file reads back exactly as it was written, as CSV or as a workbook.

codes = st.text(
    alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_",
    min_size=1,
    max_size=12,
)
numbers = st.none() | st.integers(min_value=0, max_value=uploads.MAX_FIGURE)
texts = st.text(
    alphabet=st.characters(
        blacklist_categories=("Cs", "Cc", "Cn", "Co"), blacklist_characters="\ufeff"
    )
    | st.sampled_from([",", '"', "\n", "é", "“"]),
    max_size=40,
).map(str.strip)
rows = st.builds(
    lambda site, measure, period, numerator, denominator, count, category, stratum, text: Row(
        0, site, measure, period, numerator, denominator, count, category, stratum, text
    ),
    codes,
    codes,
    st.dates(min_value=datetime.date(2000, 1, 1), max_value=datetime.date(2030, 12, 1)).map(
        lambda day: day.replace(day=1)
    ),
    numbers,
    numbers,
    numbers,
    st.just("") | codes,
    st.just("") | codes,
    texts,
)
files = st.lists(rows, min_size=1, max_size=30, unique_by=lambda row: row.key)


def as_cells(row, period_text):
    numbers = [str(n) if n is not None else "" for n in (row.numerator, row.denominator, row.count)]
    return [row.site, row.measure, period_text, *numbers, row.category, row.stratum, row.text]


@hypothesis_settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(files, st.sampled_from(["%Y-%m", "%m/%Y", "%Y-%m-%d"]))
def test_any_well_formed_csv_reads_back_exactly(written, period_format):
    data = csv_file([as_cells(row, row.period.strftime(period_format)) for row in written])
    result = parse(data)
    assert result.ok, result.errors
    assert [row._replace(line=0) for row in result.rows] == written
    assert [row.line for row in result.rows] == sorted(row.line for row in result.rows)


@hypothesis_settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(files)
def test_any_well_formed_workbook_reads_back_exactly(written):
    # A cell starting with "=" is a formula to a spreadsheet, not text.
    assume(not any(row.text.startswith("=") for row in written))
    cells = [
        [row.site, row.measure, row.period, row.numerator, row.denominator, row.count]
        + [row.category, row.stratum, row.text]
        for row in written
    ]
    result = parse(xlsx_file(cells))
    assert result.ok, result.errors
    assert result.rows == [row._replace(line=line) for line, row in enumerate(written, start=2)]


@hypothesis_settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    files,
    st.data(),
    st.sampled_from(["numerator", "denominator", "count"]),
    st.sampled_from(["-1", "-250", "twelve", "2.5", "1e3", "N/A", "12 patients"]),
)
def test_any_bad_number_is_reported_at_its_line_and_column(written, data, column, bad):
    index = data.draw(st.integers(min_value=0, max_value=len(written) - 1))
    cells = [as_cells(row, f"{row.period:%Y-%m}") for row in written]
    cells[index][uploads.COLUMNS.index(column)] = bad
    result = parse(csv_file(cells))
    # Its line: after the header and the earlier rows, whose text may run over several lines.
    line = 2 + sum(row.text.count("\n") + 1 for row in written[:index])
    assert not result.ok
    assert (line, column) in errors(result)
    assert all(row.line != line for row in result.rows)
