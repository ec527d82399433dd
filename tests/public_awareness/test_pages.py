"""Awareness pages in three languages: switcher, hreflang, fallbacks, metadata and queries."""

import datetime
import json
import re

import pytest
from django.core.exceptions import ValidationError
from django.utils.html import escape
from wagtail.models import Locale

from public_awareness.models import AwarenessArticlePage, AwarenessIndexPage, SymptomGuidePage
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

GUIDE = "/sepsis/know-the-signs/"


@pytest.fixture
def guide(demo_site):
    return SymptomGuidePage.objects.get(locale=Locale.get_default())


def test_demo_builds_every_page_type_in_three_languages(demo_site):
    for model in (AwarenessIndexPage, SymptomGuidePage, AwarenessArticlePage):
        languages = set(model.objects.live().values_list("locale__language_code", flat=True))
        assert languages == {"en-us", "es", "pt"}, model
    english_articles = AwarenessArticlePage.objects.filter(locale=Locale.get_default())
    assert set(english_articles.values_list("slug", flat=True)) == {
        "life-after-sepsis",
        "preventing-infections",
        "for-childrens-caregivers",
    }


def test_every_awareness_page_renders_with_owner_and_review_dates(client, demo_site):
    for model in (AwarenessIndexPage, SymptomGuidePage, AwarenessArticlePage):
        for page in model.objects.live():
            html = client.get(page.url).content.decode()
            assert page.content_owner_id
            assert f"<h1>{escape(page.title)}</h1>" in html, page.url
            assert "October 1, 2026" in html or "2026-10-01" in html, page.url


def test_first_screen_says_what_sepsis_is_and_when_to_call_911(client, guide):
    html = client.get(GUIDE).content.decode()
    h1 = html.index("<h1>")
    summary = html.index('class="usa-intro"')
    emergency = html.index("usa-alert--emergency")
    first_signs = html.index("portal-symptoms--adult")
    assert h1 < summary < emergency < first_signs
    assert "Sepsis is the body" in html[summary:emergency]
    for topic in (
        "Signs of sepsis in children and babies",
        "Signs on brown and black skin",
        "may not have all of these signs",
        "Who is at higher risk",
        "How to lower the risk",
        "Could this be sepsis?",
        "Life after sepsis",
    ):
        assert topic in html, topic


def test_language_switcher_keeps_the_reader_on_the_same_page(client, guide):
    spanish = guide.get_translation(Locale.objects.get(language_code="es"))
    portuguese = guide.get_translation(Locale.objects.get(language_code="pt"))
    html = client.get(GUIDE).content.decode()
    switcher = html[html.index("portal-language-switcher") :]
    assert f'href="{spanish.url}" lang="es" hreflang="es"' in switcher
    assert f'href="{portuguese.url}" lang="pt" hreflang="pt"' in switcher
    spanish_html = client.get(spanish.url).content.decode()
    assert '<html lang="es">' in spanish_html
    assert f'href="{guide.url}" lang="en-us"' in spanish_html


def test_head_lists_every_translation_with_hreflang_including_itself(client, guide):
    html = client.get(GUIDE).content.decode()
    alternates = dict(re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', html))
    assert set(alternates) == {"en-us", "es", "pt", "x-default"}
    assert alternates["en-us"].endswith(GUIDE)
    assert alternates["x-default"] == alternates["en-us"]


def test_interface_is_translated_on_spanish_pages(client, guide):
    spanish = guide.get_translation(Locale.objects.get(language_code="es"))
    html = client.get(spanish.url).content.decode()
    assert "Skip to main content" not in html
    assert "Page last reviewed" not in html


def test_untranslated_page_says_so_and_links_to_english(client, demo_site):
    about_html = client.get("/about/").content.decode()
    switcher = about_html[about_html.index("portal-language-switcher") :]
    link = re.search(r'<a href="([^"]+)" lang="es" hreflang="es" rel="nofollow">', switcher)
    assert link, "the switcher must still offer Spanish"
    response = client.get(link.group(1))
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="es">' in html
    assert 'href="/about/"' in html
    assert '<meta name="robots" content="noindex">' in html


def test_language_prefixed_path_without_translation_offers_the_english_page(client, demo_site):
    response = client.get("/pt/about/")
    assert response.status_code == 200
    assert 'href="/about/"' in response.content.decode()


@pytest.mark.parametrize("path", ["/xx/sepsis/", "/es/no-such-page/", "/de/about/"])
def test_unknown_locale_prefix_or_page_is_a_404(client, demo_site, path):
    assert client.get(path).status_code == 404


def test_translation_whose_source_is_deleted_still_renders(client, guide):
    spanish = guide.get_translation(Locale.objects.get(language_code="es"))
    guide.delete()
    response = client.get(spanish.url)
    assert response.status_code == 200
    assert "portal-language-switcher" in response.content.decode()


def test_structured_data_and_social_metadata(client, guide):
    html = client.get(GUIDE).content.decode()
    raw = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    data = json.loads(raw)
    assert data["@type"] == "MedicalWebPage"
    assert data["lastReviewed"] == "2026-10-01"
    assert data["inLanguage"] == "en-us"
    assert data["name"] == guide.title
    assert f'<meta property="og:title" content="{guide.title}">' in html
    assert '<meta property="og:type" content="article">' in html
    assert re.search(
        r'<meta property="og:url" content="http://[^"]+/sepsis/know-the-signs/">', html
    )


def test_structured_data_cannot_break_out_of_its_script_element(guide, rf):
    guide.title = "</script><script>alert(1)</script>"
    encoded = guide.schema_org(rf.get("/"))
    assert "</script>" not in encoded and "<script" not in encoded
    assert json.loads(encoded)["name"] == guide.title


def test_awareness_pages_need_an_owner(guide):
    guide.content_owner = None
    with pytest.raises(ValidationError) as error:
        guide.clean()
    assert "content_owner" in error.value.message_dict


def test_long_overdue_review_shows_a_gentle_notice(client, guide):
    guide.last_reviewed = datetime.date.today() - datetime.timedelta(days=500)
    guide.next_review_due = datetime.date.today() - datetime.timedelta(days=91)
    guide.save_revision().publish()
    assert (
        "We are checking that this page is still up to date." in client.get(GUIDE).content.decode()
    )


def test_awareness_pages_appear_in_the_overdue_review_report(guide):
    from portal.review import overdue_review_pages

    guide.next_review_due = datetime.date.today() - datetime.timedelta(days=1)
    guide.save()
    assert guide.pk in set(overdue_review_pages().values_list("pk", flat=True))


def test_symptom_page_queries_do_not_grow_with_pages_or_translations(client, guide):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(GUIDE)  # warm per-process caches (site root, settings)
    with CaptureQueriesContext(connection) as before:
        assert client.get(GUIDE).status_code == 200
    index = guide.get_parent()
    owner = UserFactory()
    for number in range(12):
        article = index.add_child(
            instance=AwarenessArticlePage(
                title=f"Extra article {number}",
                introduction="More to read.",
                body=[("paragraph", "<p>Text.</p>")],
                content_owner=owner,
            )
        )
        article.save_revision().publish()
        for code in ("es", "pt"):
            translated = article.copy_for_translation(Locale.objects.get(language_code=code))
            translated.save_revision().publish()
    with CaptureQueriesContext(connection) as after:
        assert client.get(GUIDE).status_code == 200
    assert len(after) == len(before)
    assert len(before) <= 25, [q["sql"] for q in before.captured_queries]


def test_element_ids_are_unique_so_regions_get_their_own_names(client, guide):
    html = client.get(GUIDE).content.decode()
    ids = re.findall(r'\sid="([^"]+)"', html)
    assert len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)
    for label in re.findall(r'aria-labelledby="([^"]+)"', html):
        assert f'id="{label}"' in html
    assert html.count('class="usa-alert usa-alert--emergency') == 1


def test_editor_can_attach_a_designed_fact_sheet(client, guide):
    from django.core.files.base import ContentFile
    from wagtail.documents import get_document_model

    Document = get_document_model()

    html = client.get(GUIDE).content.decode()
    assert "Download the fact sheet" not in html
    document = Document(title="Sepsis signs, one page")
    document.file.save("sepsis-signs.pdf", ContentFile(b"%PDF-1.4 " + b"x" * 120_000))
    document.save()
    guide.fact_sheet = document
    guide.save_revision().publish()
    html = client.get(GUIDE).content.decode()
    assert f'href="{document.url}"' in html
    assert "Download the fact sheet (PDF, 117.2\xa0KB)" in html
    download = client.get(document.url)
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"%PDF")
