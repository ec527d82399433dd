"""Hostile files, built at run time for the tests and scripts/bench_hostile_files.py: small
uploads that cost a reader gigabytes or minutes. None is ever stored in the repository.

Each builder returns bytes; the big parts are written to the ZIP a chunk at a time, so that
building a 150 MB bomb does not hold 150 MB. Plain functions, no Django (python-docx,
python-pptx and openpyxl make the real packages that the bombs are grafted onto).
"""

import io
import zipfile
import zlib

WORD_NAMESPACE = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
SHEET_NAMESPACE = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
DRAWING_NAMESPACE = "http://schemas.openxmlformats.org/drawingml/2006/main"
PRESENTATION_NAMESPACE = "http://schemas.openxmlformats.org/presentationml/2006/main"
_CHUNK_REPEATS = 4096


def docx_bomb(xml_mb: float) -> bytes:
    """A real Word document whose word/document.xml unpacks to `xml_mb` MB of paragraphs."""
    head = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<w:document xmlns:w="{WORD_NAMESPACE}"><w:body>'
    ).encode()
    paragraph = b"<w:p><w:r><w:t>Sepsis</w:t></w:r></w:p>"
    tail = b"</w:body></w:document>"
    return _graft(_docx(), "word/document.xml", _repeat(head, paragraph, tail, xml_mb))


def pptx_bomb(xml_mb: float) -> bytes:
    """A real PowerPoint presentation whose first slide unpacks to `xml_mb` MB of shapes."""
    head = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<p:sld xmlns:a="{DRAWING_NAMESPACE}" xmlns:p="{PRESENTATION_NAMESPACE}" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        '<p:cSld><p:spTree><p:nvGrpSpPr><p:cNvPr id="1" name=""/><p:cNvGrpSpPr/><p:nvPr/>'
        "</p:nvGrpSpPr><p:grpSpPr/>"
    ).encode()
    shape = (
        b'<p:sp><p:nvSpPr><p:cNvPr id="2" name="T"/><p:cNvSpPr/><p:nvPr/></p:nvSpPr>'
        b"<p:spPr/><p:txBody><a:bodyPr/><a:p><a:r><a:t>Sepsis</a:t></a:r></a:p></p:txBody>"
        b"</p:sp>"
    )
    tail = b"</p:spTree></p:cSld></p:sld>"
    return _graft(_pptx(), "ppt/slides/slide1.xml", _repeat(head, shape, tail, xml_mb))


def xlsx_empty_cells(rows: int = 1000, columns: int = 1000) -> bytes:
    """A real Excel workbook whose first sheet has rows x columns empty (styled) cells."""
    letters = [_column(number) for number in range(1, columns + 1)]

    def sheet():
        yield (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<worksheet xmlns="{SHEET_NAMESPACE}">'
            f'<dimension ref="A1:{letters[-1]}{rows}"/><sheetData>'
        ).encode()
        for row in range(1, rows + 1):
            cells = "".join(f'<c r="{letter}{row}" s="0"/>' for letter in letters)
            yield f'<row r="{row}">{cells}</row>'.encode()
        yield b"</sheetData></worksheet>"

    return _graft(_xlsx(), "xl/worksheets/sheet1.xml", sheet())


def nested_zip(depth: int = 3, width: int = 10, leaf_mb: float = 1) -> bytes:
    """A Word document that carries an archive of archives ("42.zip"): `width` ZIPs in each
    of `depth` levels, with a `leaf_mb` MB file of zeros at the bottom of each."""
    level = _zip({"zeros.txt": b"\0" * int(leaf_mb * 1024 * 1024)})
    for _ in range(depth - 1):
        level = _zip({f"{number}.zip": level for number in range(width)})
    return _graft(_docx(), "word/media/archive.zip", iter([level]))


def zip_with_entries(count: int, name: str = "word/part{number}.xml") -> bytes:
    """A Word document with `count` extra (tiny) entries."""
    source = zipfile.ZipFile(io.BytesIO(_docx()))
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as archive:
        for info in source.infolist():
            archive.writestr(info, source.read(info.filename))
        for number in range(count):
            archive.writestr(name.format(number=number), b"")
    return output.getvalue()


def pdf_shared_stream(stream_mb: float, pages: int = 20) -> bytes:
    """A PDF whose `pages` pages all draw one content stream of `stream_mb` MB (compressed to
    a few hundred KB): a reader parses it again for every page. The stream shows blank text,
    so the reader works through every operator and no cap on the text's length stops it."""
    operations = b"BT /F1 12 Tf 72 720 Td ( ) Tj ET\n"
    stream = zlib.compress(operations * int(stream_mb * 1024 * 1024 / len(operations)), 9)
    return _pdf(pages, stream)


def pdf_many_pages(pages: int = 10_000) -> bytes:
    """A PDF of `pages` pages, each with one short line of text (one shared stream)."""
    stream = zlib.compress(b"BT /F1 12 Tf 72 720 Td (Sepsis) Tj ET\n")
    return _pdf(pages, stream)


# Helpers


def _repeat(head, piece, tail, megabytes):
    """head, then `piece` repeated to about `megabytes` MB, then tail: in chunks."""
    total = int(megabytes * 1024 * 1024 / len(piece))
    chunk = piece * _CHUNK_REPEATS
    yield head
    for _ in range(total // _CHUNK_REPEATS):
        yield chunk
    yield piece * (total % _CHUNK_REPEATS)
    yield tail


def _graft(package: bytes, name: str, chunks) -> bytes:
    """`package` with the entry `name` replaced by (or added as) the given chunks."""
    source = zipfile.ZipFile(io.BytesIO(package))
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for info in source.infolist():
            if info.filename != name:
                archive.writestr(info, source.read(info.filename))
        with archive.open(name, "w") as entry:
            for chunk in chunks:
                entry.write(chunk)
    return output.getvalue()


def _zip(members):
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return output.getvalue()


def _docx():
    # Each writer is loaded only when its format is made.
    import docx

    document = docx.Document()
    document.add_paragraph("Sepsis")
    return _saved(document)


def _pptx():
    # Each writer is loaded only when its format is made.
    from pptx import Presentation

    presentation = Presentation()
    slide = presentation.slides.add_slide(presentation.slide_layouts[5])
    slide.shapes.title.text = "Sepsis"
    return _saved(presentation)


def _xlsx():
    # Each writer is loaded only when its format is made.
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active.title = "Cells"
    workbook.active["A1"] = "Sepsis"
    return _saved(workbook)


def _saved(document):
    output = io.BytesIO()
    document.save(output)
    return output.getvalue()


def _column(number):
    letters = ""
    while number:
        number, remainder = divmod(number - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def _pdf(pages, content):
    """A PDF of `pages` pages that all use the FlateDecode stream `content`."""
    first_page = 5
    kids = " ".join(f"{first_page + number} 0 R" for number in range(pages))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        f"<< /Type /Pages /Kids [{kids}] /Count {pages} >>".encode(),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(content)
        + content
        + b"\nendstream",
    ]
    page = (
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
        b"/Resources << /Font << /F1 3 0 R >> >> /Contents 4 0 R >>"
    )
    objects.extend([page] * pages)
    output = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(output))
        output += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(output)
    output += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        output += b"%010d 00000 n \n" % offset
    output += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(output)
