"""Awareness pages in a real browser: every page type in every demo language, with
JavaScript on and off, has no serious accessibility problems and announces its callout."""

import re

import pytest

from tests.browser.axe import describe_violations, serious_axe_violations

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("committed_demo"),
]


@pytest.fixture
def awareness_urls(demo_site):
    """{language: [index, guide, article URLs]}, read before any browser fixture starts."""
    from public_awareness.models import AwarenessArticlePage, AwarenessIndexPage, SymptomGuidePage

    urls = {}
    for model in (AwarenessIndexPage, SymptomGuidePage, AwarenessArticlePage):
        for page in model.objects.live().select_related("locale").order_by("path"):
            urls.setdefault(page.locale.language_code, {}).setdefault(model, page.url)
    return {language: list(by_model.values()) for language, by_model in urls.items()}


def heading_levels(page):
    return page.eval_on_selector_all(
        "main h1, main h2, main h3, main h4", "els => els.map(e => +e.tagName[1])"
    )


@pytest.mark.parametrize("language", ["en-us", "es", "pt"])
def test_awareness_pages_are_accessible_with_and_without_javascript(
    awareness_urls, language, new_context, site_url, axe_url
):
    urls = awareness_urls[language]
    assert len(urls) == 3
    with_js = new_context().new_page()
    # Without the site's own scripts the page is what a browser with JavaScript off shows;
    # axe itself still runs.
    without_js = new_context().new_page()
    without_js.route(re.compile(r".*/static/portal/js/.*"), lambda route: route.abort())
    for url in urls:
        for mode, page in (("JavaScript on", with_js), ("JavaScript off", without_js)):
            response = page.goto(site_url + url)
            assert response.status == 200, url
            violations = serious_axe_violations(page, axe_url)
            assert not violations, f"{url} ({mode}):\n{describe_violations(violations)}"
            levels = heading_levels(page)
            assert levels[0] == 1 and levels.count(1) == 1, (url, levels)
            skips = [(a, b) for a, b in zip(levels, levels[1:], strict=False) if b > a + 1]
            assert not skips, f"{url}: heading levels skip {skips}"


def test_emergency_callout_is_announced_with_its_level(demo_site, page, site_url):
    page.goto(site_url + "/sepsis/know-the-signs/")
    region = page.get_by_role("region", name=re.compile(r"^Emergency: Call 911 now"))
    assert region.count() == 1
    region.get_by_role("link", name="Call 911").focus()
    assert page.evaluate("document.activeElement.getAttribute('href')") == "tel:911"


def test_print_button_appears_only_with_javascript(demo_site, new_context, site_url):
    page = new_context().new_page()
    page.goto(site_url + "/sepsis/know-the-signs/")
    assert page.get_by_role("button", name="Print this page").is_visible()
    no_js = new_context(java_script_enabled=False).new_page()
    no_js.goto(site_url + "/sepsis/know-the-signs/")
    assert not no_js.get_by_role("button", name="Print this page").is_visible()
    assert no_js.get_by_text("Printing this page gives a fact sheet to keep.").is_visible()


def test_printed_symptom_guide_is_a_fact_sheet_on_one_sheet(demo_site, page, site_url):
    page.goto(site_url + "/sepsis/know-the-signs/")
    page.emulate_media(media="print")
    assert page.get_by_role("region", name=re.compile(r"^Emergency:")).is_visible()
    assert not page.locator(".portal-faq").is_visible()
    pdf = page.pdf(format="Letter")
    pages = len(re.findall(rb"/Type\s*/Page(?!s)", pdf))
    # Two sides of one sheet: in 11 pt type (tests/browser/test_print.py) it no longer fits one.
    assert pages <= 2, f"the printed guide has {pages} pages"
