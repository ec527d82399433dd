"""Printed pages: whose page it is, where to find it again and when it was last reviewed, in
type a reader can read (never below 11 pt), in every language."""

import io

import pytest
from django.utils import formats, translation
from playwright.sync_api import expect
from pypdf import PdfReader

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("committed_demo"),
]

CONSORTIUM = "Massachusetts Sepsis Consortium"
ELEVEN_POINTS_IN_PX = 11 * 96 / 72
REVIEWED = {"en-us": "Page last reviewed:", "es": "Última revisión", "pt": "Última revisão"}

# Every text node shown, with its computed size; charts (SVG) are drawn to their own scale.
SHOWN_TEXT_SIZES = """() => {
  const found = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const element = walker.currentNode.parentElement;
    const text = walker.currentNode.textContent.trim();
    if (!text || element.closest("svg") || !element.getClientRects().length) continue;
    found.push([text.slice(0, 60), parseFloat(getComputedStyle(element).fontSize)]);
  }
  return found;
}"""


@pytest.fixture
def printed(demo_site):
    """{language: (symptom guide, its address, its review date as the language writes it)},
    and a toolkit page, read before the browser starts."""
    from public_awareness.models import SymptomGuidePage
    from toolkits.models import ToolkitPage

    guides = {}
    for guide in SymptomGuidePage.objects.live().select_related("locale"):
        code = guide.locale.language_code
        with translation.override(code):
            reviewed = formats.date_format(guide.last_reviewed, "DATE_FORMAT")
        guides[code] = (guide.url, guide.full_url, reviewed)
    toolkit = ToolkitPage.objects.live().public().order_by("path").first()
    return {"guides": guides, "toolkit": (toolkit.url, toolkit.full_url)}


def assert_readable(page, url):
    small = [(text, size) for text, size in page.evaluate(SHOWN_TEXT_SIZES)]
    small = [(text, size) for text, size in small if size < ELEVEN_POINTS_IN_PX - 0.01]
    assert not small, f"{url} prints text below 11 pt: {small[:5]}"


@pytest.mark.parametrize("language", ["en-us", "es", "pt"])
def test_a_printed_guide_names_the_consortium_its_address_and_review_date(
    printed, language, page, site_url
):
    url, address, reviewed = printed["guides"][language]
    page.goto(site_url + url)
    masthead = page.locator(".portal-print-masthead")
    expect(masthead).to_be_hidden()  # on screen the header and footer say it

    page.emulate_media(media="print")
    expect(masthead).to_be_visible()
    expect(masthead).to_contain_text(CONSORTIUM)
    expect(masthead).to_contain_text(address)
    review = page.locator(".portal-review-dates")
    expect(review).to_be_visible()
    expect(review).to_contain_text(REVIEWED[language])
    expect(review).to_contain_text(reviewed)
    assert_readable(page, url)

    pdf = PdfReader(io.BytesIO(page.pdf(format="Letter")))
    # Both sides of one sheet at most.
    assert len(pdf.pages) <= 2
    words = " ".join(" ".join(p.extract_text() for p in pdf.pages).split())
    for expected in (CONSORTIUM, address, reviewed):
        assert expected in words, f"{expected!r} is not printed"


def test_every_printed_page_carries_the_masthead_in_readable_type(printed, page, site_url):
    url, address = printed["toolkit"]
    page.goto(site_url + url)
    page.emulate_media(media="print")
    masthead = page.locator(".portal-print-masthead")
    expect(masthead).to_contain_text(CONSORTIUM)
    expect(masthead).to_contain_text(address)
    expect(page.locator(".portal-review-dates")).to_be_visible()
    assert_readable(page, url)

    page.goto(site_url + "/search/?q=sepsis")
    page.emulate_media(media="print")
    expect(masthead).to_contain_text(site_url + "/search/?q=sepsis")
    assert_readable(page, "/search/?q=sepsis")
