"""What a file really is, told from its content, so that an upload can be checked against its
extension. Plain functions over bytes and files, no Django.

Formats are judged by libmagic (the library of the `file` command, through python-magic): a PDF
only when it starts with a PDF header, a Word, Excel or PowerPoint file only when its ZIP parts
say so (a plain ZIP archive is "zip"), CSV as text. An HTML page, an SVG image, an XML document
or a script is a kind of its own, never text, so it matches none of the extensions the portal
accepts. Nothing is unpacked or run to judge a file.

Text (what a CSV file is) gets a second look for markup that a browser would act on, read with
lxml's HTML parser: libxml2 2.14 splits text into tags as browsers do (the HTML5 tokenizer), in
time linear in the size of the file. A "<" that starts no tag ("lactate < 2", "MAP<65") is
text to it, as it is to a browser.
"""

import codecs
import re
from dataclasses import dataclass

import magic
from lxml import etree

# How many bytes from the start of a file libmagic is given: enough for the ZIP parts that tell
# the Office formats apart, and for libmagic's look at text (its first 64 KB).
SNIFF_BYTES = 1024 * 1024
# How much of a text file is decoded and parsed at a time when looking for markup.
_TEXT_CHUNK = 1024 * 1024

# Kinds of content, named as extensions where there is one. "csv" is text that libmagic takes
# for comma-separated values, "txt" any other text; "ooxml" is an Office package whose kind
# libmagic could not tell (see _kind); "zip" any other ZIP archive.
TEXT_KINDS = frozenset({"csv", "txt"})

_KIND_OF_MIME_TYPE = {
    "application/pdf": "pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "xlsx",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation": "pptx",
    "application/zip": "zip",
    "image/png": "png",
    "image/jpeg": "jpg",
    "text/csv": "csv",
    "text/html": "html",
    "application/xhtml+xml": "html",
    "image/svg+xml": "svg",
    "text/xml": "xml",
    "application/xml": "xml",
    "text/javascript": "script",
    "application/javascript": "script",
    "application/x-javascript": "script",
}

# What each extension may contain. A CSV file is text; a .jpeg is a JPEG; an Office file is its
# own format, or an Office package whose parts libmagic could not order (never a plain ZIP).
_ACCEPTED_CONTENT = {
    "csv": TEXT_KINDS,
    "txt": TEXT_KINDS,
    "jpeg": {"jpg"},
    "docx": {"docx", "ooxml"},
    "xlsx": {"xlsx", "ooxml"},
    "pptx": {"pptx", "ooxml"},
}

# Elements that run scripts, load or embed other content, or change what the page does or where
# it goes: found anywhere in a text file, they refuse it. Formatting ("<b>", "<br>") does not.
ACTIVE_ELEMENTS = frozenset(
    {
        "script",
        "style",
        "iframe",
        "frame",
        "frameset",
        "object",
        "embed",
        "applet",
        "svg",
        "math",
        "form",
        "meta",
        "link",
        "base",
        "template",
    }
)
# URL schemes that run what follows them.
SCRIPT_SCHEMES = frozenset({"javascript", "vbscript"})

if etree.LIBXML_VERSION < (2, 14):  # an lxml built against an older libxml2 of the system
    raise ImportError(
        f"documents.filetypes needs libxml2 2.14 or newer (lxml's wheels have it), whose HTML "
        f"tokenizer reads tags as browsers do; this lxml has {etree.LIBXML_VERSION}."
    )

_mime = magic.Magic(mime=True, mime_encoding=True)
_description = magic.Magic()


@dataclass(frozen=True)
class Markup:
    """Markup that a browser would act on, as found in a text file: an active element, an
    event-handler attribute (onerror=…) or a link that runs a script (javascript:…)."""

    element: str = ""
    attribute: str = ""
    scheme: str = ""

    def __str__(self):
        if self.element:
            return f"<{self.element}>"
        if self.attribute:
            return f"{self.attribute}="
        return f"{self.scheme}:"


def sniff_format(head: bytes) -> str | None:
    """The kind of content of a file from its first bytes (SNIFF_BYTES, or all of it), as
    libmagic judges it: "pdf", "docx", "xlsx", "pptx", "ooxml", "zip", "png", "jpg", "csv",
    "txt", "html", "svg", "xml", "script", or None for anything else (an empty file too).

    Text that begins with a tag, a comment or a declaration, as a browser reads it, is "html"
    ("svg" when that tag is <svg>, "xml" for an XML declaration) whatever libmagic says.
    """
    if not head:
        return None
    mime_type, charset = _mime_type_and_charset(head)
    kind = _kind(mime_type, charset, head)
    if kind in TEXT_KINDS:
        kind = _markup_document_kind(_decoder(charset).decode(head[:4096])) or kind
    return kind


def sniff_file(fileobj) -> str | None:
    """`sniff_format` for an open, seekable file. Leaves the file positioned at its start."""
    fileobj.seek(0)
    head = fileobj.read(SNIFF_BYTES)
    fileobj.seek(0)
    return sniff_format(head)


def find_markup(fileobj) -> Markup | None:
    """The first markup in a text file (all of it) that a browser would act on, or None.

    Reads the file in its own encoding as libmagic tells it; leaves it positioned at its start.
    """
    fileobj.seek(0)
    head = fileobj.read(SNIFF_BYTES)
    _mime_type, charset = _mime_type_and_charset(head)
    finder = _MarkupFinder()
    parser = etree.HTMLParser(target=finder, no_network=True)
    decoder = _decoder(charset)
    chunk = head
    try:
        while chunk and finder.found is None:
            text = decoder.decode(chunk)
            # A NUL is U+FFFD in a tag name to a browser, as it is here (lxml refuses NULs).
            parser.feed(text.replace("\x00", "\ufffd"))
            chunk = fileobj.read(_TEXT_CHUNK)
        if finder.found is None:
            parser.feed(decoder.decode(b"", final=True))
            parser.close()
    finally:
        fileobj.seek(0)
    return finder.found


def content_matches_extension(extension: str, found: str | None) -> bool:
    """Whether content of the kind `found` (from `sniff_file`) may carry this extension."""
    extension = extension.lower().lstrip(".")
    return found is not None and found in _ACCEPTED_CONTENT.get(extension, {extension})


def _mime_type_and_charset(head: bytes) -> tuple[str, str]:
    mime_type, _, charset = _mime.from_buffer(head).partition("; charset=")
    return mime_type.strip().lower(), charset.strip().lower()


def _kind(mime_type: str, charset: str, head: bytes) -> str | None:
    kind = _KIND_OF_MIME_TYPE.get(mime_type)
    if kind is not None:
        return kind
    if mime_type == "application/octet-stream" and head.startswith(b"PK\x03\x04"):
        # libmagic tells Word, Excel and PowerPoint apart by the order of the parts in the
        # package; for an order it does not know it still says that it is an Office package.
        return "ooxml" if _description.from_buffer(head) == "Microsoft OOXML" else None
    if charset and charset != "binary":
        return "txt"  # text of another kind libmagic knows (it may take a CSV file for one)
    return None


def _decoder(charset: str):
    """An incremental decoder for text in this charset (as libmagic names it); bytes that do
    not decode become U+FFFD. Any charset libmagic cannot name is read as Latin-1: markup is
    ASCII in every 8-bit charset."""
    try:
        codec = codecs.lookup({"us-ascii": "utf-8", "ebcdic": "cp500"}.get(charset, charset))
    except LookupError:
        codec = codecs.lookup("latin-1")
    if codec.name == "utf-8":
        codec = codecs.lookup("utf-8-sig")
    return codec.incrementaldecoder(errors="replace")


# The HTML tokenizer's start of markup: "<" and a letter (a tag), "/" (an end tag), "!" (a
# comment or declaration) or "?" (an XML declaration, a comment to HTML).
_MARKUP_START = re.compile(r"<(?:([A-Za-z][^\t\n\f\r />]*)|[!/?])")


def _markup_document_kind(text: str) -> str | None:
    """The kind of document ("html", "svg" or "xml") when the text begins with markup."""
    text = text.lstrip("\ufeff\t\n\f\r ")
    start = _MARKUP_START.match(text)
    if start is None:
        return None
    if text.startswith("<?xml"):
        return "xml"
    return "svg" if (start.group(1) or "").lower() == "svg" else "html"


class _MarkupFinder:
    """An lxml parser target that keeps the first active markup it is shown."""

    def __init__(self):
        self.found = None

    def start(self, tag, attributes):
        if self.found is not None:
            return
        if tag in ACTIVE_ELEMENTS:
            self.found = Markup(element=tag)
            return
        for name, value in attributes.items():
            if name.startswith("on") and len(name) > 2 and value.strip():
                self.found = Markup(attribute=name)
                return
            scheme = _url_scheme(value)
            if scheme in SCRIPT_SCHEMES:
                self.found = Markup(scheme=scheme)
                return

    def end(self, tag):
        pass

    def data(self, data):
        pass

    def comment(self, text):
        pass

    def close(self):
        return self.found


_CONTROLS_AND_SPACE = "".join(map(chr, range(0x21)))


def _url_scheme(value: str) -> str:
    """The scheme of a URL as a browser reads it: tabs and newlines inside it are dropped and
    controls and spaces around it stripped ("java\\tscript:" is javascript:)."""
    value = re.sub(r"[\t\n\r]", "", value).strip(_CONTROLS_AND_SPACE)
    scheme, colon, _ = value.partition(":")
    return scheme.lower() if colon else ""
