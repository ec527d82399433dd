"""Uploaded files are never served raw: /media/ serves images only, in development too, and
documents (work groups' private files among them) only through /documents/<id>/<name>,
which applies privacy."""

import importlib.util
import sys
from pathlib import Path

import pytest
from django.contrib import admin
from django.test import Client
from wagtail.documents import get_document_model
from wagtail_factories import ImageFactory

pytestmark = pytest.mark.django_db

URLS = Path(__file__).resolve().parents[2] / "portal" / "urls.py"


@pytest.fixture
def debug_urls(settings, monkeypatch):
    """The URLs as `make run` (DEBUG, portal.settings.dev) has them: portal/urls.py read
    afresh with DEBUG on."""
    settings.DEBUG = True
    # portal/urls.py wraps the Django admin's login again; put the original back afterwards.
    monkeypatch.setattr(admin.site, "login", admin.site.login)
    name = "portal.urls_in_debug"  # in the portal package: its relative imports work
    spec = importlib.util.spec_from_file_location(name, URLS)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    monkeypatch.setitem(sys.modules, name, module)
    settings.ROOT_URLCONF = name
    return module


@pytest.fixture
def private_file(demo_site):
    """A file shared in a work group's private space (the demo's meeting minutes)."""
    document = (
        get_document_model()
        .objects.filter(collection__name__startswith="Work group:")
        .order_by("pk")
        .first()
    )
    assert document.file.storage.exists(document.file.name)
    assert document.file.name.startswith("documents/")
    return document


@pytest.fixture
def image(db):
    return ImageFactory(title="Sepsis awareness poster")


def content(response):
    return b"".join(response.streaming_content)


def raw_paths(settings, stored_name):
    """Ways of asking /media/ for a stored file, directly or by climbing out of images/."""
    media, tail = settings.MEDIA_URL, stored_name.partition("/")[2]
    return [
        f"{media}{stored_name}",
        f"{media}images/../{stored_name}",
        f"{media}original_images/../{stored_name}",
        f"{media}images/..%2F{stored_name.replace('/', '%2F')}",
        f"{media}images/%2E%2E/{stored_name}",
        f"{media}images/./../documents/{tail}",
    ]


def test_in_development_a_private_document_is_not_served_from_media(
    debug_urls, settings, private_file, image
):
    client = Client()
    for path in raw_paths(settings, private_file.file.name):
        response = client.get(path)
        assert response.status_code == 404, path
        assert b"%PDF" not in response.content
    # Its own address still applies the work group's privacy: anonymous visitors log in.
    response = client.get(private_file.url)
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_in_development_images_and_renditions_load_from_media(debug_urls, settings, image):
    client = Client()
    rendition = image.get_rendition("fill-40x30")
    assert rendition.file.name.startswith("images/")
    response = client.get(rendition.url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("image/")
    with rendition.file.open("rb") as stored:
        assert content(response) == stored.read()
    assert image.file.name.startswith("original_images/")
    original = client.get(f"{settings.MEDIA_URL}{image.file.name}")
    assert original.status_code == 200


def test_in_development_nothing_else_under_media_is_served(debug_urls, settings, image):
    (Path(settings.MEDIA_ROOT) / "exports").mkdir(exist_ok=True)
    (Path(settings.MEDIA_ROOT) / "exports" / "site-data.csv").write_text("site,deaths\nA,3\n")
    client = Client()
    for path in ("exports/site-data.csv", "images/", "original_images", "", "images/.."):
        assert client.get(f"{settings.MEDIA_URL}{path}").status_code == 404, path


def test_without_debug_media_is_not_served_at_all(client, settings, private_file, image):
    assert not settings.DEBUG
    rendition = image.get_rendition("fill-40x30")
    for path in (private_file.file.name, rendition.file.name, image.file.name):
        assert client.get(f"{settings.MEDIA_URL}{path}").status_code == 404, path
