"""A version's change log, written in the editor's rich text, as plain text and as safe HTML.

ToolkitVersion keeps the change log as the editor wrote it (Wagtail's rich text, in its
database form), so that paragraphs and list items survive; the plain text of e-mails and
the HTML of e-mails and the version history are derived from it here. The HTML is cleaned by
nh3 to the structure the editor offers (paragraphs, headings, lists, line breaks, bold,
italic, links to http, https and mailto), so it is safe to put in an e-mail whatever the stored
text holds.
"""

from html import escape
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import nh3
from django.utils.safestring import mark_safe
from wagtail.rich_text import expand_db_html

_BLOCKS = {"p", "li", "h2", "h3", "h4", "h5", "h6", "blockquote"}
_LISTS = {"ul", "ol"}
_INLINE = {"b": "strong", "strong": "strong", "i": "em", "em": "em"}
_SCHEMES = {"http", "https", "mailto"}
_SKIPPED = {"script", "style", "template"}  # their content is not text


def _safe_href(href, base_url):
    """An absolute http(s) or mailto link, or None (javascript: and the like are dropped)."""
    href = (href or "").strip()
    if not href:
        return None
    if base_url:
        href = urljoin(base_url, href)
    scheme = urlsplit(href).scheme.lower()
    if scheme in _SCHEMES or (not scheme and href.startswith("/")):
        return href
    return None


class _Reader(HTMLParser):
    """Rich text read into blocks: [(kind, [(text, href or None, tag or None), ...])]."""

    def __init__(self, base_url):
        super().__init__(convert_charrefs=True)
        self.base_url = base_url
        self.blocks = []  # (kind, parts): kind is "p", or "ul"/"ol" for a list item
        self.lists = []
        self.parts = None
        self.href = None
        self.inline = []
        self.skipping = 0

    def _open(self, kind):
        self._close()
        self.parts = []
        self.blocks.append((kind, self.parts))

    def _close(self):
        self.parts = None

    def handle_starttag(self, tag, attrs):
        if tag in _SKIPPED:
            self.skipping += 1
        elif tag in _LISTS:
            self._close()
            self.lists.append(tag)
        elif tag == "li":
            self._open(self.lists[-1] if self.lists else "ul")
        elif tag in _BLOCKS:
            self._open("p")
        elif tag == "br":
            if self.parts is not None:
                self.parts.append(("\n", None, None))
        elif tag == "a":
            self.href = _safe_href(dict(attrs).get("href"), self.base_url)
        elif tag in _INLINE:
            self.inline.append(_INLINE[tag])

    def handle_endtag(self, tag):
        if tag in _SKIPPED:
            self.skipping = max(0, self.skipping - 1)
        elif tag in _LISTS:
            self._close()
            if self.lists:
                self.lists.pop()
        elif tag in _BLOCKS:
            self._close()
        elif tag == "a":
            self.href = None
        elif tag in _INLINE and self.inline:
            self.inline.pop()

    def handle_data(self, data):
        if self.skipping or (not data.strip() and self.parts is None):
            return  # whitespace between blocks
        if self.parts is None:
            self._open("p")  # text outside any paragraph (plain text stored before rich text)
        self.parts.append((data, self.href, self.inline[-1] if self.inline else None))


def _blocks(rich_text, base_url=""):
    reader = _Reader(base_url)
    reader.feed(expand_db_html(rich_text or ""))
    reader.close()
    return [(kind, parts) for kind, parts in reader.blocks if "".join(p[0] for p in parts).strip()]


def words(rich_text):
    """The words alone, whatever their paragraphs, lists and links: to compare change logs."""
    return " ".join(" ".join(p[0] for p in parts) for _kind, parts in _blocks(rich_text)).split()


def as_text(rich_text, base_url=""):
    """Plain text: one paragraph a line with a blank line between, list items as "- item".
    A link's address follows its words in brackets when it differs from them."""
    lines, previous = [], None
    for kind, parts in _blocks(rich_text, base_url):
        words = []
        for text, href, _tag in parts:
            words.append(text)
            if href and text.strip() and href != text.strip() and not href.startswith("/"):
                words.append(f" <{href}>")
        text = "\n".join(" ".join(line.split()) for line in "".join(words).split("\n"))
        if kind in _LISTS:
            item = "- " + text.replace("\n", "\n  ")
            lines.append(item if previous in _LISTS else ("\n" + item if lines else item))
        else:
            lines.append(f"\n{text}" if lines else text)
        previous = kind
    return "\n".join(lines).strip()


# What a change log's HTML may hold (nh3 drops every other tag and attribute).
_HTML_TAGS = {"p", "br", "ul", "ol", "li", "strong", "b", "em", "i", "a", "blockquote"}
_HTML_TAGS |= {"h2", "h3", "h4", "h5", "h6"}


def as_html(rich_text, base_url=""):
    """Safe HTML of the change log; relative links made absolute with base_url (for e-mail)."""

    def absolute_links(tag, attribute, value):
        return _safe_href(value, base_url) if attribute == "href" else value

    cleaned = nh3.clean(
        expand_db_html(rich_text or ""),
        tags=_HTML_TAGS,
        attributes={"a": {"href"}},
        url_schemes=_SCHEMES,
        link_rel=None,
        attribute_filter=absolute_links,
    )
    return mark_safe(cleaned.strip())  # noqa: S308  (cleaned by nh3)


def from_plain_text(text):
    """Rich text for a change log kept as plain text before versions kept rich text."""
    paragraphs = [p.strip() for p in (text or "").split("\n") if p.strip()]
    return "".join(f"<p>{escape(p)}</p>" for p in paragraphs)
