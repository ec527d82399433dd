"""Every language a complete path, on a phone: a page not yet translated leads on to pages
and files in the reader's language, the switch is on the search and sign-in pages, and a
query written in Spanish or Portuguese on the English site finds that language's guidance."""

import re

import pytest

from tests.browser.axe import describe_violations, serious_axe_violations

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("committed_demo"),
]

PHONE = {"width": 390, "height": 844}
LANGUAGE_NAMES = {"es": "Español", "pt": "Português"}
QUERIES = {"es": "infección de la sangre", "pt": "infecção no sangue"}


@pytest.fixture
def paths(demo_site):
    """Addresses read before the browser starts (no ORM while it is open)."""
    from public_awareness.models import AwarenessIndexPage, SymptomGuidePage
    from toolkits.models import ToolkitPage

    toolkit = ToolkitPage.objects.live().get(slug="pediatric-sepsis-bundle")

    def by_language(model):
        return {
            p.locale.language_code: p.url for p in model.objects.live().select_related("locale")
        }

    return {
        "toolkit": toolkit.url,
        "guides": by_language(SymptomGuidePage),
        "sections": by_language(AwarenessIndexPage),
    }


@pytest.fixture
def phone(new_context):
    return new_context(viewport=PHONE).new_page()


def check_accessible(page, axe_url):
    violations = serious_axe_violations(page, axe_url)
    assert not violations, f"{page.url}:\n{describe_violations(violations)}"


def no_sideways_scroll(page):
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{page.url} is {width} px wide"


@pytest.mark.parametrize("code", ["es", "pt"])
def test_an_untranslated_page_leads_on_in_the_readers_language(
    paths, phone, site_url, axe_url, code
):
    phone.goto(site_url + paths["toolkit"])
    phone.get_by_role("link", name=LANGUAGE_NAMES[code], exact=True).click()
    phone.wait_for_load_state()
    assert phone.locator("html").get_attribute("lang") == code
    check_accessible(phone, axe_url)
    no_sideways_scroll(phone)

    # Files in the reader's language, downloadable by anyone.
    files = phone.locator("section[aria-labelledby=files-heading] a")
    assert files.count() >= 1
    file_url = files.first.get_attribute("href")
    assert phone.request.get(site_url + file_url).status == 200

    # Pages nearby in that language: the toolkits are not translated, so the nearest
    # translated page is the home page, listed with its sections; the sepsis section leads
    # to the symptom guide.
    nearby = phone.locator("section[aria-labelledby=nearby-heading]")
    nearby.locator(f'a[href="{paths["sections"][code]}"]').click()
    phone.wait_for_load_state()
    phone.locator(f'main a[href="{paths["guides"][code]}"]').first.click()
    phone.wait_for_load_state()
    assert phone.url == site_url + paths["guides"][code]
    assert phone.locator("html").get_attribute("lang") == code


@pytest.mark.parametrize("code", ["es", "pt"])
@pytest.mark.parametrize("path", ["/search/?q=sepsis", "/accounts/login/"])
def test_search_and_sign_in_pages_switch_language(phone, site_url, axe_url, code, path):
    phone.goto(site_url + path)
    phone.get_by_role("link", name=LANGUAGE_NAMES[code], exact=True).click()
    phone.wait_for_load_state()
    assert phone.url == f"{site_url}/{code}{path}"
    assert phone.locator("html").get_attribute("lang") == code
    check_accessible(phone, axe_url)
    no_sideways_scroll(phone)


@pytest.mark.parametrize("code", ["es", "pt"])
def test_a_query_in_spanish_or_portuguese_finds_that_languages_guide_on_the_english_site(
    paths, phone, site_url, axe_url, code
):
    phone.goto(site_url + "/search/")
    box = phone.locator("main input[name=q]")
    box.fill(QUERIES[code])
    box.press("Enter")
    phone.wait_for_load_state()
    first = phone.locator("ol.search-results a").first
    assert first.get_attribute("href") == paths["guides"][code]
    note = phone.locator(".search-language-note").inner_text()
    assert re.search(r"Spanish|Portuguese", note)
    check_accessible(phone, axe_url)
    no_sideways_scroll(phone)
