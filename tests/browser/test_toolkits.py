"""The toolkit catalog and a toolkit page in a real browser, with the portal's scripts
blocked: filtering is a plain form whose state lives in the URL, and both pages are free of
serious accessibility problems and fit a phone's width."""

import re
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.browser.axe import describe_violations, serious_axe_violations
from tests.browser.conftest import MOBILE_VIEWPORT

pytestmark = [
    pytest.mark.browser,
    # The server thread only sees committed data: the demo, committed (committed_demo).
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("committed_demo"),
]

SCRIPTS = re.compile(r".*/static/portal/js/.*")


@pytest.fixture
def catalog(demo_site):
    """What the tests need to know, read before the browser starts (no ORM while it runs):
    the catalog's URL, its toolkit count, and a care setting that narrows the list."""
    from toolkits.models import CareSetting, ToolkitIndexPage, ToolkitPage

    index = ToolkitIndexPage.objects.live().get(locale__language_code="en-us")
    toolkits = ToolkitPage.objects.live().public().child_of(index)
    total = toolkits.count()
    for setting in CareSetting.objects.order_by("sort_order", "name"):
        chosen = toolkits.filter(care_settings=setting)
        if 0 < chosen.count() < total:
            break
    else:
        pytest.fail("the demo catalog needs a care setting that only some toolkits have")
    return {
        "url": index.url,
        "total": total,
        "slug": setting.slug,
        "name": setting.name,
        "count": chosen.count(),
        "titles": list(chosen.order_by("title").values_list("title", flat=True)),
    }


def no_scripts(page):
    """The page as a visitor without JavaScript gets it (axe is still added by the test)."""
    page.route(SCRIPTS, lambda route: route.abort())
    return page


def shown_count(page):
    return int(page.locator("#results-heading").inner_text().split()[0])


def listed_titles(page):
    return page.locator(".usa-collection__heading a").all_inner_texts()


def assert_accessible(page, what, axe_url):
    violations = serious_axe_violations(page, axe_url)
    assert not violations, f"{what}:\n{describe_violations(violations)}"


def test_filter_with_the_form_keeps_the_choice_in_the_url_and_pages_are_accessible(
    catalog, page, site_url, axe_url
):
    no_scripts(page)
    assert page.goto(site_url + catalog["url"]).status == 200
    assert shown_count(page) == catalog["total"]
    assert_accessible(page, "the catalog", axe_url)

    # Choose a care setting and a sort order, and send the form as it is.
    checkbox_id = f"care_setting-{catalog['slug']}"
    page.locator(f"label[for='{checkbox_id}']").click()
    assert page.locator(f"#{checkbox_id}").is_checked()
    page.get_by_label("Sort by").select_option("title")
    page.get_by_role("button", name="Show toolkits").click()
    page.wait_for_url(re.compile(r"care_setting="))

    query = parse_qs(urlsplit(page.url).query)
    assert query["care_setting"] == [catalog["slug"]]
    assert query["sort"] == ["title"]
    assert shown_count(page) == catalog["count"]
    assert listed_titles(page) == catalog["titles"]  # in the database's title order
    assert_accessible(page, "the filtered catalog", axe_url)

    # The URL alone brings the same state back: a link shared or a page reloaded.
    filtered_url = page.url
    fresh = no_scripts(page.context.new_page())
    fresh.goto(filtered_url)
    assert fresh.locator(f"#{checkbox_id}").is_checked()
    assert fresh.get_by_label("Sort by").input_value() == "title"
    assert listed_titles(fresh) == catalog["titles"]
    # And "Clear all filters" leaves none of it.
    fresh.get_by_role("link", name="Clear all filters").click()
    fresh.wait_for_url(re.compile(r"/toolkits/$"))
    assert not fresh.locator(f"#{checkbox_id}").is_checked()
    assert shown_count(fresh) == catalog["total"]

    # Open the first toolkit listed.
    first = page.locator(".usa-collection__heading a").first
    title = first.inner_text()
    first.click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == title
    assert page.locator(".portal-resources__item").count() >= 1
    assert_accessible(page, f"the toolkit page {title!r}", axe_url)


def test_catalog_and_toolkit_fit_a_phone_and_stay_accessible(
    catalog, new_context, site_url, axe_url
):
    page = no_scripts(new_context(viewport=MOBILE_VIEWPORT).new_page())
    page.goto(f"{site_url}{catalog['url']}?care_setting={catalog['slug']}")
    toolkit_url = page.locator(".usa-collection__heading a").first.get_attribute("href")
    for what, url in (("catalog", catalog["url"]), ("toolkit page", toolkit_url)):
        page.goto(site_url + url)
        overflow = page.evaluate(
            "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, f"the {what} is {overflow}px wider than a phone's screen"
        assert_accessible(page, f"the {what} on a phone", axe_url)
