"""The database engine's totals and facet counts equal a plain recount of the permitted
documents, for any combination of filters (each facet counted with the others' filters)."""

import itertools

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from search import indexing
from search.contract import MEMBERS, PUBLIC
from search.engines.base import FACET_NAMES
from search.engines.database import DatabaseEngine
from tests.search.conftest import WG1, doc

pytestmark = pytest.mark.postgresql

CONTENT_TYPES = ("guidance", "toolkit", "file", "page", "workgroup")
LANGUAGES = ("en-us", "es", "pt")
SETTINGS = ("ems", "icu", "long-term-care")
AUDIENCES = ("nurses", "physicians")
ACCESS = (PUBLIC, PUBLIC, MEMBERS, WG1)


def documents():
    """48 documents mentioning lactate, spread over every facet and access level."""
    found = []
    combos = itertools.product(CONTENT_TYPES, LANGUAGES, range(4))
    for number, (content_type, language, i) in enumerate(itertools.islice(combos, 48)):
        found.append(
            doc(
                f"doc:{number}",
                f"Lactate note {number}",
                access=ACCESS[number % 4],
                body="Lactate within one hour." + (" Fluids too." if i % 2 else ""),
                content_type=content_type,
                language=language,
                facets={
                    "care_setting": SETTINGS[: 1 + number % 3],
                    "audience": AUDIENCES[number % 2 :],
                },
            )
        )
    return found


@pytest.fixture
def corpus_of_48():
    docs = documents()
    for item in docs:
        indexing.store(item)
    return docs


def recount(docs, tokens, filters, query_words, any_word=False):
    def value_of(item, name):
        if name in ("content_type", "language"):
            return {getattr(item, name)}
        return set(item.facets.get(name, ()))

    def passes(item, skip=None):
        return all(
            name == skip or value_of(item, name) & set(values) for name, values in filters.items()
        )

    matching = [
        item
        for item in docs
        if item.access in tokens
        and (any if any_word else all)(
            word in (item.title + " " + item.body).lower() for word in query_words
        )
    ]
    counts = {}
    for name in FACET_NAMES:
        tally = {}
        for item in matching:
            if passes(item, skip=name):
                for value in value_of(item, name):
                    tally[value] = tally.get(value, 0) + 1
        counts[name] = sorted(tally.items(), key=lambda kv: (-kv[1], kv[0]))
    return sum(passes(item) for item in matching), counts


filters_strategy = st.fixed_dictionaries(
    {},
    optional={
        "content_type": st.lists(st.sampled_from(CONTENT_TYPES), min_size=1, max_size=2),
        "language": st.lists(st.sampled_from(LANGUAGES), min_size=1, max_size=2),
        "care_setting": st.lists(st.sampled_from(SETTINGS), min_size=1, max_size=2),
        "audience": st.lists(st.sampled_from(AUDIENCES), min_size=1, max_size=1),
    },
)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    filters=filters_strategy,
    tokens=st.sampled_from([{PUBLIC}, {PUBLIC, MEMBERS}, {PUBLIC, WG1}]),
    query=st.sampled_from(["lactate", "lactate fluids"]),
)
def test_totals_and_counts_equal_a_recount(corpus_of_48, filters, tokens, query):
    page = DatabaseEngine().search(query, tokens=tokens, filters=filters, per_page=100)
    total, counts = recount(corpus_of_48, tokens, filters, query.split())
    unfiltered, _ = recount(corpus_of_48, tokens, {}, query.split())
    if unfiltered == 0 and len(query.split()) > 1:
        # With nothing the searcher may see holding every word, any word will do; whether
        # anything does is asked without the filters, so that counts match choices.
        total, counts = recount(corpus_of_48, tokens, filters, query.split(), any_word=True)
    assert page.total == total
    assert page.facet_counts == counts
    assert len(page.results) == total
