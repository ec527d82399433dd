"""Real files in every format the portal accepts, made by the libraries that write them."""

import io
import zipfile

PDF_PAGES = ("Sepsis screening checklist for triage nurses.", "Give antibiotics within one hour.")
DOCX_PARAGRAPHS = ("Sepsis huddle guide", "Review lactate at every handover.")
DOCX_CELLS = ("Temperature", "Above 38.3 C", "Heart rate", "Above 90 per minute")
PPTX_SLIDES = ("Recognizing sepsis at home", "Call 911 if breathing is hard")
PPTX_NOTES = "Speaker notes: pause for questions."
PPTX_TABLE_CELL = "Mottled skin"
XLSX_SHEETS = {
    "Indicators": [("Indicator", "Target"), ("Time to antibiotics", 60)],
    "Notes": [("Reviewed by the quality committee",)],
}


def pdf(pages=PDF_PAGES, *, user_password=None, owner_password=None):
    from fpdf import FPDF

    document = FPDF()
    document.set_font("Helvetica", size=12)
    for text in pages:
        document.add_page()
        document.multi_cell(w=0, text=text)
    if user_password is not None or owner_password is not None:
        document.set_encryption(
            owner_password=owner_password or "owner-secret", user_password=user_password or ""
        )
    return bytes(document.output())


def docx():
    import docx as python_docx

    document = python_docx.Document()
    document.add_heading(DOCX_PARAGRAPHS[0], level=1)
    document.add_paragraph(DOCX_PARAGRAPHS[1])
    table = document.add_table(rows=2, cols=2)
    for cell, text in zip([c for row in table.rows for c in row.cells], DOCX_CELLS, strict=True):
        cell.text = text
    return _save(document)


def pptx():
    from pptx import Presentation
    from pptx.util import Inches

    presentation = Presentation()
    first = presentation.slides.add_slide(presentation.slide_layouts[0])
    first.shapes.title.text = PPTX_SLIDES[0]
    first.notes_slide.notes_text_frame.text = PPTX_NOTES
    second = presentation.slides.add_slide(presentation.slide_layouts[5])
    second.shapes.title.text = PPTX_SLIDES[1]
    table = second.shapes.add_table(1, 1, Inches(1), Inches(2), Inches(4), Inches(1)).table
    table.cell(0, 0).text = PPTX_TABLE_CELL
    return _save(presentation)


def xlsx():
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.remove(workbook.active)
    for title, rows in XLSX_SHEETS.items():
        sheet = workbook.create_sheet(title)
        for row in rows:
            sheet.append(row)
    return _save(workbook)


def csv(text="county,cases\nWorcester,12\nSão Paulo,3\n", encoding="utf-8-sig"):
    return text.encode(encoding)


def png():
    # The smallest valid PNG: one transparent pixel.
    return bytes.fromhex(
        "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
        "1f15c4890000000d49444154789c6360000002000001e221bc330000000049454e44ae426082"
    )


def jpeg():
    return b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00\xff\xd9"


def zip_archive():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "Not an Office file.")
    return buffer.getvalue()


def windows_program():
    """The start of a Windows executable: 'MZ', then binary headers full of NUL bytes."""
    return b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + bytes(200)


def corrupt_pdf():
    """A PDF header and then nothing a PDF reader can use."""
    return b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog" + b"\x8f" * 500


def _save(document):
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
