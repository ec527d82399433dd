"""Hostile files uploaded the way editors and work groups upload them: the upload succeeds,
the file is kept and downloadable, its text is refused with the reason, editors see the
reason in the documents listing, and the serving process does not grow. And the
`extract_text` command that operators use to check a file."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from wagtail.documents import get_document_model
from wagtail.models import Collection

from documents import hostile_files
from tests.documents.memory import reset_peak_memory, status_kb
from tests.factories import UserFactory
from tests.toolkits import samples
from workgroups import membership
from workgroups.models import Membership, SharedFile, WorkGroupIndexPage
from workgroups.provisioning import create_work_group

Document = get_document_model()
Extraction = Document.Extraction
ROOT = Path(__file__).resolve().parents[2]
REFUSED = "is too large or too complex to index: "


@pytest.fixture
def small_limits(settings):
    """Limits small enough that every bomb is refused in a second or two."""
    settings.EXTRACTION_MAX_MEMORY_MB = 300
    settings.EXTRACTION_MAX_CPU_SECONDS = 2
    settings.EXTRACTION_MAX_WALL_SECONDS = 20
    settings.EXTRACTION_MAX_TEXT_CHARS = 100_000
    settings.ARCHIVE_MAX_UNCOMPRESSED_MB = 50
    settings.ARCHIVE_MAX_RATIO = 200
    settings.ARCHIVE_MAX_ENTRIES = 1000
    return settings


def upload_in_the_admin(client, name, data, title):
    return client.post(
        "/admin/documents/add/",
        {
            "title": title,
            "file": SimpleUploadedFile(name, data),
            "collection": Collection.get_first_root_node().pk,
            "language": "en-us",
            "tags": "",
        },
    )


def extraction_warnings_in_listing(client, query):
    listing = client.get("/admin/documents/", {"q": query}).content.decode()
    assert "data-extraction-warnings" in listing
    return listing.split("data-extraction-warnings")[1].split("</ul>")[0]


def downloaded(client, document):
    response = client.get(document.url)
    assert response.status_code == 200
    return b"".join(response.streaming_content)


# Uploads


@pytest.mark.django_db
def test_a_docx_bomb_uploaded_in_the_admin_is_kept_and_its_reason_shown(
    small_limits, admin_client, django_capture_on_commit_callbacks
):
    bomb = hostile_files.docx_bomb(40)  # about 130 KB; 40 MB of XML inside
    with django_capture_on_commit_callbacks(execute=True):
        response = upload_in_the_admin(admin_client, "huddle-guide.docx", bomb, "Huddle bomb")
    assert response.status_code == 302  # the upload succeeds

    document = Document.objects.get(title="Huddle bomb")
    assert document.extraction_status == Extraction.FAILED
    assert document.extracted_text == ""
    assert document.extraction_warning.startswith(f"The Word document {REFUSED}")
    assert "as a ZIP bomb does" in document.extraction_warning
    assert document.checksum  # read and hashed all the same
    assert downloaded(admin_client, document) == bomb  # kept, and downloadable

    edit = admin_client.get(f"/admin/documents/edit/{document.pk}/").content.decode()
    assert document.extraction_warning in edit
    assert "Could not be read" in edit
    warnings = extraction_warnings_in_listing(admin_client, "Huddle bomb")
    assert f'href="/admin/documents/edit/{document.pk}/">Huddle bomb</a>' in warnings
    assert document.extraction_warning in warnings


@pytest.mark.django_db
def test_a_slow_pdf_uploaded_in_the_admin_is_refused_by_the_cpu_limit(
    small_limits, admin_client, django_capture_on_commit_callbacks
):
    pdf = hostile_files.pdf_shared_stream(stream_mb=2, pages=20)
    with django_capture_on_commit_callbacks(execute=True):
        response = upload_in_the_admin(admin_client, "slow.pdf", pdf, "Slow PDF")
    assert response.status_code == 302
    document = Document.objects.get(title="Slow PDF")
    assert document.extraction_status == Extraction.FAILED
    assert document.extraction_warning.startswith(f"The PDF {REFUSED}")
    assert "more than 2 seconds of processing" in document.extraction_warning
    assert document.extraction_warning in extraction_warnings_in_listing(admin_client, "Slow")


@pytest.mark.django_db
def test_a_real_document_uploaded_beside_them_is_read(
    small_limits, admin_client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        upload_in_the_admin(admin_client, "guide.docx", samples.docx(), "Huddle guide")
    document = Document.objects.get(title="Huddle guide")
    assert document.extraction_status == Extraction.DONE
    assert samples.DOCX_PARAGRAPHS[1] in document.extracted_text.splitlines()
    assert document.extraction_warning == ""


@pytest.fixture
def work_group(db, home_page):
    index = WorkGroupIndexPage.objects.first()
    if index is None:
        index = WorkGroupIndexPage(title="Work groups", slug="work-groups")
        home_page.add_child(instance=index)
        index.save_revision().publish()
    return create_work_group(
        index, name="Hostile Files Test Group", slug="hostile-files-test", charge="Testing."
    )


@pytest.mark.django_db
def test_a_bomb_shared_in_a_work_group_leaves_the_serving_process_flat(
    small_limits, work_group, client, django_capture_on_commit_callbacks
):
    """With the archive checks out of the way, the bomb is parsed, in a child that stops
    at 300 MB; the process serving the upload (which runs the task here, as in development)
    grows by a few MB only. Parsed in this process it would take gigabytes."""
    small_limits.ARCHIVE_MAX_RATIO = 1_000_000
    small_limits.ARCHIVE_MAX_UNCOMPRESSED_MB = 100_000
    member = UserFactory()
    membership.add_member(work_group, member, Membership.Role.MEMBER)
    client.force_login(member)
    bomb = hostile_files.docx_bomb(40)
    address = work_group.space.url + work_group.space.reverse_subpage("files")
    client.get(address)  # warm up: templates, imports

    reset_peak_memory()
    before_kb = status_kb("VmRSS")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            address,
            {"title": "Agenda", "file": SimpleUploadedFile("agenda.docx", bomb), "note": ""},
        )
    peak_growth_mb = (status_kb("VmHWM") - before_kb) / 1024

    assert response.status_code == 302
    document = SharedFile.objects.get(work_group=work_group).versions.get().document
    assert document.file_size == len(bomb)
    assert document.extraction_status == Extraction.FAILED
    assert "reading it needed more than 300 MB of memory" in document.extraction_warning
    assert peak_growth_mb < 50, f"the serving process grew by {peak_growth_mb:.0f} MB"


# The command


def test_the_command_prints_the_text(tmp_path, capsys):
    path = tmp_path / "checklist.pdf"
    path.write_bytes(samples.pdf())
    call_command("extract_text", str(path))
    out, err = capsys.readouterr()
    assert out.splitlines() == list(samples.PDF_PAGES)
    assert "2 pages" in err


def test_the_command_says_why_it_refuses_with_status_1(tmp_path, small_limits):
    path = tmp_path / "bomb.docx"
    path.write_bytes(hostile_files.docx_bomb(40))
    with pytest.raises(CommandError) as refused:
        call_command("extract_text", str(path))
    assert refused.value.returncode == 1
    assert str(refused.value).startswith(f"The Word document {REFUSED}")
    assert "as a ZIP bomb does" in str(refused.value)

    # Limits given on the command line replace the settings'.
    with pytest.raises(CommandError) as refused:
        call_command(
            "extract_text", str(path), "--archive-max-ratio", "1000000", "--max-memory-mb", "200"
        )
    assert "more than 200 MB of memory" in str(refused.value)


def test_the_command_reads_a_file_by_the_extension_given(tmp_path, capsys):
    path = tmp_path / "export"
    path.write_bytes(samples.csv())
    call_command("extract_text", str(path), "--extension", "csv")
    assert "Worcester,12" in capsys.readouterr().out


def manage(*args):
    environment = {**os.environ, "DJANGO_SETTINGS_MODULE": "portal.settings.test"}
    return subprocess.run(  # noqa: S603 - our own manage.py
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_the_command_line_exit_statuses(tmp_path):
    readable = tmp_path / "guide.docx"
    readable.write_bytes(samples.docx())
    bomb = tmp_path / "bomb.docx"
    bomb.write_bytes(hostile_files.docx_bomb(40))

    done = manage("extract_text", str(readable))
    assert done.returncode == 0, done.stderr
    assert samples.DOCX_PARAGRAPHS[0] in done.stdout

    refused = manage("extract_text", str(bomb))
    assert refused.returncode == 1
    assert refused.stdout == ""
    assert f"The Word document {REFUSED}" in refused.stderr


def test_the_command_refuses_a_missing_file(tmp_path):
    with pytest.raises(CommandError, match="No such file") as refused:
        call_command("extract_text", str(tmp_path / "nothing.pdf"))
    assert refused.value.returncode == 1


@pytest.mark.django_db
def test_a_broken_worker_fails_the_task_loudly(monkeypatch, caplog):
    """Not the file's fault: the task fails (and says so in the log), and the document says
    the error is in the server log, as for any unexpected error."""
    from django.core.files.base import ContentFile
    from django.tasks import TaskResultStatus

    from documents.tasks import extract_document_text

    document = Document(title="Checklist")
    document.file.save("checklist.pdf", ContentFile(samples.pdf()), save=False)
    document.save()  # no commit in a test: the task waits for the call below
    monkeypatch.setattr(sys, "executable", "/bin/false")  # an interpreter that cannot start
    result = extract_document_text.enqueue(document.pk)

    assert result.status == TaskResultStatus.FAILED
    assert "SandboxError" in result.errors[0].traceback
    assert f"Text extraction of document {document.pk} failed unexpectedly" in caplog.text
    document.refresh_from_db()
    assert document.extraction_status == Extraction.FAILED
    assert "the error is in the server log" in document.extraction_warning
    assert document.checksum  # read from storage before the worker was asked
