"""The trend page in a real browser: accessible with and without JavaScript, charts drawn,
readable and tappable on a phone (text measured as rendered), data tables reachable from the
keyboard, and the embed framed by another page."""

import re
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

import pytest

from tests.browser.axe import describe_violations, serious_axe_violations

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("committed_demo"),
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
        # Deaths over time; the five hospital measures, with three periods each, are tables of
        # their periods and dot plots of every state, not line charts.
        charts = page.get_by_role("img", name=re.compile(r"in Massachusetts, by period$"))
        assert charts.count() == 1
        box = charts.first.bounding_box()
        assert box["width"] > 300 and box["height"] > 100
        compared = page.get_by_role("img", name=re.compile(r"^How Massachusetts compares"))
        assert compared.count() == 5


# Every text element of every chart: its rendered font size in CSS pixels (the computed size
# times the scale the drawing is shown at), and what it says.
MEASURE_TEXT = """svgs => svgs.flatMap(svg => [...svg.querySelectorAll("text")].map(text => {
    const box = text.getBoundingClientRect();
    const scale = text.getScreenCTM().a;
    return {
        text: text.textContent.trim(),
        px: parseFloat(getComputedStyle(text).fontSize) * scale,
        visible: box.width > 0,
    };
}))"""


def test_chart_text_is_readable_and_points_tappable_on_a_phone(trend_url, new_context, site_url):
    phone = new_context(viewport={"width": 390, "height": 844}, device_scale_factor=3)
    page = phone.new_page()
    page.goto(site_url + trend_url)
    svgs = page.locator("svg.portal-chart__svg")
    assert svgs.count() == 6
    texts = svgs.evaluate_all(MEASURE_TEXT)
    shown = [t for t in texts if t["visible"] and t["text"]]
    assert len(shown) > 40
    small = [t for t in shown if t["px"] < 12]
    assert not small, small
    # Each chart fits the phone: nothing scrolls sideways.
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    # The axis says what is counted, with its unit.
    deaths = page.get_by_role("img", name="Deaths from septicemia in Massachusetts, by period")
    titles = deaths.locator(".portal-chart__axis-title").all_text_contents()
    assert titles == ["Deaths per week"]
    assert (
        "% of eligible patients" in svgs.nth(1).locator(".portal-chart__axis-title").text_content()
    )

    # Every point has a target at least 24 pixels across, and a tap reads it out.
    hits = deaths.locator(".portal-chart__hit")
    assert hits.count() > 90
    box = hits.nth(40).bounding_box()
    assert box["width"] >= 24 and box["height"] >= 24
    hits.nth(40).dispatch_event("click")  # the point itself, wherever neighbors overlap it
    readout = page.locator(".portal-chart__readout").first
    readout.wait_for()
    assert re.match(r"week ending \w+ \d+, 20\d\d: \d+", readout.inner_text())
    deaths.click(position={"x": 200, "y": 150})  # a finger near a point
    assert readout.inner_text().startswith("week ending")


def test_data_table_opens_from_the_keyboard(trend_url, page, site_url):
    page.goto(site_url + trend_url)
    summary = page.get_by_text("Data table: Deaths from septicemia")
    table = page.get_by_role("table", name="Deaths from septicemia in Massachusetts, each period")
    assert not table.is_visible()
    summary.focus()
    page.keyboard.press("Enter")
    assert table.is_visible()
    assert table.get_by_role("row").count() == 105  # header and 104 weeks


@pytest.fixture
def other_site():
    """Another origin (a second local server) whose page frames ``?src=``."""

    class Story(BaseHTTPRequestHandler):
        def do_GET(self):
            src = parse_qs(urlparse(self.path).query)["src"][0]
            body = f'<title>Story</title><iframe src="{src}" width="700" height="700"></iframe>'
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            self.wfile.write(body.encode())

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Story)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}/story"
    server.shutdown()


def test_embed_renders_inside_another_sites_frame(trend_url, page, site_url, other_site):
    page.goto(f"{other_site}?src={site_url}{trend_url}embed/SEP_1/")
    frame = page.frame_locator("iframe")
    chart = frame.get_by_role("img", name=re.compile(r"^How Massachusetts compares"))
    chart.wait_for()
    assert chart.is_visible()


def test_the_trend_page_itself_refuses_to_be_framed(trend_url, page, site_url, other_site):
    # goto returns after the load event, which waits for the frame to finish (or fail).
    page.goto(f"{other_site}?src={site_url}{trend_url}")
    frame = page.frame_locator("iframe")
    assert frame.get_by_role("heading", name="Sepsis trends in Massachusetts").count() == 0
    page.goto(f"{site_url}{trend_url}")
    assert page.get_by_role("heading", name="Sepsis trends in Massachusetts").count() == 1
