"""The demonstration toolkits built by `load_demo_content`: a full catalog across care settings,
real generated files (some members-only, some not in English), a version history, and a second
load that changes nothing."""

import io

import docx
import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.db import transaction
from pypdf import PdfReader
from wagtail.models import Collection, CollectionViewRestriction, Page, Revision

from documents.demo_files import LICENSE_SHORT
from documents.models import PortalDocument
from portal.access import MEMBERS_GROUP_NAME
from portal.demo import text as portal_text
from portal.demo.loader import DEMO_REVIEW_DATE
from toolkits.demo.loader import STAFF_GROUPS, ensure_reach
from toolkits.models import (
    Audience,
    CareSetting,
    DownloadEvent,
    Population,
    ToolkitIndexPage,
    ToolkitPage,
    ToolkitResource,
    Topic,
)

pytestmark = [pytest.mark.django_db, pytest.mark.bare]

CARE_SETTINGS = {
    "emergency-department",
    "inpatient-ward",
    "icu",
    "pediatrics",
    "long-term-care",
    "home-health",
    "ems",
    "primary-urgent-care",
}
MEMBERS_COLLECTION = "Members-only toolkit files"


@pytest.fixture(scope="module")
def demo_once(django_db_setup, django_db_blocker):
    """The demo, loaded once for this module's tests from the migrated database (they are
    bare: the loader itself builds what they check), each test in its own savepoint, all
    rolled back after the last of them."""
    from portal.demo import loader

    with django_db_blocker.unblock(), transaction.atomic():
        yield loader.load_all(log=lambda *args: None)
        transaction.set_rollback(True)


@pytest.fixture
def catalog(demo_once, db):
    return ToolkitIndexPage.objects.child_of(demo_once.root_page).get()


@pytest.fixture
def toolkits(catalog):
    return list(ToolkitPage.objects.child_of(catalog).live().order_by("path"))


def read(document):
    with document.open_file() as handle:
        return handle.read()


def pdf_text(data):
    reader = PdfReader(io.BytesIO(data))
    return reader, " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def test_catalog_covers_every_care_setting(catalog, toolkits):
    assert catalog.slug == "toolkits"
    assert catalog.live
    assert len(toolkits) >= 8
    covered = set(CareSetting.objects.filter(toolkits__in=toolkits).values_list("slug", flat=True))
    assert covered >= CARE_SETTINGS
    assert Audience.objects.filter(slug="patients-families").exists()
    assert Population.objects.filter(slug="neonatal").exists()
    assert Topic.objects.filter(slug="antimicrobial-stewardship").exists()


def test_every_toolkit_has_every_field_filled(toolkits):
    for page in toolkits:
        assert page.summary and page.recommendation and page.rationale, page.title
        for facet in ("care_settings", "audiences", "populations", "topics"):
            assert 1 <= getattr(page, facet).count() <= 3, (page.title, facet)
        kinds = [block.block_type for block in page.body]
        assert "heading" in kinds and "paragraph" in kinds, page.title
        examples = [
            block.value for block in page.body if block.block_type == "implementation_example"
        ]
        assert 1 <= len(examples) <= 2, page.title
        assert all(example["organization"].name for example in examples)
        citations = [block.value for block in page.evidence]
        assert 2 <= len(citations) <= 4, page.title
        for citation in citations:
            assert citation["authors"] and citation["title"] and citation["journal"]
            assert 1990 < citation["year"] <= 2026
        assert page.version and page.release_date and page.change_log and page.license
        assert page.related_toolkits.live().exists(), page.title
        assert page.last_reviewed == DEMO_REVIEW_DATE
        assert page.content_owner is not None
        assert page.resources.exists(), page.title


def test_every_toolkit_has_a_real_pdf_with_its_guidance(toolkits):
    for page in toolkits:
        pdfs = [r.document for r in page.resources.all() if r.document.extension == "pdf"]
        assert pdfs, page.title
        for document in pdfs:
            data = read(document)
            assert data.startswith(b"%PDF-")
            assert document.file_size == len(data)
            reader, text = pdf_text(data)
            assert document.title.startswith(reader.metadata.title)
            assert text.startswith(reader.metadata.title)
            assert len(text) > 400, document.title
            assert "lorem" not in text.lower()
            # The footer: version and license.
            assert f" {page.version} | " in text
            assert LICENSE_SHORT[page.license] in text


def test_editable_sources_are_word_documents_of_the_same_tool(toolkits):
    sources = [
        r.document
        for page in toolkits
        for r in page.resources.all()
        if r.document.extension == "docx"
    ]
    assert len(sources) >= 6
    for document in sources:
        word = docx.Document(io.BytesIO(read(document)))
        assert document.title.startswith(word.core_properties.title)
        assert word.paragraphs[0].text == word.core_properties.title
        assert word.core_properties.language.lower().startswith(document.language[:2])
        assert document.is_editable_source


def test_members_only_files_are_in_the_restricted_collection(client, toolkits):
    members = Collection.objects.get(name=MEMBERS_COLLECTION)
    restriction = CollectionViewRestriction.objects.get(collection=members)
    assert restriction.restriction_type == CollectionViewRestriction.GROUPS
    assert set(restriction.groups.values_list("name", flat=True)) == {
        MEMBERS_GROUP_NAME,
        "Editors",
        "Moderators",
    }
    assert not Collection.objects.get(name="Toolkit files").get_view_restrictions().exists()

    resources = ToolkitResource.objects.filter(page__in=toolkits).select_related("document")
    members_only = [r for r in resources if r.document.collection_id == members.pk]
    assert len({r.page_id for r in members_only}) >= 3
    assert all(r.document.members_only for r in members_only)
    assert 0.2 <= len(members_only) / len(resources) <= 0.45

    public = next(r.document for r in resources if r.document.collection_id != members.pk)
    assert client.get(public.url).status_code == 200
    # An anonymous visitor is sent to log in, not given the file.
    response = client.get(members_only[0].document.url)
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_some_files_are_in_spanish_or_portuguese(toolkits):
    documents = PortalDocument.objects.filter(toolkit_resources__page__in=toolkits).distinct()
    other_languages = documents.exclude(language="en-us")
    assert other_languages.count() >= 2
    assert {"es", "pt"} <= set(other_languages.values_list("language", flat=True))
    spanish_pdf = next(d for d in other_languages if d.language == "es" and d.extension == "pdf")
    _reader, text = pdf_text(read(spanish_pdf))
    assert "Versión" in text and "Licencia" in text


def test_two_toolkits_were_published_as_1_0_and_then_2_0(toolkits):
    second = [page for page in toolkits if page.version == "2.0"]
    assert len(second) >= 2
    for page in second:
        assert "First release" not in page.change_log
        assert len(page.change_log) > 40
        revisions = list(page.revisions.order_by("created_at", "pk"))
        assert len(revisions) >= 2
        first = revisions[0].as_object()
        assert first.version == "1.0"
        assert "First release." in first.change_log
        assert page.release_date > first.release_date
        old_files = {r.document_id for r in first.resources.all()}
        new_files = {r.document_id for r in page.resources.all()}
        assert old_files and new_files and not old_files & new_files
        names = [PortalDocument.objects.get(pk=pk).file.name for pk in new_files]
        assert any("-v2" in name for name in names)
    others = [page for page in toolkits if page.version != "2.0"]
    assert all(page.change_log == "<p>First release.</p>" for page in others)


def test_pages_render(client, catalog, toolkits):
    assert client.get(catalog.url).status_code == 200
    for page in toolkits[:2]:
        response = client.get(page.url)
        assert response.status_code == 200
        assert page.title in response.content.decode()


def counts():
    return {
        "pages": Page.objects.count(),
        "documents": PortalDocument.objects.count(),
        "revisions": Revision.objects.count(),
        "resources": ToolkitResource.objects.count(),
        "terms": sum(m.objects.count() for m in (CareSetting, Audience, Population, Topic)),
        "collections": Collection.objects.count(),
        "restrictions": CollectionViewRestriction.objects.count(),
        "downloads": DownloadEvent.objects.count(),
        "report permissions": Permission.objects.filter(
            codename="view_downloadevent", group__isnull=False
        ).count(),
        "users": get_user_model().objects.count(),
    }


def test_a_second_load_changes_nothing_and_keeps_editors_changes(toolkits):
    page = toolkits[0]
    page.summary = "An editor rewrote this summary."
    page.resources = [page.resources.first()]
    page.save_revision().publish()
    care_setting = CareSetting.objects.get(slug="ems")
    care_setting.name = "Ambulance services"
    care_setting.save()
    before = counts()

    call_command("load_demo_content", stdout=io.StringIO())

    assert counts() == before
    page.refresh_from_db()
    assert page.summary == "An editor rewrote this summary."
    assert page.resources.count() == 1
    assert CareSetting.objects.get(slug="ems").name == "Ambulance services"


def test_care_settings_name_the_organizations_working_in_them(toolkits):
    linked = {
        setting.slug: {o.slug for o in setting.organizations.all()}
        for setting in CareSetting.objects.filter(slug__in=CARE_SETTINGS)
    }
    assert linked["emergency-department"] == {"hospital-association"}
    assert linked["home-health"] == {"home-care-alliance", "executive-office-of-elder-affairs"}
    assert all(linked.values())


# Reach reports and the non-member account


def test_staff_groups_can_open_the_reach_reports(client, toolkits, no_admin_mfa):
    for group in Group.objects.filter(name__in=STAFF_GROUPS):
        assert group.permissions.filter(codename="view_downloadevent").exists(), group
    moderator = get_user_model().objects.get(email="rachel.goldberg@example.org")
    client.force_login(moderator)
    assert client.get("/admin/reports/toolkit-downloads/").status_code == 200
    assert client.get("/admin/reports/toolkit-reach/").status_code == 200


def test_demo_downloads_span_months_and_organizations_without_identities(client, toolkits):
    events = DownloadEvent.objects.all()
    assert 60 <= events.count() <= 400
    assert len({e.downloaded_at.strftime("%Y-%m") for e in events}) >= 4
    assert events.exclude(organization=None).values("organization").distinct().count() >= 4
    assert events.values("toolkit").distinct().count() == len(toolkits)
    assert not events.exclude(user=None).exists() and not events.exclude(visitor="").exists()
    # Anonymous downloads are of public files only; versions are the toolkits' own.
    assert not any(e.document.members_only for e in events.filter(organization=None))
    versioned = events.filter(toolkit__in=[t for t in toolkits if t.version == "2.0"])
    assert set(versioned.values_list("version", flat=True)) == {"1.0", "2.0"}


def test_reach_is_recorded_and_granted_once_only(toolkits):
    moderators = Group.objects.get(name="Moderators")
    moderators.permissions.remove(Permission.objects.get(codename="view_downloadevent"))
    before = DownloadEvent.objects.count()
    assert ensure_reach(toolkits[0].get_parent()) == 0
    assert DownloadEvent.objects.count() == before
    # Staff took the permission away: a later load does not give it back.
    assert not moderators.permissions.filter(codename="view_downloadevent").exists()


def test_the_non_member_account_logs_in_and_is_told_how_to_join(client, toolkits):
    email = portal_text.NON_MEMBER[0]
    assert client.login(username=email, password=portal_text.DEMO_PASSWORD)
    user = get_user_model().objects.get(email=email)
    assert user.profile.member_organization is None
    members_file = PortalDocument.objects.filter(
        collection__name=MEMBERS_COLLECTION, toolkit_resources__page__in=toolkits
    ).first()
    response = client.get(members_file.url)
    assert response.status_code == 403
    html = response.content.decode()
    assert "Name your member organization on your profile page" in html
    assert 'href="/accounts/profile/"' in html
    # The demo's page on joining is linked.
    assert 'href="/join/"' in html
