"""The trend page in a real browser: accessible with and without JavaScript, charts drawn,
data tables reachable from the keyboard, and the embed framed by another page."""

import re

import pytest

from tests.browser.axe import describe_violations, serious_axe_violations

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def trend_url(demo_site):
    from public_awareness.trends.models import TrendPage

    return TrendPage.objects.live().get(locale__language_code="en-us").url


def test_trend_page_is_accessible_with_and_without_javascript(
    trend_url, new_context, site_url, axe_url
):
    with_js = new_context().new_page()
    without_js = new_context().new_page()
    without_js.route(re.compile(r".*/static/portal/js/.*"), lambda route: route.abort())
    for mode, page in (("JavaScript on", with_js), ("JavaScript off", without_js)):
        assert page.goto(site_url + trend_url).status == 200
        # Open every data table so that axe checks them too.
        page.eval_on_selector_all("details", "els => els.forEach(e => e.open = true)")
        violations = serious_axe_violations(page, axe_url)
        assert not violations, f"{trend_url} ({mode}):\n{describe_violations(violations)}"
        charts = page.get_by_role("img", name=re.compile(r"in Massachusetts, by period$"))
        assert charts.count() == 6
        box = charts.first.bounding_box()
        assert box["width"] > 300 and box["height"] > 100


def test_data_table_opens_from_the_keyboard(trend_url, page, site_url):
    page.goto(site_url + trend_url)
    summary = page.get_by_text("Data table: Deaths from septicemia")
    table = page.get_by_role("table", name="Deaths from septicemia in Massachusetts, each period")
    assert not table.is_visible()
    summary.focus()
    page.keyboard.press("Enter")
    assert table.is_visible()
    assert table.get_by_role("row").count() == 105  # header and 104 weeks


def test_embed_renders_inside_another_sites_frame(trend_url, page, site_url):
    embed = f"{site_url}{trend_url}embed/SEP_1/"
    # A page on another origin (a data: URL) frames the chart.
    page.goto(f'data:text/html,<iframe src="{embed}" width="700" height="700"></iframe>')
    frame = page.frame_locator("iframe")
    chart = frame.get_by_role("img", name=re.compile(r"^Sepsis care bundle followed"))
    chart.wait_for()
    assert chart.is_visible()
