"""Uploading documents in the Wagtail admin: what is refused and why, and the text extraction
that follows a new or replaced file (and only those)."""

import hashlib
import logging

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.tasks import TaskResultStatus
from wagtail.documents import get_document_model
from wagtail.models import Collection

from documents.tasks import extract_document_text
from tests.toolkits import samples

pytestmark = [pytest.mark.django_db, pytest.mark.bare, pytest.mark.usefixtures("fresh_cache")]
Document = get_document_model()
Extraction = Document.Extraction

ADD_URL = "/admin/documents/add/"
MULTIPLE_ADD_URL = "/admin/documents/multiple/add/"


@pytest.fixture
def root_collection(db):
    return Collection.get_first_root_node()


def upload(client, name, data, *, title="Sepsis checklist", collection):
    return client.post(
        ADD_URL,
        {
            "title": title,
            "file": SimpleUploadedFile(name, data),
            "collection": collection.pk,
            "language": "en-us",
            "tags": "",
        },
    )


def make_document(name, data, **fields):
    document = Document(title=fields.pop("title", name), **fields)
    document.file.save(name, ContentFile(data), save=False)
    document.save()
    return document


def file_errors(response):
    return response.context["form"].errors["file"]


# Uploading through the admin, then extraction


def extractions(callbacks):
    """The text-extraction tasks among what waits for the commit (search indexing waits too)."""
    return [c for c in callbacks if getattr(c, "func", None) == extract_document_text.enqueue]


@pytest.fixture
def uploaded():
    """Documents added by the test (the demo's files are in the test database too)."""
    return Document.objects.exclude(pk__in=list(Document.objects.values_list("pk", flat=True)))


def test_upload_through_the_admin_extracts_text_and_page_count(
    admin_client, root_collection, django_capture_on_commit_callbacks
):
    data = samples.pdf()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = upload(admin_client, "checklist.pdf", data, collection=root_collection)
    assert response.status_code == 302, response.context["form"].errors
    assert len(extractions(callbacks)) == 1  # the task's own save asked for no second run

    document = Document.objects.get(title="Sepsis checklist")
    assert document.extraction_status == Extraction.DONE
    assert document.page_count == 2
    assert document.extracted_text.splitlines() == list(samples.PDF_PAGES)
    assert document.extraction_warning == ""
    assert document.checksum == hashlib.sha256(data).hexdigest()


@pytest.mark.parametrize(
    ("name", "make", "expected_text", "pages"),
    [
        ("guide.docx", samples.docx, samples.DOCX_CELLS[3], None),
        ("slides.pptx", samples.pptx, samples.PPTX_NOTES, 2),
        ("indicators.xlsx", samples.xlsx, "Time to antibiotics\t60", None),
        ("counties.csv", samples.csv, "São Paulo,3", None),
    ],
)
def test_upload_of_each_office_format_is_extracted(
    admin_client,
    root_collection,
    django_capture_on_commit_callbacks,
    name,
    make,
    expected_text,
    pages,
):
    with django_capture_on_commit_callbacks(execute=True):
        response = upload(admin_client, name, make(), title=name, collection=root_collection)
    assert response.status_code == 302, response.context["form"].errors
    document = Document.objects.get(title=name)
    assert document.extraction_status == Extraction.DONE
    assert expected_text in document.extracted_text.splitlines()
    assert document.page_count == pages


def test_image_upload_has_nothing_to_extract(
    uploaded, admin_client, root_collection, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = upload(admin_client, "poster.png", samples.png(), collection=root_collection)
    assert response.status_code == 302
    document = uploaded.get()
    assert document.extraction_status == Extraction.NOT_APPLICABLE
    assert document.extracted_text == ""
    assert document.checksum  # every file gets its checksum


def test_corrupt_pdf_is_accepted_and_editors_see_the_warning(
    uploaded, admin_client, root_collection, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = upload(
            admin_client, "broken.pdf", samples.corrupt_pdf(), collection=root_collection
        )
    assert response.status_code == 302

    document = uploaded.get()
    assert document.extraction_status == Extraction.FAILED
    assert document.extracted_text == ""
    assert document.extraction_warning.startswith("The PDF could not be read: ")

    page = admin_client.get(f"/admin/documents/edit/{document.pk}/")
    assert page.status_code == 200
    content = page.content.decode()
    assert document.extraction_warning in content
    assert "data-extraction-warning" in content
    assert "Could not be read" in content  # the status, by its label

    # The documents listing names it too, above the table (searched for, to be on the page).
    listing = admin_client.get("/admin/documents/", {"q": "Sepsis checklist"}).content.decode()
    assert "data-extraction-warnings" in listing
    warnings = listing.split("data-extraction-warnings")[1].split("</ul>")[0]
    assert f'href="/admin/documents/edit/{document.pk}/">Sepsis checklist</a>' in warnings
    assert document.extraction_warning in warnings
    readable = admin_client.get("/admin/documents/", {"q": "Time zero"}).content.decode()
    assert "data-extraction-warnings" not in readable


def test_edit_view_shows_status_and_pages_of_a_readable_document(
    admin_client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        document = make_document("checklist.pdf", samples.pdf())
    content = admin_client.get(f"/admin/documents/edit/{document.pk}/").content.decode()
    assert "Text extracted" in content
    assert "data-extraction-warning" not in content
    assert "<dt>Pages</dt>" in content
    assert "<dd>2</dd>" in content


# Refusals


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("setup.exe", samples.windows_program(), "“setup.exe” cannot be uploaded: .exe files"),
        ("notes.txt", b"Plain notes.", "“notes.txt” cannot be uploaded: .txt files"),
        ("bundle.zip", samples.zip_archive(), "“bundle.zip” cannot be uploaded: .zip files"),
        ("README", b"no extension", "files without an extension are not accepted"),
        (
            "report.pdf",
            samples.zip_archive(),
            "“report.pdf” is named as a PDF but it contains a ZIP archive.",
        ),
        (
            "setup.docx",
            samples.windows_program(),
            "“setup.docx” is named as a Word document but it contains something else",
        ),
        (
            "slides.pptx",
            samples.docx(),
            "“slides.pptx” is named as a PowerPoint presentation but it contains a Word document.",
        ),
        (
            "data.csv",
            samples.xlsx(),
            "“data.csv” is named as a CSV file but it contains an Excel workbook.",
        ),
        ("photo.jpg", samples.png(), "“photo.jpg” is named as a JPEG image but it contains a PNG"),
        ("scan.png", samples.pdf(), "“scan.png” is named as a PNG image but it contains a PDF."),
    ],
)
def test_upload_form_refuses_with_a_clear_message(
    uploaded, admin_client, root_collection, name, data, message
):
    response = upload(admin_client, name, data, collection=root_collection)
    assert response.status_code == 200
    errors = file_errors(response)
    assert len(errors) == 1, errors  # one message per problem, not Wagtail's as well
    assert message in errors[0]
    assert message in response.content.decode()  # shown to the editor
    assert not uploaded.exists()


def test_upload_form_refuses_a_file_over_the_limit(
    uploaded, admin_client, root_collection, settings
):
    settings.DOCUMENT_MAX_UPLOAD_BYTES = 1000
    big = samples.csv("x,y\n" + "1,2\n" * 500)
    response = upload(admin_client, "big.csv", big, collection=root_collection)
    assert response.status_code == 200
    assert file_errors(response) == [
        "This file is too big (2.0\xa0KB). The largest file you can upload is 1000\xa0bytes."
    ]
    assert not uploaded.exists()

    small = samples.csv("x,y\n1,2\n")
    response = upload(admin_client, "small.csv", small, collection=root_collection)
    assert response.status_code == 302


def test_upload_form_tells_the_formats_and_limit(admin_client):
    content = admin_client.get(ADD_URL).content.decode()
    assert "PDF, DOCX, XLSX, PPTX, CSV, PNG, JPG, JPEG; at most 50.0\xa0MB." in content
    assert 'accept=".pdf,.docx,.xlsx,.pptx,.csv,.png,.jpg,.jpeg"' in content


def test_replacing_the_file_in_the_edit_view_is_checked_too(
    admin_client, root_collection, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        document = make_document("checklist.pdf", samples.pdf(), collection=root_collection)
    response = admin_client.post(
        f"/admin/documents/edit/{document.pk}/",
        {
            "title": document.title,
            "file": SimpleUploadedFile("checklist.pdf", samples.windows_program()),
            "collection": root_collection.pk,
            "language": "en-us",
            "tags": "",
        },
    )
    assert response.status_code == 200
    assert "is named as a PDF but it contains something else" in file_errors(response)[0]


# The multiple uploader


def multiple_upload(client, name, data, collection):
    return client.post(
        MULTIPLE_ADD_URL,
        {"files[]": SimpleUploadedFile(name, data), "collection": collection.pk},
        headers={"x-requested-with": "XMLHttpRequest"},
    )


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("setup.exe", samples.windows_program(), ".exe files are not accepted"),
        ("report.pdf", samples.zip_archive(), "is named as a PDF but it contains a ZIP archive"),
    ],
)
def test_multiple_uploader_refuses_with_the_same_messages(
    uploaded, admin_client, root_collection, name, data, message
):
    response = multiple_upload(admin_client, name, data, root_collection)
    assert response.status_code == 200
    body = response.json()
    assert body["success"] is False
    assert message in body["error_message"]
    assert "File extension" not in body["error_message"]
    assert not uploaded.exists()


def test_multiple_uploader_refuses_a_file_over_the_limit(admin_client, root_collection, settings):
    settings.DOCUMENT_MAX_UPLOAD_BYTES = 100
    response = multiple_upload(admin_client, "big.pdf", samples.pdf(), root_collection)
    assert response.json()["success"] is False
    assert "This file is too big" in response.json()["error_message"]
    page = admin_client.get(MULTIPLE_ADD_URL).content.decode()
    assert "The largest file you can upload is 100\xa0bytes." in page  # checked in the browser


def test_multiple_uploader_accepts_and_extracts(
    uploaded, admin_client, root_collection, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = multiple_upload(admin_client, "slides.pptx", samples.pptx(), root_collection)
    body = response.json()
    assert body["success"] is True
    if "uploaded_file_id" in body:
        # The uploader asks for the document's other required details (its language) first.
        upload_id = body["uploaded_file_id"]
        prefix = f"uploaded-document-{upload_id}"
        with django_capture_on_commit_callbacks(execute=True):
            response = admin_client.post(
                f"/admin/documents/multiple/create_from_uploaded_document/{upload_id}/",
                {
                    f"{prefix}-title": "Slides",
                    f"{prefix}-collection": root_collection.pk,
                    f"{prefix}-language": "es",
                    f"{prefix}-tags": "",
                },
                headers={"x-requested-with": "XMLHttpRequest"},
            )
        assert response.json()["success"] is True, response.json()
    document = uploaded.get()
    assert document.extraction_status == Extraction.DONE
    assert document.page_count == 2
    assert samples.PPTX_TABLE_CELL in document.extracted_text


# When extraction runs


def test_saving_without_changing_the_file_does_not_extract_again(
    admin_client, root_collection, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        document = make_document("checklist.pdf", samples.pdf(), collection=root_collection)
    document.refresh_from_db()
    assert document.extraction_status == Extraction.DONE
    # A mark an extraction would overwrite.
    Document.objects.filter(pk=document.pk).update(extracted_text="MARK")

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        document = Document.objects.get(pk=document.pk)
        document.title = "Renamed once"
        document.save()
        document.title = "Renamed twice"
        document.save()
        Document.objects.get(pk=document.pk).save()
        response = admin_client.post(
            f"/admin/documents/edit/{document.pk}/",
            {
                "title": "Renamed in the admin",
                "collection": root_collection.pk,
                "language": "pt",
                "tags": "",
            },
        )
    assert response.status_code == 302, response.context["form"].errors
    assert extractions(callbacks) == []
    document.refresh_from_db()
    assert document.title == "Renamed in the admin"
    assert document.language == "pt"
    assert document.extracted_text == "MARK"
    assert document.extraction_status == Extraction.DONE


def test_replacing_the_file_extracts_again(
    admin_client, root_collection, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        document = make_document("checklist.pdf", samples.pdf(), collection=root_collection)
    Document.objects.filter(pk=document.pk).update(extracted_text="MARK")
    new_pages = ("Version two of the checklist.",)

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = admin_client.post(
            f"/admin/documents/edit/{document.pk}/",
            {
                "title": document.title,
                # The same name: storage may well give it the old file's name again.
                "file": SimpleUploadedFile("checklist.pdf", samples.pdf(pages=new_pages)),
                "collection": root_collection.pk,
                "language": "en-us",
                "tags": "",
            },
        )
    assert response.status_code == 302, response.context["form"].errors
    assert len(extractions(callbacks)) == 1
    document.refresh_from_db()
    assert document.extracted_text == new_pages[0]
    assert document.page_count == 1


def test_a_file_saved_by_code_is_extracted_again(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        document = make_document("counties.csv", samples.csv())
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        document.file.save("counties.csv", ContentFile(b"county\nHampden\n"), save=False)
        document.save()
    assert len(extractions(callbacks)) == 1
    document.refresh_from_db()
    assert document.extracted_text == "county\nHampden\n"


def test_a_new_file_resets_what_was_read_from_the_old_one(django_capture_on_commit_callbacks):
    """Until the task has run (a worker may take a while), nothing stale is shown."""
    with django_capture_on_commit_callbacks(execute=True):
        document = make_document("checklist.pdf", samples.pdf())
    with django_capture_on_commit_callbacks(execute=False):
        document.file.save("other.pdf", ContentFile(samples.pdf(pages=("New",))), save=False)
        document.save()
        stored = Document.objects.get(pk=document.pk)
        assert stored.extraction_status == Extraction.PENDING
        assert stored.extracted_text == ""
        assert stored.page_count is None
        assert stored.checksum == ""


# The task on its own


def test_task_ends_quietly_for_a_deleted_document(caplog):
    caplog.set_level(logging.INFO, logger="documents.tasks")
    result = extract_document_text.enqueue(987654)
    assert result.status == TaskResultStatus.SUCCESSFUL
    assert "document 987654 no longer exists" in caplog.text


def test_task_records_a_missing_file(caplog):
    document = make_document("checklist.pdf", samples.pdf())
    document.file.storage.delete(document.file.name)
    caplog.set_level(logging.INFO, logger="documents.tasks")

    result = extract_document_text.enqueue(document.pk)

    assert result.status == TaskResultStatus.SUCCESSFUL
    assert "is missing from storage" in caplog.text
    document.refresh_from_db()
    assert document.extraction_status == Extraction.FAILED
    assert document.extraction_warning == "The file is missing from storage; upload it again."


def test_task_failure_is_logged_and_recorded(caplog, monkeypatch):
    document = make_document("checklist.pdf", samples.pdf())

    def broken(path, extension):
        raise RuntimeError("a bug in extraction")

    monkeypatch.setattr("documents.sandbox.extract_file", broken)
    result = extract_document_text.enqueue(document.pk)

    assert result.status == TaskResultStatus.FAILED
    assert "RuntimeError" in result.errors[0].traceback
    assert f"Text extraction of document {document.pk} failed unexpectedly" in caplog.text
    document.refresh_from_db()
    assert document.extraction_status == Extraction.FAILED
    assert "the error is in the server log" in document.extraction_warning
