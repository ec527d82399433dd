"""Journey: a visitor types a lay term into the header's search box, narrows the results with
a filter and opens the symptom guide, which comes first."""

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("committed_demo"),
]

GUIDE = "Sepsis: know the signs"


def result_links(page):
    return page.locator(".search-results .usa-collection__heading a")


def result_types(page):
    tags = page.locator(".search-results .usa-collection__meta .usa-tag")
    return [tag.strip() for tag in tags.all_text_contents()]


def test_a_visitor_searches_with_a_lay_term_and_filters_the_results(indexed, journey):
    page = journey.page()
    journey.visit(page, "/")

    header_search = page.get_by_role("search").filter(has=page.locator("#site-search"))
    header_search.get_by_label("Search").fill("blood poisoning")
    header_search.get_by_label("Search").press("Enter")
    journey.arrive(page, re.compile(r"/search/\?q=blood\+poisoning$"))
    expect(page.locator("#main-content .usa-alert--emergency")).to_contain_text(
        "If you think someone has sepsis, call 911."
    )
    expect(result_links(page).first).to_have_text(GUIDE)
    all_results = int(page.locator("#results-heading").inner_text().split()[0])
    assert len(set(result_types(page))) > 1, "the lay term finds more than guidance"

    filters = page.get_by_role("form", name="Narrow the results")
    guidance = filters.get_by_role("group", name="Content type").get_by_label(
        re.compile(r"^Guidance")
    )
    count = int(re.search(r"\((\d+)", guidance.locator("..").inner_text()).group(1))
    filters.locator("label", has_text=re.compile(r"^Guidance")).click()
    expect(guidance).to_be_checked()
    filters.get_by_role("button", name="Apply filters").click()
    journey.arrive(page, re.compile(r"content_type=guidance"))

    query = parse_qs(urlsplit(page.url).query)
    assert query["q"] == ["blood poisoning"] and query["content_type"] == ["guidance"]
    heading = page.locator("#results-heading")
    expect(heading).to_have_text(re.compile(rf"^{count} results? for “blood poisoning”"))
    assert count < all_results
    assert set(result_types(page)) == {"Guidance"}
    expect(result_links(page).first).to_have_text(GUIDE)
    expect(page.get_by_label(re.compile(r"^Guidance"))).to_be_checked()

    result_links(page).first.click()
    journey.arrive(page, "/sepsis/know-the-signs/")
    expect(page.get_by_role("heading", level=1)).to_have_text(GUIDE)
