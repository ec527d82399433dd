"""The home page on a phone: its first screen, in every language, shows the way to the signs
of sepsis and the number to call, and the way leads there."""

import pytest

from tests.browser.axe import describe_violations, serious_axe_violations

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("committed_demo"),
]

PHONE = {"width": 390, "height": 844}
BUTTON = {
    "en-us": "Could this be sepsis? Know the signs",
    "es": "¿Podría ser sepsis? Conozca las señales",
    "pt": "Pode ser sepse? Conheça os sinais",
}


@pytest.fixture
def homes(demo_site):
    """{language: (home URL, symptom guide URL, guide title)}, read before the browser starts."""
    from public_awareness.models import SymptomGuidePage

    home = demo_site.root_page.specific
    homes = {}
    for guide in SymptomGuidePage.objects.live().select_related("locale"):
        language = guide.locale.language_code
        home_in_language = home.get_translation(guide.locale)
        homes[language] = (home_in_language.url, guide.url, guide.title)
    return homes


def on_first_screen(locator):
    box = locator.bounding_box()
    return (
        locator.is_visible()
        and box is not None
        and box["y"] >= 0
        and box["y"] + box["height"] <= PHONE["height"]
    )


@pytest.mark.parametrize("language", ["en-us", "es", "pt"])
def test_phone_first_screen_shows_the_way_to_the_signs_and_911(
    homes, language, new_context, site_url, axe_url
):
    home_url, guide_url, guide_title = homes[language]
    page = new_context(viewport=PHONE).new_page()
    page.goto(site_url + home_url)

    to_the_signs = page.get_by_role("link", name=BUTTON[language], exact=True)
    call = page.locator(".portal-emergency-strip a[href='tel:911']")
    assert page.evaluate("window.scrollY") == 0
    assert on_first_screen(to_the_signs), to_the_signs.bounding_box()
    assert on_first_screen(call), call.bounding_box()
    violations = serious_axe_violations(page, axe_url)
    assert not violations, f"axe-core on {home_url}:\n{describe_violations(violations)}"

    to_the_signs.click()
    page.wait_for_url(site_url + guide_url)
    assert page.locator("h1").inner_text() == guide_title
