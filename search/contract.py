"""The search document contract: what every app gives search, and how it registers.

`search` imports no app. Each app describes its searchable content as `SearchDocument`s
through a provider registered with the Wagtail hook "register_search_providers", and says
what a user may see through the hook "register_search_access" (a function user → set of
access tokens). The readable names of its facet values come through the hook
"register_search_facet_labels" (a function returning {facet: {value: label}}). Search stores
the documents, keeps them in sync and filters every query by the searcher's tokens inside the
engine, so that counts, pages and suggestions are safe too.

Access tokens: "public" (anyone), "members" (staff of member organizations), and
"workgroup:<id>" (that work group's members and consortium staff). A document has exactly one.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Protocol

from wagtail import hooks

PUBLIC = "public"
MEMBERS = "members"

# What the search page lets people narrow by (the labels live in search.views).
CONTENT_TYPES = ("guidance", "toolkit", "file", "page", "workgroup", "news")
# Multi-valued facets a document may carry, by name (values are the apps' slugs).
FACETS = ("care_setting", "audience")

MAX_BODY_CHARS = 1_000_000


def workgroup_token(work_group_id):
    return f"workgroup:{work_group_id}"


@dataclass(frozen=True)
class SearchDocument:
    key: str  # unique across the site, e.g. "toolkits.toolkitpage:12"
    title: str
    url: str
    content_type: str  # one of CONTENT_TYPES
    access: str  # PUBLIC, MEMBERS or workgroup_token(id)
    body: str = ""
    language: str = "en-us"
    facets: dict[str, tuple[str, ...]] = field(default_factory=dict)
    published_at: datetime.datetime | None = None
    boost: float = 1.0  # >1 for content people most need first (symptom guidance)

    def __post_init__(self):
        if self.content_type not in CONTENT_TYPES:
            raise ValueError(f"Unknown content type {self.content_type!r} for {self.key}")
        if not (self.access in {PUBLIC, MEMBERS} or self.access.startswith("workgroup:")):
            raise ValueError(f"Unknown access token {self.access!r} for {self.key}")
        unknown = set(self.facets) - set(FACETS)
        if unknown:
            raise ValueError(f"Unknown facets {sorted(unknown)} for {self.key}")


class SearchProvider(Protocol):
    """One kind of searchable content of an app."""

    name: str
    # Saving or deleting instances of these models re-indexes them (search.sync).
    models: tuple[type, ...]

    def documents(self) -> Iterable[SearchDocument]:
        """Every document of this kind, for a full rebuild."""

    def document_for(self, instance) -> SearchDocument | None:
        """The instance's document, or None when it must not be found (draft, deleted)."""

    def key_for(self, instance) -> str:
        """The key the instance's document has (to remove it)."""

    # Optional: models whose changes alter this provider's documents without being indexed
    # themselves (a toolkit page for its files), as `depends_on = (Model, ...)`, with
    # `dependents(instance) -> iterable of instances of self.models` to re-index.


def providers():

    found = []
    for register in hooks.get_hooks("register_search_providers"):
        found.extend(register())
    return found


def access_tokens(user):
    """Every token the user's search may match: public, plus what each app grants."""

    tokens = {PUBLIC}
    if user is not None and user.is_authenticated and user.is_active:
        for grant in hooks.get_hooks("register_search_access"):
            tokens |= set(grant(user))
    return tokens


def facet_labels():
    """{facet: {value: label}} from every app that names its facet values."""

    labels = {}
    for named in hooks.get_hooks("register_search_facet_labels"):
        for facet, values in named().items():
            labels.setdefault(facet, {}).update(values)
    return labels
