"""What search engines are offered: every public page in every language with its translations
as hreflang alternates, the public documents, and never a private page or file."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from lxml import etree
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction, Locale, Page, PageViewRestriction

from portal.access import members_group
from public_awareness.models import SymptomGuidePage
from tests.factories import StandardPageFactory, UserFactory
from workgroups.models import WorkGroup

pytestmark = pytest.mark.django_db

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
MEMBER_EMAIL = "maria.alvarez@example.org"


def sitemap(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = etree.fromstring(response.content)
    return {
        entry.findtext("s:loc", namespaces=NS): {
            link.get("hreflang"): link.get("href") for link in entry.findall("x:link", NS)
        }
        for entry in root.findall("s:url", NS)
    }


def full_url(page):
    return "http://testserver" + page.url


@pytest.fixture
def guides(demo_site):
    return {
        guide.locale.language_code: guide
        for guide in SymptomGuidePage.objects.live().select_related("locale")
    }


@pytest.fixture
def public_collection(demo_site):
    return Collection.objects.get(name="Toolkit files")


@pytest.fixture
def members_collection(demo_site):
    return Collection.objects.get(name="Members-only toolkit files")


def test_every_live_public_page_in_every_language_is_listed(client, demo_site):
    listed = {url for url in sitemap(client) if "/documents/" not in url}
    public = Page.objects.live().public().filter(depth__gt=1)
    # An event for members or one work group is closed by its audience, not a view restriction.
    open_to_all = [
        page for page in public.specific() if getattr(page, "audience", "public") == "public"
    ]
    assert listed == {full_url(page) for page in open_to_all}
    for code in ("es", "pt"):
        in_language = public.filter(locale__language_code=code)
        assert in_language.count() >= 4, code
        assert {full_url(page) for page in in_language} <= listed


def test_each_version_lists_its_translations_and_the_english_page_as_default(client, guides):
    entries = sitemap(client)
    versions = {code: full_url(guide) for code, guide in guides.items()}
    assert set(versions) == {"en-us", "es", "pt"}
    for url in versions.values():
        assert entries[url] == {**versions, "x-default": versions["en-us"]}


def test_a_page_without_translations_has_no_alternates(client, demo_site):
    assert sitemap(client)["http://testserver/about/"] == {}


def test_an_unpublished_translation_is_neither_listed_nor_an_alternate(client, guides):
    guides["pt"].unpublish()
    entries = sitemap(client)
    assert full_url(guides["pt"]) not in entries
    english = entries[full_url(guides["en-us"])]
    assert set(english) == {"en-us", "es", "x-default"}


def test_restricted_and_members_only_pages_are_never_listed(client, demo_site, home_page):
    spanish_home = home_page.get_translation(Locale.objects.get(language_code="es"))
    members_only = StandardPageFactory(parent=spanish_home, slug="solo-miembros")
    restriction = PageViewRestriction.objects.create(
        page=members_only, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(members_group())
    login_only = StandardPageFactory(parent=home_page, slug="signed-in-only")
    PageViewRestriction.objects.create(page=login_only, restriction_type="login")
    entries = sitemap(client)
    urls = " ".join(entries) + " ".join(h for links in entries.values() for h in links.values())
    assert "solo-miembros" not in urls
    assert "signed-in-only" not in urls
    for space in WorkGroup.objects.exclude(space=None).select_related("space"):
        assert space.space.url_path.split("/")[-2] not in urls
        for page in space.space.get_descendants():
            assert page.slug not in urls


def test_public_documents_are_listed_and_private_ones_never(client, public_collection):
    Document = get_document_model()
    listed = {url for url in sitemap(client) if "/documents/" in url}
    public = Document.objects.filter(collection=public_collection)
    assert public.filter(language="es").exists() and public.filter(language="pt").exists()
    assert listed == {f"http://testserver{document.url}" for document in public}
    private = Document.objects.exclude(collection=public_collection)
    assert private.filter(collection__name__startswith="Work group:").exists()
    assert private.filter(collection__name="Members-only toolkit files").exists()
    for document in private:
        assert f"http://testserver{document.url}" not in listed


def test_the_cached_sitemap_follows_publishing_and_privacy(
    client, demo_site, home_page, page_cache, members_collection, django_capture_on_commit_callbacks
):
    handout = get_document_model().objects.get(language="es", title__contains="familias")
    first = sitemap(client)
    assert f"http://testserver{handout.url}" in first
    assert client.get("/sitemap.xml")["Cache-Control"].startswith("public")

    portuguese_home = home_page.get_translation(Locale.objects.get(language_code="pt"))
    with django_capture_on_commit_callbacks(execute=True):
        page = StandardPageFactory(parent=portuguese_home, slug="novidades", live=False)
        page.save_revision().publish()
        handout.collection = members_collection
        handout.save()
    second = sitemap(client)
    assert "http://testserver/pt/novidades/" in second
    assert f"http://testserver{handout.url}" not in second

    with django_capture_on_commit_callbacks(execute=True):
        CollectionViewRestriction.objects.create(
            collection=Collection.objects.get(name="Toolkit files"),
            restriction_type=CollectionViewRestriction.LOGIN,
        )
    assert not [url for url in sitemap(client) if "/documents/" in url]


def test_robots_txt_lets_crawlers_reach_documents_and_keeps_them_out_of_private_areas(
    client, demo_site
):
    body = client.get("/robots.txt").content.decode()
    disallowed = {
        line.split(": ", 1)[1] for line in body.splitlines() if line.startswith("Disallow")
    }
    assert not any(path.startswith("/documents") for path in disallowed)
    for prefix in ("/", "/es/", "/pt/"):
        assert f"{prefix}accounts/" in disallowed
        assert f"{prefix}search/" in disallowed
    assert {"/admin/", "/django-admin/"} <= disallowed
    # Nothing a visitor is meant to find is blocked.
    for url in ("/", "/es/sepsis/", "/pt/sepse/", "/toolkits/"):
        assert not any(url.startswith(path) for path in disallowed), url


def test_public_documents_may_be_indexed(client, public_collection):
    handout = get_document_model().objects.get(language="es", title__contains="familias")
    response = client.get(handout.url)
    assert response.status_code == 200
    assert "X-Robots-Tag" not in response


def test_private_documents_always_say_noindex(client, members_collection):
    Document = get_document_model()
    members_only = Document.objects.filter(collection=members_collection).first()
    anonymous = client.get(members_only.url)
    assert anonymous.status_code == 302
    assert anonymous["X-Robots-Tag"] == "noindex"

    outsider = Client()
    outsider.force_login(UserFactory())
    refused = outsider.get(members_only.url)
    assert refused.status_code == 403
    assert refused["X-Robots-Tag"] == "noindex"

    member = Client()
    member.force_login(get_user_model().objects.get(email=MEMBER_EMAIL))
    response = member.get(members_only.url)
    assert response.status_code == 200
    assert response["X-Robots-Tag"] == "noindex"

    file = Document.objects.filter(collection__name__startswith="Work group:").first()
    work_group = WorkGroup.objects.get(collection=file.collection)
    reader = Client()
    reader.force_login(work_group.readers.user_set.first())
    response = reader.get(file.url)
    assert response.status_code == 200
    assert response["X-Robots-Tag"] == "noindex"
    assert member.get(file.url)["X-Robots-Tag"] == "noindex"
