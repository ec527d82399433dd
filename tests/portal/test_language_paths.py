"""Every language a complete path: a missing translation offers what the site has in the
reader's language, and the language switch is on every page, not only Wagtail pages."""

import re

import pytest
from django.contrib.auth.models import Group
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction, Locale, Page

from public_awareness.models import AwarenessArticlePage, AwarenessIndexPage, SymptomGuidePage

pytestmark = pytest.mark.django_db


def switcher_links(html):
    """{language code: href} of the language switch."""
    switch = re.search(r'class="portal-language-switcher">(.*?)</ul>', html, re.S)
    assert switch, "the page has no language switch"
    return {code: href for href, code in re.findall(r'<a href="([^"]+)" lang="([^"]+)"', switch[1])}


@pytest.fixture
def untranslated_article(demo_site, user):
    """An English guidance page beside the symptom guide that nobody has translated."""
    index = AwarenessIndexPage.objects.get(locale=Locale.get_default())
    article = AwarenessArticlePage(
        title="Sepsis after surgery",
        slug="sepsis-after-surgery",
        introduction="What to watch for when you go home after an operation.",
        content_owner=user,
    )
    index.add_child(instance=article)
    article.save_revision().publish()
    return article


def missing_page_html(client, page, code):
    html = client.get(page.url).content.decode()
    response = client.get(switcher_links(html)[code])
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("code", ["es", "pt"])
def test_missing_translation_offers_the_translated_pages_nearby(client, untranslated_article, code):
    html = missing_page_html(client, untranslated_article, code)
    assert f'<html lang="{code}">' in html
    locale = Locale.objects.get(language_code=code)
    guide = SymptomGuidePage.objects.get(locale=locale)
    index = AwarenessIndexPage.objects.get(locale=locale)
    nearby = html[html.index('id="nearby-heading"') :]
    # The translated section and its pages (the symptom guide among them), in that language.
    assert f'href="{index.url}"' in nearby
    assert f'href="{guide.url}"' in nearby
    english_guide = SymptomGuidePage.objects.get(locale=Locale.get_default())
    assert f'href="{english_guide.url}"' not in nearby
    # The English original is still offered, and the call to 911.
    assert f'href="{untranslated_article.url}"' in html
    assert "911" in html


def test_missing_translation_with_no_translated_section_offers_the_home_page(client, demo_site):
    html = missing_page_html(client, Page.objects.get(slug="about").specific, "es")
    spanish_home = demo_site.root_page.get_translation(Locale.objects.get(language_code="es"))
    nearby = html[html.index('id="nearby-heading"') :]
    assert f'href="{spanish_home.url}"' in nearby


def test_nearby_pages_leave_out_private_and_unpublished_translations(client, untranslated_article):
    spanish_index = AwarenessIndexPage.objects.get(locale__language_code="es")
    hidden = spanish_index.get_children().live().first()
    hidden.unpublish()
    html = missing_page_html(client, untranslated_article, "es")
    assert f'href="{hidden.url or hidden.url_path}"' not in html
    nearby = html[html.index('id="nearby-heading"') : html.index('id="files-heading"')]
    assert hidden.title not in nearby


def test_missing_translation_offers_public_files_in_that_language_only(
    client, untranslated_article
):
    Document = get_document_model()
    spanish_files = Document.objects.filter(language="es", toolkit_resources__isnull=False)
    public, hidden = spanish_files.distinct()[:2]
    # One Spanish file moves into a members-only collection: it must not be offered.
    members = Collection.get_first_root_node().add_child(name="Members only (test)")
    restriction = CollectionViewRestriction.objects.create(
        collection=members, restriction_type=CollectionViewRestriction.GROUPS
    )
    restriction.groups.add(Group.objects.create(name="Test members"))
    hidden.collection = members
    hidden.save()

    html = missing_page_html(client, untranslated_article, "es")
    files = html[html.index('id="files-heading"') :]
    assert f'href="{public.url}"' in files
    assert public.title in files
    assert f'href="{hidden.url}"' not in html
    english = Document.objects.filter(language="en-us", toolkit_resources__isnull=False).first()
    assert f'href="{english.url}"' not in files

    portuguese = missing_page_html(client, untranslated_article, "pt")
    assert f'href="{public.url}"' not in portuguese


def test_switch_on_a_missing_translation_offers_the_original_and_other_languages(
    client, untranslated_article
):
    html = missing_page_html(client, untranslated_article, "es")
    links = switcher_links(html)
    assert set(links) == {"en-us", "pt"}
    assert links["en-us"] == untranslated_article.url


@pytest.mark.parametrize(
    "path",
    ["/search/?q=fiebre", "/accounts/login/", "/accounts/signup/", "/accounts/password/reset/"],
)
def test_views_that_are_not_pages_have_the_language_switch(client, demo_site, path):
    html = client.get(path).content.decode()
    links = switcher_links(html)
    assert links == {"es": f"/es{path}", "pt": f"/pt{path}"}
    spanish = client.get(links["es"]).content.decode()
    assert '<html lang="es">' in spanish
    assert switcher_links(spanish)["en-us"] == path


def test_signed_in_profile_has_the_language_switch(client, demo_site, user):
    client.force_login(user)
    html = client.get("/pt/accounts/profile/").content.decode()
    assert switcher_links(html) == {"en-us": "/accounts/profile/", "es": "/es/accounts/profile/"}


def test_a_404_has_no_switch_to_pages_that_do_not_exist(client, demo_site):
    html = client.get("/no-such-page/").content.decode()
    assert "portal-language-switcher" not in html
