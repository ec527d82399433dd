"""The trend page in a real browser: accessible with and without JavaScript, charts drawn,
data tables reachable from the keyboard, and the embed framed by another page."""

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
    chart = frame.get_by_role("img", name=re.compile(r"^Sepsis care bundle followed"))
    chart.wait_for()
    assert chart.is_visible()


def test_the_trend_page_itself_refuses_to_be_framed(trend_url, page, site_url, other_site):
    # goto returns after the load event, which waits for the frame to finish (or fail).
    page.goto(f"{other_site}?src={site_url}{trend_url}")
    frame = page.frame_locator("iframe")
    assert frame.get_by_role("heading", name="Sepsis trends in Massachusetts").count() == 0
    page.goto(f"{site_url}{trend_url}")
    assert page.get_by_role("heading", name="Sepsis trends in Massachusetts").count() == 1
