"""Pages in search: the helpers every app's page provider shares, and the site core's own pages
(portal's home, standard and directory pages: the core imports no app, so search describes
them, as every app may import portal).

A page is found only when it is live, under a site, and in no restricted section: a page with
any view restriction on it or an ancestor is left out entirely here (work-group spaces are
indexed by workgroups.search, with their group's token). Text comes from the page's own
search_fields, read from the stored block data so that no chooser is fetched per page.
"""

import html
import json
import re

from django.utils.html import strip_tags
from wagtail import blocks
from wagtail.fields import RichTextField, StreamField
from wagtail.models import (
    BaseViewRestriction,
    Collection,
    CollectionViewRestriction,
    Page,
    PageViewRestriction,
)
from wagtail.search import index

from portal.access import MEMBERS_GROUP_NAME
from portal.models import HomePage, MemberDirectoryPage, StandardPage

from .contract import MAX_BODY_CHARS, MEMBERS, PUBLIC, SearchDocument

_BLOCK_BREAK = re.compile(r"<(?=/?(p|li|h[1-6]|br|div|ul|ol|tr|td|th|blockquote)\b)", re.I)
_SPACES = re.compile(r"\s+")


def plain_text(value):
    """Words of a string that may hold HTML, with block elements kept apart."""
    if not value:
        return ""
    text = html.unescape(strip_tags(_BLOCK_BREAK.sub(" <", str(value))))
    return _SPACES.sub(" ", text).strip()


def stream_fragments(block, raw):
    """The text of a block's stored (raw) value, without fetching what choosers point to."""
    if raw is None or not getattr(block.meta, "search_index", True):
        return
    if isinstance(block, blocks.StreamBlock):
        for child in raw or []:
            child_block = block.child_blocks.get(child.get("type"))
            if child_block is not None:
                yield from stream_fragments(child_block, child.get("value"))
    elif isinstance(block, blocks.StructBlock):
        for name, child_block in block.child_blocks.items():
            yield from stream_fragments(child_block, (raw or {}).get(name))
    elif isinstance(block, blocks.ListBlock):
        for item in raw or []:
            if isinstance(item, dict) and item.get("type") == "item" and "value" in item:
                item = item["value"]
            yield from stream_fragments(block.child_block, item)
    elif isinstance(block, (blocks.RichTextBlock, blocks.CharBlock, blocks.TextBlock)):
        text = plain_text(raw)
        if text:
            yield text
    # Choosers, choices, URLs, numbers and dates carry no words a reader reads.


def stream_text(field, raw):
    if isinstance(raw, str):
        raw = json.loads(raw or "[]")
    elif hasattr(raw, "raw_data"):
        raw = list(raw.raw_data)
    return " ".join(stream_fragments(field.stream_block, raw))


def field_text(model, name, value):
    """Plain text of one field's value (a model value, or a revision's serialized one)."""
    field = model._meta.get_field(name)
    if isinstance(field, StreamField):
        return stream_text(field, value)
    if isinstance(field, RichTextField):
        return plain_text(value)
    return plain_text(value) if isinstance(value, str) else ""


def searchable_field_names(model):
    """The model's own searchable text fields (its search_fields), title excepted."""
    names = []
    for search_field in model.search_fields:
        name = search_field.field_name
        if isinstance(search_field, index.SearchField) and name != "title" and name not in names:
            names.append(name)
    return names


def page_body(page, extra=()):
    parts = [
        field_text(type(page), name, getattr(page, name))
        for name in searchable_field_names(type(page))
    ]
    parts.extend(extra)
    return " ".join(part for part in parts if part)[:MAX_BODY_CHARS]


def revision_body(model, content):
    """The searchable text of a page revision's content (a dict), as page_body reads a page."""
    parts = [field_text(model, name, content.get(name)) for name in searchable_field_names(model)]
    return " ".join(part for part in parts if part)[:MAX_BODY_CHARS]


def model_key(model, pk):
    return f"{model._meta.label_lower}:{pk}"


def page_key(page):
    model = page.specific_class if isinstance(page, Page) else type(page)
    return model_key(model or type(page), page.pk)


def restricted_page_paths():
    """Paths of every page with a view restriction (one query)."""
    return tuple(PageViewRestriction.objects.values_list("page__path", flat=True))


def is_under(path, paths):
    return any(path.startswith(prefix) for prefix in paths)


def collection_access_map():
    """{collection id: PUBLIC, MEMBERS or None} for every collection, in two queries.

    MEMBERS when every restriction on the collection and its ancestors is a login restriction
    or opens it to the members group; None (not to be guessed) for any other restriction, such
    as a work group's collection or a password."""
    restrictions = {}
    found_restrictions = CollectionViewRestriction.objects.select_related("collection")
    for restriction in found_restrictions.prefetch_related("groups"):
        restrictions.setdefault(restriction.collection.path, []).append(restriction)
    access = {}
    for collection in Collection.objects.only("pk", "path"):
        token = PUBLIC
        for path, found in restrictions.items():
            if not collection.path.startswith(path):
                continue
            for restriction in found:
                members_may = restriction.restriction_type == BaseViewRestriction.LOGIN or (
                    restriction.restriction_type == BaseViewRestriction.GROUPS
                    and any(group.name == MEMBERS_GROUP_NAME for group in restriction.groups.all())
                )
                token = MEMBERS if members_may and token is not None else None
        access[collection.pk] = token
    return access


class PageProvider:
    """Live, unrestricted pages of some models, each a document of one content type."""

    def __init__(self, name, models, content_type, boost=None):
        self.name = name
        self.models = tuple(models)
        self.content_type = content_type
        self.boost = boost or {}

    def queryset(self, model):
        return model.objects.live().exact_type(model).select_related("locale")

    def extra_text(self, page):
        return ()

    def facets(self, page):
        return {}

    def documents(self):
        restricted = restricted_page_paths()
        for model in self.models:
            for page in self.queryset(model).order_by("path"):
                document = self._document(page, restricted)
                if document is not None:
                    yield document

    def document_for(self, instance):
        model = self._model_of(instance)
        if model is None or instance.pk is None:
            return None
        page = self.queryset(model).filter(pk=instance.pk).first()
        if page is None:
            return None
        return self._document(page, restricted_page_paths())

    def key_for(self, instance):
        return page_key(instance)

    def _model_of(self, instance):
        model = instance.specific_class if isinstance(instance, Page) else type(instance)
        return model if model in self.models else None

    def _document(self, page, restricted):
        if is_under(page.path, restricted):
            return None
        url = page.url
        if not url:
            return None
        return SearchDocument(
            key=model_key(type(page), page.pk),
            title=page.title,
            url=url,
            content_type=self.content_type,
            access=PUBLIC,
            body=page_body(page, self.extra_text(page)),
            language=page.locale.language_code,
            facets=self.facets(page),
            published_at=page.last_published_at,
            boost=self.boost.get(type(page), 1.0),
        )


HOME_PAGE_BOOST = 0.5


def providers():

    # The home page only introduces the sections in a few words, and short pages rank high in
    # full-text relevance: it comes after the pages it leads to.
    return [
        PageProvider(
            "portal.pages",
            (HomePage, StandardPage, MemberDirectoryPage),
            "page",
            boost={HomePage: HOME_PAGE_BOOST},
        )
    ]


def members_access(user):
    """Staff of member organizations (the members group) and superusers may find members-only
    material."""
    if user.is_superuser or user.groups.filter(name=MEMBERS_GROUP_NAME).exists():
        return [MEMBERS]
    return []
