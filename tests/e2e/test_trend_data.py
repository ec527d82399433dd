"""Journey: a visitor finds the statewide sepsis trends from the home page, reads a chart's
data table and downloads its data as CSV."""

import csv
import io
import re
from urllib.parse import urljoin

import pytest

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("committed_demo"),
]


def test_a_visitor_downloads_the_trend_data_as_csv(journey, tmp_path):
    page = journey.page()
    journey.visit(page, "/")

    page.get_by_role("navigation", name="Primary navigation").get_by_role(
        "link", name="Sepsis trends in Massachusetts"
    ).click()
    journey.arrive(page, "/sepsis-trends/")
    page.get_by_text("Data table: Deaths from septicemia").click()
    table = page.get_by_role("table", name="Deaths from septicemia in Massachusetts, each period")
    rows = table.locator("tbody tr")
    shown = {
        rows.nth(i).locator("th").inner_text(): rows.nth(i).locator("td").first.inner_text()
        for i in range(rows.count())
    }
    journey.check(page, "the trend page with a data table open")

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download the data as CSV (Deaths from septicemia)").click()
    download = download_info.value
    assert download.suggested_filename == "septicemia_deaths-MA.csv"
    path = tmp_path / download.suggested_filename
    download.save_as(path)

    text = path.read_text(encoding="utf-8")
    # A plain table that any CSV reader opens: the header row first, no comment lines.
    assert not any(line.startswith("#") for line in text.splitlines())
    records = list(csv.DictReader(io.StringIO(text)))
    assert text.splitlines()[0].split(",")[:6] == [
        "period_start",
        "period_end",
        "value",
        "numerator",
        "denominator",
        "suppressed",
    ]
    # What describes it is beside it, linked from the page.
    link = page.get_by_role(
        "link", name="What the CSV's columns and figures are (JSON) (Deaths from septicemia)"
    )
    metadata = page.request.get(urljoin(page.url, link.get_attribute("href"))).json()
    assert metadata["name"] == "Deaths from septicemia"
    assert metadata["geography_name"] == "Massachusetts"
    assert metadata["suppression"].startswith("Counts from 1 to 10")
    assert len(records) == len(shown) == 104
    # Each row is the period the page's table shows: the same value, or a gap where the
    # table says the small count is not shown.
    for record, (label, value) in zip(records, shown.items(), strict=True):
        assert re.search(r"\d{4}$", label) and record["period_end"][:4] == label[-4:]
        if record["suppressed"] == "yes":
            assert value == "Not shown" and record["value"] == ""
        else:
            assert float(record["value"]) == float(value), (label, record)
    assert {r["suppressed"] for r in records} == {"yes", "no"}
