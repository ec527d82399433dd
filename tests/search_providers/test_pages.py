"""Page providers of the site core, public awareness and toolkits."""

import pytest
from django.test import Client
from wagtail.models import Page, PageViewRestriction

from portal.models import StandardPage
from public_awareness.models import SymptomGuidePage
from search.contract import MEMBERS, PUBLIC
from tests.factories import StandardPageFactory
from toolkits.models import ToolkitPage

from .conftest import documents, provider

pytestmark = pytest.mark.postgresql


def test_every_public_page_opens_for_an_anonymous_browser(all_documents):
    client = Client()
    for document in all_documents.values():
        if document.access == PUBLIC and document.content_type != "file":
            assert client.get(document.url).status_code == 200, document.url


def test_symptom_guides_are_boosted_guidance_in_their_language(demo_site):
    found = documents("public_awareness.guidance")
    guides = [d for d in found.values() if d.key.startswith("public_awareness.symptomguidepage:")]
    assert {d.language for d in guides} == {"en-us", "es", "pt"}
    for guide in guides:
        page = SymptomGuidePage.objects.get(pk=guide.key.split(":")[1])
        assert guide.content_type == "guidance"
        assert guide.access == PUBLIC
        assert guide.url == page.url
        assert guide.boost > 1
        assert page.introduction in guide.body
        assert "<" not in guide.body
    english = found[f"public_awareness.symptomguidepage:{guides[0].key.split(':')[1]}"]
    assert "911" in english.body


def test_toolkits_carry_their_care_settings_and_audiences(demo_site):
    found = documents("toolkits.toolkits")
    toolkit = ToolkitPage.objects.get(slug="ed-sepsis-recognition-time-zero")
    document = found[f"toolkits.toolkitpage:{toolkit.pk}"]
    assert document.content_type == "toolkit"
    assert document.url == toolkit.url
    assert document.facets == {
        "care_setting": tuple(sorted(toolkit.care_settings.values_list("slug", flat=True))),
        "audience": tuple(sorted(toolkit.audiences.values_list("slug", flat=True))),
    }
    assert toolkit.summary in document.body
    assert len(found) == ToolkitPage.objects.live().count()


def test_standard_pages_are_pages(demo_site):
    about = StandardPage.objects.get(slug="about")
    document = documents("portal.pages")[f"portal.standardpage:{about.pk}"]
    assert (document.content_type, document.access, document.url) == ("page", PUBLIC, "/about/")


def test_a_draft_an_unpublished_or_a_deleted_page_is_not_found(home_page):
    pages = provider("portal.pages")
    draft = StandardPageFactory(parent=home_page, title="Draft only", live=False)
    assert pages.document_for(draft) is None
    assert pages.key_for(draft) == f"portal.standardpage:{draft.pk}"

    about = StandardPage.objects.get(slug="about")
    assert pages.document_for(about).title == about.title
    assert pages.document_for(Page.objects.get(pk=about.pk)) is not None  # a base Page too
    about.unpublish()
    assert pages.document_for(about) is None
    assert f"portal.standardpage:{about.pk}" not in documents("portal.pages")

    guide = SymptomGuidePage.objects.filter(locale__language_code="pt").first()
    guides = provider("public_awareness.guidance")
    key = guides.key_for(guide)
    guide.delete()
    assert guides.document_for(guide) is None
    assert guides.key_for(guide) == key


def test_a_page_in_a_private_section_is_left_out(home_page):
    about = StandardPage.objects.get(slug="about")
    child = StandardPageFactory(parent=about, title="Under about")
    child.save_revision().publish()
    pages = provider("portal.pages")
    assert pages.document_for(child) is not None
    PageViewRestriction.objects.create(page=about, restriction_type=PageViewRestriction.LOGIN)
    assert pages.document_for(about) is None
    assert pages.document_for(child) is None
    found = documents("portal.pages")
    assert f"portal.standardpage:{about.pk}" not in found
    assert f"portal.standardpage:{child.pk}" not in found


def test_work_group_spaces_and_drafts_are_never_public(all_documents):
    for document in all_documents.values():
        if "/work-groups/" in document.url and document.url != "/work-groups/":
            assert document.access.startswith("workgroup:"), document
        if document.access in (PUBLIC, MEMBERS):
            assert not document.key.startswith(
                ("workgroups.drafttoolpage", "workgroups.workgroupspacepage")
            )
