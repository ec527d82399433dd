"""Downloading toolkit files: who may have each file and the ZIP, what is recorded (once per
10 minutes, no IP address), the ZIP's contents and manifest, and 404s for missing or
tampered files."""

import datetime
import io
import zipfile

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.utils import timezone

from documents.models import PortalDocument
from portal.models import ConsortiumSettings
from tests.factories import UserFactory
from toolkits.models import DownloadEvent, ToolkitSubscription

from .helpers import MEMBERS_DOCX, PUBLIC_PDF, body, document, files, make_member

pytestmark = [pytest.mark.django_db, pytest.mark.bare]


@pytest.fixture
def roles(organization):
    """A client for each kind of visitor the access matrix asks about."""
    staff = UserFactory()
    staff.groups.add(Group.objects.get(name="Editors"))
    users = {
        "anonymous": None,
        "non-member": UserFactory(),
        "member": make_member(organization),
        "staff": staff,
    }
    clients = {}
    for role, user in users.items():
        clients[role] = Client()
        if user is not None:
            clients[role].force_login(user)
    return clients


def zip_url(page):
    return page.url + "download-all/"


# Who may have what

SINGLE_FILE_MATRIX = {
    # role: (public file, members-only file)
    "anonymous": (200, 302),
    "non-member": (200, 403),
    "member": (200, 200),
    "staff": (200, 200),
}


@pytest.mark.parametrize("role", SINGLE_FILE_MATRIX)
def test_single_file_access_matrix(roles, toolkit, role):
    public_status, members_status = SINGLE_FILE_MATRIX[role]
    guide, checklist = files(toolkit)["Time zero guide"], files(toolkit)["Time zero checklist"]

    response = roles[role].get(guide.url)
    assert response.status_code == public_status
    assert body(response) == PUBLIC_PDF
    assert "X-Robots-Tag" not in response
    # Every download reaches the portal to be counted: no cache may answer for it.
    assert response["Cache-Control"] == "private, no-store"

    response = roles[role].get(checklist.url)
    assert response.status_code == members_status
    assert response["X-Robots-Tag"] == "noindex"
    if members_status == 200:
        assert body(response) == MEMBERS_DOCX
    elif members_status == 302:
        assert response["Location"] == f"/accounts/login/?next={checklist.url}"
    else:
        text = response.content.decode()
        assert "member organizations" in text and "Name your member organization" in text
        assert b"members-only editable source" not in response.content


ZIP_MATRIX = {
    # role: files in the ZIP
    "anonymous": {"Time zero guide"},
    "non-member": {"Time zero guide"},
    "member": {"Time zero guide", "Time zero checklist"},
    "staff": {"Time zero guide", "Time zero checklist"},
}


def test_the_403_page_links_the_profile_page_where_a_member_names_their_organization(
    roles, toolkit
):
    response = roles["non-member"].get(
        files(toolkit)["Time zero checklist"].url, HTTP_REFERER=f"http://testserver{toolkit.url}"
    )
    assert response.status_code == 403
    html = response.content.decode()
    assert "Name your member organization on your profile page</a>" in html
    assert 'href="/accounts/profile/"' in html
    # The way back to the toolkit the link was on.
    assert f'href="http://testserver{toolkit.url}">Go back to the page you came from' in html


@pytest.mark.parametrize("role", ZIP_MATRIX)
def test_download_all_holds_exactly_the_files_the_visitor_may_have(roles, toolkit, role):
    response = roles[role].get(zip_url(toolkit))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"] == (
        'attachment; filename="time-zero-in-the-emergency-department-v1.0.zip"'
    )
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    # A member's ZIP holds members-only files: no search engine may index any ZIP.
    assert response["X-Robots-Tag"] == "noindex"
    archive = zipfile.ZipFile(io.BytesIO(body(response)))
    by_title = files(toolkit)
    expected = {by_title[title].filename for title in ZIP_MATRIX[role]}
    assert set(archive.namelist()) == expected | {"MANIFEST.txt"}
    assert archive.read(by_title["Time zero guide"].filename) == PUBLIC_PDF
    if "Time zero checklist" in ZIP_MATRIX[role]:
        assert archive.read(by_title["Time zero checklist"].filename) == MEMBERS_DOCX
    manifest = archive.read("MANIFEST.txt").decode()
    withheld = "Not included: for staff of member organizations" in manifest
    assert withheld == ("Time zero checklist" not in ZIP_MATRIX[role])
    if withheld:
        assert "- Time zero checklist (Word)" in manifest


def test_manifest_says_why_members_files_are_left_out_to_each_kind_of_visitor(roles, toolkit):
    consortium = ConsortiumSettings.for_site(toolkit.get_site())
    consortium.contact_email = "membership@sepsis-consortium.example"
    consortium.save()

    def manifest(role):
        archive = zipfile.ZipFile(io.BytesIO(body(roles[role].get(zip_url(toolkit)))))
        return archive.read("MANIFEST.txt").decode()

    anonymous = manifest("anonymous")
    assert "Log in to download them: http://testserver/accounts/login/" in anonymous
    assert "not confirmed" not in anonymous

    non_member = manifest("non-member")
    assert "Log in" not in non_member
    assert "your account is not confirmed as one" in non_member
    assert "name it on your profile page (http://testserver/accounts/profile/)" in non_member
    assert "about joining" in non_member
    assert "Contact: membership@sepsis-consortium.example" in non_member
    assert "- Time zero checklist (Word)" in non_member.split("not confirmed")[1]

    assert "Not included" not in manifest("member")


def test_manifest_lists_files_version_date_license_and_citation(roles, toolkit):
    PortalDocument.objects.filter(title="Time zero guide").update(page_count=1)
    response = roles["member"].get(zip_url(toolkit))
    manifest = zipfile.ZipFile(io.BytesIO(body(response))).read("MANIFEST.txt").decode()
    assert manifest.startswith("Time zero in the emergency department\n")
    assert "Version 1.0, released March 2, 2026" in manifest
    assert "License: Creative Commons Attribution 4.0 International (CC BY 4.0)" in manifest
    consortium = ConsortiumSettings.for_site(toolkit.get_site()).consortium_name
    assert f"How to cite: {toolkit.how_to_cite(None, consortium)}\n" in manifest
    assert "Version 1.0, March 2026. http://" in manifest
    guide, checklist = files(toolkit)["Time zero guide"], files(toolkit)["Time zero checklist"]
    assert f"- {guide.filename}\n  Time zero guide\n  PDF, 1 KB, English, 1 page\n" in manifest
    assert f"- {checklist.filename}\n  Time zero checklist\n  Word, 1 KB, English" in manifest


@pytest.mark.parametrize(
    ("role", "status"), [("anonymous", 302), ("non-member", 403), ("member", 200)]
)
def test_download_all_of_only_members_files_asks_to_log_in_or_explains(
    roles, toolkit, role, status
):
    toolkit.resources.filter(document__title="Time zero guide").delete()
    response = roles[role].get(zip_url(toolkit))
    assert response.status_code == status
    if status == 302:
        assert response["Location"] == f"/accounts/login/?next={zip_url(toolkit)}"


def test_toolkit_without_files_has_no_zip(client, toolkit):
    toolkit.resources.all().delete()
    assert client.get(zip_url(toolkit)).status_code == 404


def test_superseded_files_stay_downloadable(roles, toolkit, collections):
    old_guide = files(toolkit)["Time zero guide"]
    toolkit.resources.all().delete()
    toolkit.resources.create(
        document=document("Time zero guide v2", b"%PDF-1.4\nv2", "guide-v2.pdf", collections[0])
    )
    toolkit.version = "2.0"
    toolkit.save_revision().publish()

    response = roles["anonymous"].get(old_guide.url)
    assert response.status_code == 200
    assert body(response) == PUBLIC_PDF
    names = zipfile.ZipFile(io.BytesIO(body(roles["anonymous"].get(zip_url(toolkit))))).namelist()
    assert names == ["MANIFEST.txt", files(toolkit)["Time zero guide v2"].filename]


# Missing and tampered files


def test_a_file_missing_from_storage_is_404_and_left_out_of_the_zip(roles, toolkit):
    guide = files(toolkit)["Time zero guide"]
    guide.file.storage.delete(guide.file.name)
    assert roles["member"].get(guide.url).status_code == 404
    archive = zipfile.ZipFile(io.BytesIO(body(roles["member"].get(zip_url(toolkit)))))
    assert archive.namelist() == ["MANIFEST.txt", files(toolkit)["Time zero checklist"].filename]
    # The manifest says what is missing and why, rather than leaving it out silently.
    manifest = archive.read("MANIFEST.txt").decode()
    assert "Not included: unavailable at the moment" in manifest
    assert "- Time zero guide (PDF)" in manifest.split("unavailable at the moment")[1]


def test_a_missing_members_file_says_nothing_to_a_visitor_without_access(roles, toolkit):
    checklist = files(toolkit)["Time zero checklist"]
    checklist.file.storage.delete(checklist.file.name)
    assert roles["anonymous"].get(checklist.url).status_code == 302
    assert roles["non-member"].get(checklist.url).status_code == 403
    assert roles["member"].get(checklist.url).status_code == 404


def test_tampered_ids_and_filenames_are_404(roles, toolkit):
    guide = files(toolkit)["Time zero guide"]
    for url in (
        f"/documents/{guide.pk}/{files(toolkit)['Time zero checklist'].filename}",
        f"/documents/{guide.pk}/{guide.filename}.exe",
        f"/documents/{guide.pk + 1000}/{guide.filename}",
        f"/documents/{guide.pk}/..%2F..%2Fsettings.py",
    ):
        assert roles["member"].get(url).status_code == 404, url
    assert roles["member"].get(f"/documents/abc/{guide.filename}").status_code == 404


def test_a_deleted_document_is_404(roles, toolkit):
    guide = files(toolkit)["Time zero guide"]
    url = guide.url
    toolkit.resources.all().delete()
    toolkit.versions.all().delete()  # versions' files may not be deleted otherwise
    PortalDocument.objects.filter(pk=guide.pk).delete()
    assert roles["member"].get(url).status_code == 404


# What is recorded


def test_download_is_recorded_with_toolkit_version_and_organization_but_no_ip(
    client, toolkit, organization
):
    member = make_member(organization)
    client.force_login(member)
    guide = files(toolkit)["Time zero guide"]
    client.get(guide.url, REMOTE_ADDR="203.0.113.77", HTTP_USER_AGENT="Test browser 1.0")

    event = DownloadEvent.objects.get()
    assert (event.document, event.toolkit, event.version) == (guide, toolkit, "1.0")
    assert (event.user, event.organization, event.via) == (member, organization, "file")
    stored = " ".join(str(getattr(event, f.attname)) for f in DownloadEvent._meta.concrete_fields)
    assert "203.0.113" not in stored and "Test browser" not in stored
    assert not [f for f in DownloadEvent._meta.get_fields() if "ip" in f.name.split("_")]
    # Downloading never subscribes anyone: it is offered, once, on the next page.
    assert not ToolkitSubscription.objects.exists()


def test_repeat_downloads_within_ten_minutes_count_once(client, toolkit, organization):
    member = make_member(organization)
    client.force_login(member)
    guide = files(toolkit)["Time zero guide"]
    for _ in range(3):
        assert client.get(guide.url).status_code == 200
    assert DownloadEvent.objects.count() == 1

    DownloadEvent.objects.update(downloaded_at=timezone.now() - datetime.timedelta(minutes=9))
    client.get(guide.url)
    assert DownloadEvent.objects.count() == 1

    DownloadEvent.objects.update(downloaded_at=timezone.now() - datetime.timedelta(minutes=11))
    client.get(guide.url)
    assert DownloadEvent.objects.count() == 2

    # Another file, or another user, is another download.
    client.get(files(toolkit)["Time zero checklist"].url)
    other = make_member(organization)
    client.force_login(other)
    client.get(guide.url)
    assert DownloadEvent.objects.count() == 4


def test_zip_download_counts_each_file_once_with_single_downloads(client, toolkit, organization):
    client.force_login(make_member(organization))
    body(client.get(files(toolkit)["Time zero guide"].url))
    body(client.get(zip_url(toolkit)))
    body(client.get(zip_url(toolkit)))
    assert sorted(DownloadEvent.objects.values_list("document_title", "via")) == [
        ("Time zero checklist", "zip"),
        ("Time zero guide", "file"),
    ]


def test_anonymous_repeats_count_once_per_session_and_refused_requests_not_at_all(client, toolkit):
    guide, checklist = files(toolkit)["Time zero guide"], files(toolkit)["Time zero checklist"]
    session = client.session
    session["seen"] = True
    session.save()
    client.get(guide.url)
    client.get(guide.url)
    client.get(checklist.url)  # sent to log in: not a download
    assert list(DownloadEvent.objects.values_list("document_title", "user")) == [
        ("Time zero guide", None)
    ]
    assert len(DownloadEvent.objects.get().visitor) == 64
    assert session.session_key not in DownloadEvent.objects.get().visitor


def test_non_members_refused_download_is_not_recorded(roles, toolkit):
    assert roles["non-member"].get(files(toolkit)["Time zero checklist"].url).status_code == 403
    assert not DownloadEvent.objects.exists()


def test_files_outside_toolkits_are_not_recorded(client, collections):
    other = document("Meeting notes", PUBLIC_PDF, "notes.pdf", collections[0])
    assert client.get(other.url).status_code == 200
    assert not DownloadEvent.objects.filter(document=other).exists()


def test_links_to_a_pdf_and_its_word_source_have_different_names(client, toolkit, collections):
    PortalDocument.objects.filter(title="Time zero checklist").update(title="Time zero guide")
    html = client.get(toolkit.url).content.decode()
    assert 'Time zero guide<span class="usa-sr-only"> (PDF)</span></a>' in html
    assert 'Time zero guide<span class="usa-sr-only"> (Word)</span></a>' in html
