"""The search page: one GET form, results the searcher may see, facets with counts."""

import re

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import render
from django.utils import translation
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from django_ratelimit import ALL
from django_ratelimit.decorators import ratelimit
from wagtail.models import Page

from portal import rate_limits
from portal.i18n import in_running_text
from portal.page_cache import mark_private

from . import queries
from .contract import FACETS, access_tokens, facet_labels
from .engines import get_engine
from .engines.base import FACET_NAMES, MAX_QUERY_CHARS, clean_query, page_number
from .languages import search_in_query_language
from .promotions import promotions_for

# Words that make a query look like someone worried about a person now: the page then shows
# the "call 911" callout above the results.
SYMPTOM_TERMS = (
    "sepsis",
    "septic",
    "septicemia",
    "blood poisoning",
    "fever",
    "infection",
    "confused",
    "confusion",
    "shivering",
    "breathless",
    "clammy",
    "mottled",
    # Spanish and Portuguese, for visitors searching in their language.
    "sepse",
    "infección en la sangre",
    "infecção generalizada",
    "fiebre",
    "febre",
    "infección",
    "infecção",
    "sepis",
)
_SYMPTOM_PATTERN = re.compile(
    r"\b(?:" + "|".join(re.escape(term) for term in SYMPTOM_TERMS) + r")\b", re.IGNORECASE
)

CONTENT_TYPE_LABELS = {
    "guidance": _("Guidance"),
    "toolkit": _("Toolkit"),
    "file": _("File"),
    "page": _("Page"),
    "workgroup": _("Work-group item"),
    "news": _("News"),
}
FACET_LABELS = {
    "content_type": _("Content type"),
    "language": _("Language"),
    "care_setting": _("Care setting"),
    "audience": _("Audience"),
}
# The language checkbox that lifts the default "current language only" filter.
ALL_LANGUAGES = "any"
MAX_VALUES_PER_FACET = 20
PUBLIC_MAX_AGE = 300
# Completions are offered from this many typed characters on.
SUGGEST_MIN_CHARS = 2
SUGGEST_LIMIT = 8

# The main sections offered with the search tips and when nothing is found:
# (label, app label, model) of the page that heads each section.
SECTIONS = (
    (_("Sepsis guidance"), "public_awareness", "awarenessindexpage"),
    (_("Toolkits"), "toolkits", "toolkitindexpage"),
    (_("Sepsis trends"), "trends", "trendpage"),
    (_("Work groups"), "workgroups", "workgroupindexpage"),
)


def is_symptom_query(query) -> bool:
    return bool(_SYMPTOM_PATTERN.search(clean_query(query)))


def requested_filters(params):
    """{facet: [values]} from the query string: known facets, a few short values each."""
    filters = {}
    for name in FACET_NAMES:
        values = []
        for value in params.getlist(name):
            value = value.strip()[:100]
            if value and value not in values:
                values.append(value)
        if values:
            filters[name] = values[:MAX_VALUES_PER_FACET]
    return filters


def section_links():
    """Links to the main sections, in the current language where a translation exists."""
    language = translation.get_language() or settings.LANGUAGE_CODE
    links = []
    pages = Page.objects.live().public()
    for label, app_label, model in SECTIONS:
        of_type = pages.filter(content_type__app_label=app_label, content_type__model=model)
        page = of_type.filter(locale__language_code=language).first() or of_type.first()
        if page is not None and page.url:
            links.append({"label": label, "url": page.url})
    return links


def value_label(name, value, labels=None):
    if name == "content_type":
        return CONTENT_TYPE_LABELS.get(value, value)
    if name == "language":
        return dict(settings.LANGUAGES).get(value, value)
    named = (labels or {}).get(name, {}).get(value)
    if named:
        return named
    # A value no app names (a term since deleted): its slug as readable words, short ones as
    # the acronyms they are.
    words = value.replace("_", "-").split("-")
    words = [
        word.upper() if len(word) <= 3 and word.isalpha() and i == 0 else word
        for i, word in enumerate(words)
    ]
    return " ".join(words)[:1].upper() + " ".join(words)[1:]


def facet_groups(facet_counts, chosen, *, language_default=None, all_languages=False):
    groups = []
    labels = facet_labels() if any(facet_counts.get(name) for name in FACETS) else {}
    for name in FACET_NAMES:
        selected = set(chosen.get(name, ()))
        if name == "language" and language_default and not selected:
            selected = {language_default}
        options = [
            {
                "value": value,
                "label": value_label(name, value, labels),
                "count": count,
                "selected": value in selected,
            }
            for value, count in facet_counts.get(name, ())
        ]
        if name == "language" and options:
            options.append(
                {
                    "value": ALL_LANGUAGES,
                    "label": _("All languages"),
                    "count": None,
                    "selected": all_languages,
                }
            )
        if options:
            groups.append({"name": name, "label": FACET_LABELS[name], "options": options})
    return groups


@ratelimit(key="ip", rate=rate_limits.search_rate, method=ALL, block=True)
def search(request):
    params = request.GET
    query = params.get("q", "")[: MAX_QUERY_CHARS * 4]
    page = params.get("page", "1")[:12]
    chosen = requested_filters(params)
    tokens = access_tokens(request.user)
    engine = get_engine()

    languages = chosen.get("language", [])
    all_languages = ALL_LANGUAGES in languages
    if all_languages:
        languages = []
    engine_filters = {name: values for name, values in chosen.items() if name != "language"}
    if languages:
        engine_filters["language"] = languages

    current_language = getattr(request, "LANGUAGE_CODE", settings.LANGUAGE_CODE)
    if languages or all_languages:
        results = engine.search(query, tokens=tokens, filters=engine_filters, page=page)
        language_default, other_languages_note = None, False
    else:
        found = search_in_query_language(
            engine,
            query,
            tokens=tokens,
            filters=engine_filters,
            current=current_language,
            page=page,
        )
        results, language_default = found.results, found.language
        other_languages_note = found.widened

    if results.query and not results.failed and page_number(page) == 1:
        queries.record(results.query, results.total)

    # The query string that keeps the search and its filters (for pagination links).
    kept = [("q", results.query)] if results.query else []
    for name, values in chosen.items():
        kept += [(name, value) for value in values]
    context = {
        "query": query,
        "results": results,
        "hits": [
            {
                "hit": hit,
                "content_type_label": CONTENT_TYPE_LABELS.get(hit.content_type, ""),
                "language_label": value_label("language", hit.language),
            }
            for hit in results.results
        ],
        "facets": facet_groups(
            results.facet_counts,
            chosen,
            language_default=language_default,
            all_languages=all_languages,
        ),
        "filters_chosen": bool(chosen),
        "query_without_page": urlencode(kept),
        "clear_filters_query": urlencode(kept[:1]) if results.query else "",
        # "Did you mean": the respelled query with the same filters.
        "suggestion_query": (
            urlencode([("q", results.suggestion), *kept[1:]]) if results.suggestion else ""
        ),
        "symptom_query": is_symptom_query(query),
        "promotions": promotions_for(results.query, request) if results.query else [],
        "language_default": (
            in_running_text(value_label("language", language_default)) if language_default else ""
        ),
        "typed_in_other_language": bool(language_default) and language_default != current_language,
        "current_language": in_running_text(value_label("language", current_language)),
        "other_languages_note": other_languages_note,
        "sections": section_links() if results.tips or not results.total else [],
    }
    return cache_by_access(request, render(request, "search/search.html", context))


@ratelimit(key="ip", rate=rate_limits.suggest_rate, method=ALL, block=True)
def suggest(request):
    """Titles completing what the searcher typed, as JSON for the search boxes' suggestions
    (a progressive enhancement: both forms work without it). Only what the searcher may see."""
    typed = request.GET.get("q", "")[:MAX_QUERY_CHARS]
    suggestions = []
    if len(clean_query(typed)) >= SUGGEST_MIN_CHARS:
        suggestions = get_engine().suggest(
            typed, tokens=access_tokens(request.user), limit=SUGGEST_LIMIT
        )
    return cache_by_access(request, JsonResponse({"suggestions": suggestions}))


def cache_by_access(request, response):
    """What a signed-in user finds depends on their access: never store it anywhere; what
    anyone finds may be cached a little while."""
    if request.user.is_authenticated:
        mark_private(response)
    else:
        patch_cache_control(response, public=True, max_age=PUBLIC_MAX_AGE)
    # The same URL answers differently once signed in.
    patch_vary_headers(response, ("Cookie",))
    return response
