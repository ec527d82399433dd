"""Text and page counts read from real files (documents.extraction). File types judged by
content: test_filetypes.py."""

import pytest

from documents import extraction
from documents.extraction import extract
from tests.toolkits import samples


def test_pdf_text_of_every_page_and_page_count():
    result = extract(samples.pdf(), "pdf")
    assert result.status == extraction.DONE
    assert result.page_count == 2
    assert result.text.splitlines() == list(samples.PDF_PAGES)
    assert result.warning == ""


def test_pdf_with_only_an_owner_password_is_read():
    result = extract(samples.pdf(owner_password="restrictions-only"), "PDF")
    assert result.status == extraction.DONE
    assert result.page_count == 2
    assert samples.PDF_PAGES[1] in result.text


def test_password_protected_pdf_gives_a_warning_not_an_exception():
    result = extract(samples.pdf(user_password="secret"), "pdf")
    assert result.status == extraction.FAILED
    assert result.text == ""
    assert result.warning.startswith("The PDF could not be read: it is password-protected.")


@pytest.mark.parametrize(
    "data",
    [
        samples.corrupt_pdf(),
        b"%PDF-1.4\n",
        b"",
        samples.pdf()[:400],  # cut off in the middle
    ],
    ids=["garbage-after-header", "header-only", "empty", "truncated"],
)
def test_corrupt_pdf_gives_a_warning_not_an_exception(data):
    result = extract(data, "pdf")
    assert result.status == extraction.FAILED
    assert result.text == ""
    assert result.page_count is None
    assert result.warning.startswith("The PDF could not be read: ")
    assert len(result.warning) <= 255


def test_pdf_without_a_text_layer_is_flagged():
    result = extract(samples.pdf(pages=("", "")), "pdf")
    assert result.status == extraction.DONE
    assert result.page_count == 2
    assert result.text == ""
    assert "may be a scanned image" in result.warning


def test_docx_paragraphs_and_table_cells_in_order():
    result = extract(samples.docx(), "docx")
    assert result.status == extraction.DONE
    assert result.page_count is None
    assert result.text.splitlines() == [*samples.DOCX_PARAGRAPHS, *samples.DOCX_CELLS]


def test_pptx_text_of_every_shape_table_and_notes_with_slide_count():
    result = extract(samples.pptx(), "pptx")
    assert result.status == extraction.DONE
    assert result.page_count == 2
    lines = result.text.splitlines()
    for text in [*samples.PPTX_SLIDES, samples.PPTX_NOTES, samples.PPTX_TABLE_CELL]:
        assert text in lines
    assert lines.index(samples.PPTX_NOTES) < lines.index(samples.PPTX_SLIDES[1])


def test_xlsx_cell_values_by_sheet():
    result = extract(samples.xlsx(), "xlsx")
    assert result.status == extraction.DONE
    assert result.page_count is None
    assert result.text.splitlines() == [
        "Indicators",
        "Indicator\tTarget",
        "Time to antibiotics\t60",
        "Notes",
        "Reviewed by the quality committee",
    ]


def test_csv_in_utf8_with_byte_order_mark():
    result = extract(samples.csv(), "csv")
    assert result.status == extraction.DONE
    assert result.text == "county,cases\nWorcester,12\nSão Paulo,3\n"  # no BOM left


def test_csv_in_windows_1252_falls_back():
    result = extract(samples.csv("hospital\nCafé Clinic\n", encoding="cp1252"), "csv")
    assert result.text == "hospital\nCafé Clinic\n"
    assert result.warning == ""


def test_text_is_kept_storable_without_nul_characters():
    assert extract(b"a\x00b", "txt").text == "ab"


@pytest.mark.parametrize("extension", ["png", "jpg", "jpeg"])
def test_images_have_no_text(extension):
    result = extract(samples.png(), extension)
    assert result == extraction.ExtractionResult(status=extraction.NOT_APPLICABLE)


@pytest.mark.parametrize(
    ("data", "extension", "label"),
    [
        (samples.zip_archive(), "docx", "Word document"),
        (samples.windows_program(), "pptx", "PowerPoint presentation"),
        (samples.docx(), "xlsx", "Excel workbook"),
    ],
)
def test_unreadable_office_files_give_a_warning(data, extension, label):
    result = extract(data, extension)
    assert result.status == extraction.FAILED
    assert result.text == ""
    assert result.warning.startswith(f"The {label} could not be read: ")


def test_long_text_is_cut_with_a_warning(monkeypatch):
    monkeypatch.setattr(extraction, "MAX_TEXT_CHARS", 100)
    result = extract(("word " * 100).encode(), "csv")
    assert len(result.text) == 100
    assert result.status == extraction.DONE
    assert "only the beginning is kept" in result.warning

    pdf = extract(samples.pdf(pages=("x" * 80, "y" * 80, "z" * 80)), "pdf")
    assert len(pdf.text) == 100
    assert pdf.page_count == 3
    assert "only the beginning is kept" in pdf.warning
