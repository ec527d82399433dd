"""Downloads are named as the file was uploaded, not with storage's suffix for a taken name."""

import io
import zipfile

import pytest
from django.core.files.base import ContentFile

from documents.models import PortalDocument
from toolkits.models import ToolkitResource

from .helpers import MEMBERS_DOCX, body, document, files

pytestmark = [pytest.mark.django_db, pytest.mark.bare]


@pytest.fixture
def second_checklist(toolkit, collections):
    """A second file uploaded as checklist.docx: storage must store it under another name."""
    taken = document(
        "Time zero checklist (version 2.0)", MEMBERS_DOCX, "checklist.docx", collections[1]
    )
    assert taken.file.name != files(toolkit)["Time zero checklist"].file.name
    return taken


def test_a_download_is_named_as_uploaded(admin_client, second_checklist):
    stored = second_checklist.file.name.rsplit("/", 1)[-1]
    assert stored != "checklist.docx"  # e.g. checklist_mrJtjOi.docx
    assert second_checklist.filename == "checklist.docx"
    assert second_checklist.url == f"/documents/{second_checklist.pk}/checklist.docx"

    response = admin_client.get(second_checklist.url)
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="checklist.docx"'
    assert stored not in response["Content-Disposition"]
    # Wagtail's check that the URL names this document's file still holds.
    assert admin_client.get(f"/documents/{second_checklist.pk}/other.docx").status_code == 404


def test_zip_entries_are_named_as_uploaded(admin_client, toolkit, second_checklist):
    ToolkitResource.objects.create(page=toolkit, document=second_checklist, sort_order=5)
    response = admin_client.get(toolkit.url + "download-all/")
    names = zipfile.ZipFile(io.BytesIO(body(response))).namelist()
    assert sorted(names) == ["MANIFEST.txt", "checklist-2.docx", "checklist.docx", "guide.pdf"]


def test_a_replaced_file_takes_its_new_name(second_checklist):
    second_checklist.file = ContentFile(MEMBERS_DOCX, name="ed checklist (final).docx")
    second_checklist.save()
    assert second_checklist.filename == "ed_checklist_final.docx"


def test_documents_uploaded_before_get_their_name_back(toolkit):
    from importlib import import_module

    from django.db import connection
    from django.db.migrations.loader import MigrationLoader

    migration = import_module("toolkits.migrations.0005_document_original_filename")
    # The models as they were when it ran (the document model was toolkits' then).
    apps = (
        MigrationLoader(connection)
        .project_state(("toolkits", "0005_document_original_filename"))
        .apps
    )
    guide = files(toolkit)["Time zero guide"]
    PortalDocument.objects.filter(pk=guide.pk).update(
        original_filename="", file="documents/ed-time-zero-checklist-v2_mrJtjOi.pdf"
    )
    migration.guess_uploaded_names(apps, None)
    guide.refresh_from_db()
    assert guide.filename == "ed-time-zero-checklist-v2.pdf"
