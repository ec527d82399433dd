"""Which language a search shows by default: the language the query is written in.

Results are kept to one language unless the searcher chooses otherwise (a facet, or "all
languages"): the site's, unless the query is written in another, so that "fiebre" typed on
the English site shows the Spanish guidance. With nothing in that language, every language.
"""

from dataclasses import dataclass

from .engines.base import SearchPage


@dataclass
class LanguageSearch:
    results: SearchPage
    # The language the results were kept to, or None when they are in every language.
    language: str | None
    # True when nothing was found in the default language, so every language is shown.
    widened: bool


def query_language(engine, query, tokens, filters, current, found):
    """The language a query is written in, as the documents tell: the site's language if its
    documents hold the query's own words, otherwise the language whose documents hold them
    most often (synonyms aside: "infección en la sangre" also finds English pages through
    "sepsis", but its own words are Spanish). `found` is the search in the site's language,
    whose language counts serve when no synonym widened it."""
    if found.also_searched:
        found = engine.search(query, tokens=tokens, filters=filters, per_page=1, synonyms=False)
    counts = dict(found.facet_counts.get("language", ()))
    if counts.get(current) or not any(counts.values()):
        return current
    return max(sorted(counts), key=counts.get)


def search_in_query_language(engine, query, *, tokens, filters, current, page):
    """One page of results in the query's language (see the module), `filters` holding no
    language: the searcher chose none."""

    def in_language(code):
        return engine.search(
            query, tokens=tokens, filters={**filters, "language": [code]}, page=page
        )

    results, language = in_language(current), current
    if not (results.tips or results.failed):
        typed_in = query_language(engine, query, tokens, filters, current, results)
        if typed_in != current:
            results, language = in_language(typed_in), typed_in
    if results.total or results.tips or results.failed:
        return LanguageSearch(results, language, widened=False)
    everywhere = engine.search(query, tokens=tokens, filters=filters, page=page)
    return LanguageSearch(everywhere, None, widened=bool(everywhere.total))
