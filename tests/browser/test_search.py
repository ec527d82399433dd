"""The search page in a real browser: suggestions as you type (with JavaScript), and the
promoted result, "Did you mean" and filters free of serious accessibility problems."""

import pytest

from tests.browser.axe import describe_violations, serious_axe_violations

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("committed_demo"),
]


@pytest.fixture
def indexed(demo_site):
    """The demo's documents in the search index, committed before the browser starts."""
    from search import indexing

    indexing.rebuild()


def suggestion_values(page, input_id):
    options = page.locator(f"#{input_id}-suggestions option")
    options.first.wait_for(state="attached")
    return [options.nth(i).get_attribute("value") for i in range(options.count())]


def test_the_header_box_suggests_titles_as_you_type(indexed, page, site_url):
    page.goto(site_url + "/")
    box = page.locator("#site-search")
    assert box.get_attribute("list") == "site-search-suggestions"
    box.press_sequentially("Sep", delay=50)
    suggestions = suggestion_values(page, "site-search")
    assert "Sepsis: know the signs" in suggestions
    # Work-group titles are never offered to a visitor.
    assert not [title for title in suggestions if "draft" in title.lower()]
    box.fill("x")
    box.dispatch_event("input")
    page.wait_for_function(
        "() => document.querySelectorAll('#site-search-suggestions option').length === 0"
    )


@pytest.mark.parametrize(
    "query",
    ["signs of sepsis", "lactte", "sepsis"],
    ids=["promoted", "did-you-mean", "facets"],
)
def test_search_results_have_no_serious_axe_violations(indexed, page, site_url, axe_url, query):
    page.goto(f"{site_url}/search/?q={query}")
    if query == "signs of sepsis":
        assert page.locator(".search-promotions a").first.inner_text() == "Sepsis: know the signs"
    if query == "lactte":
        assert page.locator(".search-did-you-mean a").inner_text() == "lactate"
    violations = serious_axe_violations(page, axe_url)
    assert not violations, f"axe-core on /search/?q={query}:\n{describe_violations(violations)}"


@pytest.mark.parametrize("width", [320, 390, 1280])
@pytest.mark.parametrize("path", ["/", "/search/?q=sepsis"], ids=["header", "search-page"])
def test_every_search_button_shows_and_names_itself_at_every_width(
    new_context, site_url, path, width
):
    """USWDS hides the button's word on narrow screens and shows its icon instead: the icon
    must be there, and carry the button's name for screen readers."""
    page = new_context(viewport={"width": width, "height": 800}).new_page()
    page.goto(site_url + path)
    if width < 1024 and path == "/":
        page.click(".usa-menu-btn")  # the header's box is in the menu on narrow screens
    for form in page.locator("form[role=search]").all():
        if not form.is_visible():
            continue
        button = form.get_by_role("button", name="Search")
        assert button.is_visible()
        box = button.bounding_box()
        assert box["width"] >= 24 and box["height"] >= 24, box  # WCAG 2.2 target size
        word, icon = button.locator(".usa-search__submit-text"), button.locator("img")
        assert word.is_visible() or icon.is_visible(), f"an empty button at {width} px"
