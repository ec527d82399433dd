"""Office files judged by their ZIP directory before they are opened (documents.archives):
what real documents pass, and which bombs are refused, by which limit."""

import io
import struct
import time
import zipfile

import pytest

from documents import archives, hostile_files
from documents.archives import ArchiveLimits, check_archive
from tests.toolkits import samples

MB = 1024 * 1024
DEFAULTS = ArchiveLimits(max_uncompressed_bytes=200 * MB, max_ratio=200, max_entries=10_000)


def check(data, limits=DEFAULTS):
    return check_archive(io.BytesIO(data), limits)


def zip_of(members, compression=zipfile.ZIP_DEFLATED):
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", compression) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return output.getvalue()


@pytest.mark.parametrize("make", [samples.docx, samples.pptx, samples.xlsx])
def test_real_office_files_pass(make):
    assert check(make()) is None


def test_a_word_file_with_an_embedded_workbook_passes():
    """Word keeps a chart's data as a workbook (itself a ZIP) under word/embeddings/."""
    data = hostile_files._graft(
        samples.docx(), "word/embeddings/Microsoft_Excel_Worksheet.xlsx", iter([samples.xlsx()])
    )
    assert check(data) is None


def test_files_that_are_not_zips_are_left_to_the_extractor():
    assert check(samples.pdf()) is None
    assert check(b"") is None
    assert check(samples.docx()[:-30]) is None  # no directory: "damaged", says the extractor


def test_the_directory_is_read_as_zipfile_reads_it():
    data = samples.pptx()
    expected = [
        (info.filename, info.compress_size, info.file_size, info.header_offset)
        for info in zipfile.ZipFile(io.BytesIO(data)).infolist()
    ]
    found = [
        (entry.name, entry.compressed_size, entry.uncompressed_size, entry.header_offset)
        for entry in archives.entries(io.BytesIO(data))
    ]
    assert found == expected


def test_a_docx_bomb_is_refused_by_its_ratio_without_unpacking_it():
    bomb = hostile_files.docx_bomb(150)  # under 500 KB, 150 MB of XML inside
    assert len(bomb) < 600 * 1024
    started = time.monotonic()
    problem = check(bomb)
    assert time.monotonic() - started < 1  # unpacking 150 MB would take far longer
    assert problem.limit == "ratio"
    assert problem.reason == (
        "a part of it unpacks to more than 200 times its packed size, as a ZIP bomb does"
    )


def test_a_file_that_unpacks_to_too_much_is_refused_by_its_size():
    data = hostile_files.docx_bomb(3)
    limits = ArchiveLimits(max_uncompressed_bytes=2 * MB, max_ratio=10_000, max_entries=100)
    problem = check(data, limits)
    assert problem.limit == "uncompressed"
    assert problem.reason == "unpacked, it would be more than 2 MB"


def test_small_parts_are_not_judged_by_their_ratio():
    """A few KB of XML compress tightly and harm nothing."""
    data = zip_of({"[Content_Types].xml": b"<Types/>", "word/styles.xml": b" " * 500_000})
    assert check(data, ArchiveLimits(10 * MB, max_ratio=5, max_entries=10)) is None


def test_too_many_parts_are_refused():
    data = hostile_files.zip_with_entries(300)
    problem = check(data, ArchiveLimits(200 * MB, 200, max_entries=100))
    assert problem.limit == "entries"
    assert problem.reason == "it holds more than 100 parts"


def test_a_directory_that_understates_its_entries_is_counted():
    """The end record says 1 entry; the directory holds 300: the directory counts."""
    data = bytearray(hostile_files.zip_with_entries(300))
    end = data.rfind(b"PK\x05\x06")
    struct.pack_into("<HH", data, end + 8, 1, 1)
    problem = check(bytes(data), ArchiveLimits(200 * MB, 200, max_entries=100))
    assert problem.limit == "entries"


@pytest.mark.parametrize(
    "name",
    ["word/media/archive.zip", "payload.7z", "ppt/media/deck.PPTX"],
)
def test_archives_inside_are_refused_by_name(name):
    data = hostile_files._graft(samples.docx(), name, iter([b"not even a zip"]))
    problem = check(data)
    assert problem.limit == "nested"
    assert "it contains another archive" in problem.reason


@pytest.mark.parametrize("compression", [zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED])
def test_archives_inside_are_refused_by_content(compression):
    inner = zip_of({"a.txt": b"a"})
    data = zip_of({"[Content_Types].xml": b"<Types/>", "word/image1.png": inner}, compression)
    problem = check(data)
    assert problem.limit == "nested"
    assert problem.reason == "it contains another archive (image1.png)"


def test_a_nested_zip_bomb_is_refused():
    assert check(hostile_files.nested_zip(depth=3, width=10)).limit == "nested"


def as_zip64(data, declare=None):
    """The archive rewritten with ZIP64 records: an end record that points to a ZIP64 one,
    and, for the entry named in `declare` (name, uncompressed size), sizes given only in a
    ZIP64 extra field (0xFFFFFFFF in the directory), as writers do for entries over 4 GB."""
    end = data.rfind(b"PK\x05\x06")
    _sig, _d, _cd, _on_disk, count, size, offset, _c = struct.unpack_from("<4sHHHHIIH", data, end)
    directory = bytearray()
    position = offset
    for _ in range(count):
        fields = list(struct.unpack_from("<4sHHHHHHIIIHHHHHII", data, position))
        name_length, extra_length, comment_length = fields[10:13]
        name = data[position + 46 : position + 46 + name_length]
        rest = data[position + 46 : position + 46 + name_length + extra_length + comment_length]
        if declare and name.decode() == declare[0]:
            extra = struct.pack("<HHQQ", 1, 16, declare[1], fields[8])
            fields[8] = fields[9] = 0xFFFFFFFF
            fields[11] = extra_length + len(extra)
            rest = rest[: name_length + extra_length] + extra + rest[name_length + extra_length :]
        directory += struct.pack("<4sHHHHHHIIIHHHHHII", *fields) + rest
        position += 46 + name_length + extra_length + comment_length
    record_offset = offset + len(directory)
    record = struct.pack(
        "<4sQHHIIQQQQ", b"PK\x06\x06", 44, 45, 45, 0, 0, count, count, len(directory), offset
    )
    locator = struct.pack("<4sIQI", b"PK\x06\x07", 0, record_offset, 1)
    ending = struct.pack(
        "<4sHHHHIIH", b"PK\x05\x06", 0, 0, 0xFFFF, 0xFFFF, 0xFFFFFFFF, 0xFFFFFFFF, 0
    )
    return data[:offset] + bytes(directory) + record + locator + ending


def test_zip64_directories_are_read():
    data = as_zip64(samples.docx())
    assert zipfile.ZipFile(io.BytesIO(data)).namelist()  # as zipfile reads it
    assert [e.name for e in archives.entries(io.BytesIO(data))] == zipfile.ZipFile(
        io.BytesIO(data)
    ).namelist()
    assert check(data) is None
    problem = check(data, ArchiveLimits(200 * MB, 200, max_entries=5))
    assert problem.limit == "entries"


def test_sizes_declared_in_zip64_fields_count():
    """An entry that declares 8 GB unpacks to 8 GB: zipfile stops at the declared size."""
    data = as_zip64(samples.docx(), declare=("word/document.xml", 8 * 1024 * MB))
    info = zipfile.ZipFile(io.BytesIO(data)).getinfo("word/document.xml")
    assert info.file_size == 8 * 1024 * MB
    problem = check(data)
    assert problem.limit == "uncompressed"
    assert problem.reason == "unpacked, it would be more than 200 MB"


def test_the_file_is_left_at_its_start():
    handle = io.BytesIO(samples.docx())
    handle.seek(100)
    check_archive(handle, DEFAULTS)
    assert handle.tell() == 0
