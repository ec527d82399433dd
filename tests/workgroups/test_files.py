"""Shared files: uploads validated like toolkit uploads into the group's collection, new
versions that keep the old ones, and downloads that only the group's readers get."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.documents import get_document_model

from tests.toolkits import samples
from workgroups import membership
from workgroups.models import Activity, FileVersion, Membership, SharedFile, WorkGroup

from .helpers import VIEWER_STATUSES, assert_private, url

pytestmark = [pytest.mark.django_db, pytest.mark.bare]
Document = get_document_model()


def upload(client, work_group, name, data, *, title="Sepsis screening checklist", note=""):
    return client.post(
        url(work_group, "files"),
        {"title": title, "file": SimpleUploadedFile(name, data), "note": note},
    )


def new_version(client, work_group, shared_file, name, data, note=""):
    return client.post(
        url(work_group, "file", shared_file.pk),
        {"file": SimpleUploadedFile(name, data), "note": note},
    )


@pytest.fixture
def shared_file(clients, work_group):
    response = upload(clients["member"], work_group, "checklist.pdf", samples.pdf())
    assert response.status_code == 302
    return SharedFile.objects.get()


@pytest.fixture
def other_file(clients, other_group):
    response = upload(clients["other_member"], other_group, "theirs.pdf", samples.pdf())
    assert response.status_code == 302
    return SharedFile.objects.get(work_group=other_group)


# Reading


@pytest.mark.parametrize(
    ("role", "status"),
    VIEWER_STATUSES,
)
def test_file_list_and_file_page(clients, work_group, shared_file, role, status):
    for address in (url(work_group, "files"), url(work_group, "file", shared_file.pk)):
        response = clients[role].get(address)
        assert response.status_code == status
        if status == 302:
            assert "/accounts/login/" in response["Location"]
        if status == 200:
            assert "Sepsis screening checklist" in response.content.decode()
            assert_private(response)


def test_another_groups_file_id_is_404(clients, work_group, other_file):
    address = url(work_group, "file", other_file.pk)
    for role in ("chair", "staff"):
        assert clients[role].get(address).status_code == 404
    response = new_version(clients["chair"], work_group, other_file, "x.pdf", samples.pdf())
    assert response.status_code == 404
    assert other_file.versions.count() == 1


# Uploading


def test_member_shares_a_file_into_the_groups_collection(clients, people, work_group):
    response = upload(clients["member"], work_group, "checklist.pdf", samples.pdf(), note="v1")
    shared_file = SharedFile.objects.get()
    assert response.status_code == 302
    assert response["Location"] == url(work_group, "file", shared_file.pk)
    version = shared_file.versions.get()
    assert (version.number, version.note, version.uploaded_by) == (1, "v1", people["member"])
    document = version.document
    assert document.collection_id == work_group.collection_id
    assert document.title == "Sepsis screening checklist"
    assert document.file_size == len(samples.pdf())
    assert document.uploaded_by_user == people["member"]
    activity = Activity.objects.filter(work_group=work_group, kind=Activity.Kind.FILE).get()
    assert activity.url == f"files/{shared_file.pk}/"
    assert "Sepsis screening checklist" in activity.summary


def test_the_list_shows_the_latest_version(clients, people, work_group, shared_file):
    new_version(clients["chair"], work_group, shared_file, "checklist.docx", samples.docx())
    page = clients["observer"].get(url(work_group, "files")).content.decode()
    assert "Sepsis screening checklist" in page
    assert '<td data-label="Version">2</td>' in page
    assert '<td data-label="Format">Word</td>' in page
    assert people["chair"].get_full_name() in page
    assert " KB</td>" in page


def test_a_new_version_keeps_the_old_ones(clients, people, work_group, shared_file):
    first = shared_file.versions.get()
    response = new_version(
        clients["chair"], work_group, shared_file, "checklist.pdf", samples.pdf(("New",)), "Ped."
    )
    assert response.status_code == 302
    assert response["Location"] == url(work_group, "file", shared_file.pk)
    second = shared_file.versions.get(number=2)
    assert second.document_id != first.document_id
    assert second.document.collection_id == work_group.collection_id
    assert second.document.title == "Sepsis screening checklist (version 2)"
    assert second.uploaded_by == people["chair"]
    assert Document.objects.filter(pk=first.document_id).exists()
    page = clients["observer"].get(url(work_group, "file", shared_file.pk)).content.decode()
    assert page.index(second.document.url) < page.index(first.document.url)
    assert "Ped." in page
    activity = Activity.objects.filter(work_group=work_group, kind=Activity.Kind.FILE).first()
    assert "version 2" in activity.summary
    for version in (first, second):
        assert clients["observer"].get(version.document.url).status_code == 200


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("setup.exe", samples.windows_program(), "“setup.exe” cannot be uploaded: .exe files"),
        (
            "checklist.pdf",
            samples.windows_program(),
            "“checklist.pdf” is named as a PDF but it contains",
        ),
        ("slides.pptx", samples.zip_archive(), "“slides.pptx” is named as a PowerPoint"),
    ],
)
def test_uploads_are_checked_like_toolkit_uploads(clients, work_group, name, data, message):
    documents = Document.objects.count()
    response = upload(clients["member"], work_group, name, data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not SharedFile.objects.exists()
    assert Document.objects.count() == documents
    assert not Activity.objects.filter(kind=Activity.Kind.FILE).exists()


def test_a_file_over_the_size_limit_is_refused(clients, work_group, settings):
    settings.DOCUMENT_MAX_UPLOAD_BYTES = 1000
    documents = Document.objects.count()
    response = upload(clients["member"], work_group, "checklist.pdf", samples.pdf())
    assert response.status_code == 200
    assert "This file is too big" in response.content.decode()
    assert not SharedFile.objects.exists()
    assert Document.objects.count() == documents


def test_a_bad_new_version_saves_nothing(clients, work_group, shared_file):
    documents = Document.objects.count()
    response = new_version(
        clients["member"], work_group, shared_file, "checklist.pdf", samples.windows_program()
    )
    assert response.status_code == 200
    assert "is named as a PDF but it contains" in response.content.decode()
    assert shared_file.versions.count() == 1
    assert Document.objects.count() == documents


@pytest.mark.parametrize("role", ["observer", "staff", "superuser", "outsider", "other_member"])
def test_those_who_do_not_take_part_cannot_upload(clients, work_group, shared_file, role):
    assert upload(clients[role], work_group, "a.pdf", samples.pdf()).status_code == 403
    response = new_version(clients[role], work_group, shared_file, "a.pdf", samples.pdf())
    assert response.status_code == 403
    assert SharedFile.objects.count() == 1
    assert FileVersion.objects.count() == 1


def test_an_archived_group_is_read_only(clients, work_group, shared_file):
    work_group.status = WorkGroup.Status.ARCHIVED
    work_group.save()
    assert clients["member"].get(url(work_group, "files")).status_code == 200
    assert upload(clients["member"], work_group, "a.pdf", samples.pdf()).status_code == 403
    response = new_version(clients["chair"], work_group, shared_file, "a.pdf", samples.pdf())
    assert response.status_code == 403
    assert "Share a file" not in clients["member"].get(url(work_group, "files")).content.decode()


# Downloads: Wagtail's document view and the collection's restriction


@pytest.mark.parametrize(
    ("role", "status"),
    VIEWER_STATUSES,
)
def test_file_downloads(clients, shared_file, role, status):
    document = shared_file.versions.get().document
    response = clients[role].get(document.url)
    assert response.status_code == status
    if status == 302:
        assert "/accounts/login/" in response["Location"]
    if status == 200:
        assert b"".join(response.streaming_content).startswith(b"%PDF-")


def test_a_removed_member_loses_the_file_links_they_copied(
    clients, people, work_group, shared_file
):
    document_url = shared_file.versions.get().document.url
    assert clients["member"].get(document_url).status_code == 200
    membership.remove_member(
        Membership.objects.get(work_group=work_group, user=people["member"]), actor=people["chair"]
    )
    assert clients["member"].get(document_url).status_code == 403
    assert clients["member"].get(url(work_group, "file", shared_file.pk)).status_code == 403


# Queries


def test_file_list_queries_do_not_grow_with_files(clients, people, work_group):
    def share(start, count):
        for n in range(start, start + count):
            client = clients["member"] if n % 2 else clients["chair"]
            upload(client, work_group, f"file{n}.pdf", samples.pdf(), title=f"File {n}")
            if n % 3 == 0:
                shared_file = SharedFile.objects.get(title=f"File {n}")
                new_version(client, work_group, shared_file, "v2.csv", samples.csv())

    def queries():
        clients["member"].get(url(work_group, "files"))  # fills the per-process caches
        with CaptureQueriesContext(connection) as context:
            response = clients["member"].get(url(work_group, "files"))
        assert response.status_code == 200
        return len(context.captured_queries)

    share(0, 2)
    few = queries()
    share(2, 30)
    many = queries()
    assert few == many
