"""The 404 page leads a lost visitor to the symptom guide and to search, in their language."""

import re

import pytest
from wagtail.models import Page

from public_awareness.models import SymptomGuidePage

pytestmark = pytest.mark.django_db

MISSING = {"en-us": "/no-such-page/", "es": "/es/no-existe/", "pt": "/pt/sepse/nao-existe/"}
PREFIX = {"en-us": "/", "es": "/es/", "pt": "/pt/"}


def guide_in(code):
    return SymptomGuidePage.objects.live().get(locale__language_code=code)


def links(html):
    """{URL: text} of the links listed in the page's main content."""
    main = html[html.index("<main") : html.index("</main>")]
    return dict(re.findall(r'<li><a href="([^"]+)">([^<]+)</a></li>', main))


def not_found(client, url):
    response = client.get(url)
    assert response.status_code == 404
    return response.content.decode()


@pytest.mark.parametrize("code", MISSING)
def test_the_404_links_the_guide_and_search_in_the_visitors_language(client, demo_site, code):
    html = not_found(client, MISSING[code])
    assert f'<html lang="{code}">' in html
    guide = guide_in(code)
    assert links(html)[guide.url] == guide.title
    assert guide.url.startswith(PREFIX[code])
    search = re.search(r'<form class="usa-search[^"]*" role="search"[^>]* action="([^"]+)"', html)
    assert search.group(1) == f"{PREFIX[code]}search/"
    assert 'id="not-found-search" type="search" name="q"' in html
    assert '<label class="usa-label" for="not-found-search">' in html


def test_the_guide_is_found_by_its_type_whatever_editors_call_it(
    client, demo_site, page_cache, django_capture_on_commit_callbacks
):
    before = not_found(client, MISSING["es"])
    guide = Page.objects.get(pk=guide_in("es").pk).specific
    assert guide.url in links(before)
    with django_capture_on_commit_callbacks(execute=True):
        guide.title = "Señales de alarma de la sepsis"
        guide.slug = "senales-de-alarma"
        guide.save_revision().publish()
    after = links(not_found(client, MISSING["es"]))
    assert after["/es/sepsis/senales-de-alarma/"] == "Señales de alarma de la sepsis"


def test_without_a_guide_in_the_language_the_english_one_is_offered(
    client, demo_site, page_cache, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        guide_in("pt").unpublish()
    english = guide_in("en-us")
    assert links(not_found(client, MISSING["pt"]))[english.url] == english.title

    with django_capture_on_commit_callbacks(execute=True):
        for guide in SymptomGuidePage.objects.live():
            guide.unpublish()
    html = not_found(client, MISSING["pt"])
    assert set(links(html)) == {"/pt/"}
    assert 'action="/pt/search/"' in html


def test_the_404_is_never_stored_by_the_page_cache(client, demo_site, page_cache):
    response = client.get(MISSING["es"])
    assert response["Cache-Control"] == "private, no-store"
