"""Small, real PDFs and Word documents for demo content (toolkits' resources, work groups'
files), rendered from a text: {"language", "title", "intro", "sections": [(heading, lines)]}.

PDFs use a core font (no font files to ship), so their text is kept to Latin-1. Lines are
wrapped here rather than by fpdf's multi_cell, which is several times slower, and every file is
rendered once per process: the demo is loaded again and again by the test suite.
"""

import datetime
import io

PUBLISHER = "Massachusetts Sepsis Consortium (demonstration)"
LICENSE_SHORT = {
    "cc-by-4.0": "CC BY 4.0",
    "cc-by-nc-4.0": "CC BY-NC 4.0",
    "cc-by-nc-sa-4.0": "CC BY-NC-SA 4.0",
    "members": "member organizations only",
}
FOOTER_WORDS = {
    "en-us": ("Version", "License", "Page"),
    "es": ("Versión", "Licencia", "Página"),
    "pt": ("Versão", "Licença", "Página"),
}
WORD_LANGUAGE = {"en-us": "en-US", "es": "es-US", "pt": "pt-BR"}
# Typography that Latin-1 lacks, in plain equivalents.
PLAIN = str.maketrans(
    {"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-"}
)


def footer_text(language, version, license):
    version_word, license_word, _page = FOOTER_WORDS[language]
    return (
        f"{version_word} {version} | {license_word}: {LICENSE_SHORT.get(license, license)} | "
        f"{PUBLISHER}"
    )


def latin1(text):
    return text.translate(PLAIN).encode("latin-1", "replace").decode("latin-1")


def render_pdf(document, version, license, released):
    # Each writer is loaded only when its format is made.
    from fpdf import FPDF

    language = document["language"]
    footer = latin1(footer_text(language, version, license))
    page_word = FOOTER_WORDS[language][2]

    class ToolkitPDF(FPDF):
        def footer(self):
            self.set_y(-15)
            self.set_font("Helvetica", "", 8)
            self.set_text_color(80)
            self.cell(0, 5, f"{footer} | {page_word} {self.page_no()}", align="C")

    pdf = ToolkitPDF(format="Letter")
    pdf.set_title(latin1(document["title"]))
    pdf.set_author(PUBLISHER)
    pdf.set_lang(WORD_LANGUAGE[language])
    pdf.set_creation_date(datetime.datetime.combine(released, datetime.time(9), datetime.UTC))
    pdf.set_margins(20, 20, 20)
    pdf.add_page()
    writer = _Writer(pdf)
    writer.block(document["title"], size=18, style="B", leading=8, after=4)
    writer.block(document["intro"], size=11, leading=5.5, after=3)
    for heading, lines in document["sections"]:
        writer.block(heading, size=13, style="B", leading=6.5, before=3, after=1)
        for line in lines:
            if line.startswith("- "):
                writer.block(line[2:], size=11, leading=5.5, after=1, bullet=True)
            else:
                writer.block(line, size=11, leading=5.5, after=2)
    return bytes(pdf.output())


class _Writer:
    """Greedy word wrap on the current font's widths; one text operation per line."""

    BOTTOM = 25
    INDENT = 6

    def __init__(self, pdf):
        self.pdf = pdf
        self.y = pdf.t_margin

    def block(self, text, *, size, leading, style="", before=0, after=0, bullet=False):
        pdf = self.pdf
        pdf.set_font("Helvetica", style, size)
        left = pdf.l_margin + (self.INDENT if bullet else 0)
        lines = self.wrap(latin1(text), pdf.w - pdf.r_margin - left)
        self.y += before
        for number, line in enumerate(lines):
            if self.y + leading > pdf.h - self.BOTTOM:
                pdf.add_page()
                pdf.set_font("Helvetica", style, size)
                self.y = pdf.t_margin
            self.y += leading
            if bullet and number == 0:
                pdf.text(pdf.l_margin + 1.5, self.y, "-")
            pdf.text(left, self.y, line)
        self.y += after

    def wrap(self, text, width):
        # The core font's glyph widths (thousandths of the font size); fpdf's own
        # get_string_width copies the graphics state on every call.
        glyphs, scale = self.pdf.current_font.cw, self.pdf.font_size_pt / 1000 / self.pdf.k

        def measure(word):
            return sum(glyphs[c] for c in word) * scale

        space = measure(" ")
        lines, words, used = [], [], 0.0
        for word in text.split():
            word_width = measure(word)
            if words and used + space + word_width > width:
                lines.append(" ".join(words))
                words, used = [], 0.0
            used += (space if words else 0) + word_width
            words.append(word)
        if words:
            lines.append(" ".join(words))
        return lines


def render_docx(document, version, license, released):
    # Each writer is loaded only when its format is made.
    import docx
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    language = document["language"]
    word = docx.Document()
    properties = word.core_properties
    properties.title = document["title"]
    properties.author = PUBLISHER
    properties.language = WORD_LANGUAGE[language]
    properties.version = version
    moment = datetime.datetime.combine(released, datetime.time(9))
    properties.created = properties.modified = moment
    # Spelling and grammar checks in the document's own language.
    run_properties = word.styles["Normal"].element.get_or_add_rPr()
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), WORD_LANGUAGE[language])
    run_properties.append(lang)

    # Style objects, looked up once: given a name, python-docx finds the style by scanning the
    # whole style sheet on every paragraph, which made up half the time of a file.
    styles = {name: word.styles[name] for name in ("Title", "Heading 1", "List Bullet")}

    def add(text, style=None):
        word.add_paragraph(text, styles[style] if style else None)

    add(document["title"], "Title")
    add(document["intro"])
    for heading, lines in document["sections"]:
        add(heading, "Heading 1")
        for line in lines:
            if line.startswith("- "):
                add(line[2:], "List Bullet")
            else:
                add(line)
    word.sections[0].footer.paragraphs[0].text = footer_text(language, version, license)
    buffer = io.BytesIO()
    word.save(buffer)
    return buffer.getvalue()
