"""A visitor who lands on a missing page on a phone finds the symptom guide and search there,
in their language."""

import pytest
from playwright.sync_api import expect

from tests.browser.axe import describe_violations, serious_axe_violations

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("committed_demo"),
]

PHONE = {"width": 390, "height": 844}
MISSING = {"en-us": "/no-such-page/", "es": "/es/no-existe/", "pt": "/pt/nao-existe/"}
SEARCH_LABEL = {"en-us": "Search the site", "es": "Buscar en el sitio", "pt": "Buscar no site"}
SEARCH = {"en-us": "/search/", "es": "/es/search/", "pt": "/pt/search/"}


@pytest.fixture
def guides(demo_site):
    from public_awareness.models import SymptomGuidePage

    return {
        guide.locale.language_code: (guide.title, guide.url)
        for guide in SymptomGuidePage.objects.live().select_related("locale")
    }


@pytest.mark.parametrize("language", MISSING)
def test_a_lost_visitor_on_a_phone_reaches_the_guide_or_searches(
    guides, language, new_context, site_url, axe_url
):
    page = new_context(viewport=PHONE).new_page()
    response = page.goto(site_url + MISSING[language])
    assert response.status == 404
    violations = serious_axe_violations(page, axe_url)
    assert not violations, describe_violations(violations)

    title, url = guides[language]
    main = page.get_by_role("main")
    guide_link = main.get_by_role("link", name=title, exact=True)
    expect(guide_link).to_be_visible()
    box = guide_link.bounding_box()
    assert box["y"] + box["height"] <= PHONE["height"], "the guide is on the first screen"

    search = main.get_by_role("searchbox", name=SEARCH_LABEL[language])
    expect(search).to_be_visible()
    search.fill("sepsis")
    search.press("Enter")
    page.wait_for_load_state()
    assert page.url == f"{site_url}{SEARCH[language]}?q=sepsis"

    page.goto(site_url + MISSING[language])
    page.get_by_role("main").get_by_role("link", name=title, exact=True).click()
    page.wait_for_url(site_url + url)
