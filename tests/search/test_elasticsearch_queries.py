"""The Elasticsearch engine's requests and index definition, checked offline on the DSL's
dictionaries (no server needed): permissions in the query, facets, highlighting, boosts,
synonyms in the analyzer, and failures that leave the site working."""

import json
import logging

import pytest
from django.utils.safestring import SafeString
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from portal import page_cache
from search import indexing
from search.contract import MEMBERS, PUBLIC
from search.engines import get_engine
from search.engines.base import FACET_NAMES, clean_query
from search.engines.elasticsearch import (
    MARK_END,
    MARK_START,
    SEARCH_ANALYZER,
    TEXT_ANALYZER,
    ElasticsearchEngine,
    SearchDocumentIndex,
    build_index,
    get_client,
    snippet_from,
    synonym_rules,
)
from search.models import IndexedDocument, Synonym

from .conftest import WG1, WG2, doc

# Nothing listens here: a connection is refused at once, without any server.
CLOSED_URL = "http://127.0.0.1:9"

ROLES = [
    set(),
    {PUBLIC},
    {PUBLIC, MEMBERS},
    {PUBLIC, MEMBERS, WG1},
    {PUBLIC, WG2},
    {PUBLIC, MEMBERS, WG1, WG2},
]


@pytest.fixture
def engine():
    return ElasticsearchEngine(url=CLOSED_URL, prefix="test-portal-search")


def request_of(engine, cleaned, tokens, filters=None, operator="and", alternatives=()):
    return engine.build_search(cleaned, tokens, filters, operator, alternatives)._s.to_dict()


def access_filters(body):
    """The access filters of the query's filter context."""
    return [f for f in body["query"]["bool"]["filter"] if "access" in f.get("terms", {})]


def scoring(body):
    return body["query"]["bool"]["must"][0]["function_score"]


def text_queries(body):
    query = scoring(body)["query"]
    if "bool" in query:
        return [clause["combined_fields"] for clause in query["bool"]["should"]]
    return [query["combined_fields"]]


@pytest.mark.parametrize("tokens", ROLES, ids=lambda t: "+".join(sorted(t)) or "none")
def test_access_filter_is_in_the_query_for_every_role(engine, tokens):
    body = request_of(engine, "lactate", tokens, {"care_setting": ["hospital"]})
    assert access_filters(body) == [{"terms": {"access": sorted(tokens)}}]
    # Not a post_filter only: aggregations (facet counts) see permitted documents alone.
    assert "access" not in json.dumps(body.get("post_filter", {}))
    assert "access" not in json.dumps(body["aggs"])
    assert body["track_total_hits"] is True


def test_facet_filters_post_filter_and_aggregations(engine):
    body = request_of(
        engine,
        "lactate",
        {PUBLIC},
        {"care_setting": ["hospital", "ems"], "language": "es", "owner": ["x"]},
    )
    post = body["post_filter"]["bool"]["must"]
    # Values of one facet are alternatives (one terms filter); facets combine (must).
    assert {"terms": {"care_setting": ["hospital", "ems"]}} in post
    assert {"terms": {"language": ["es"]}} in post
    assert len(post) == 2  # the unknown facet is ignored
    assert set(body["aggs"]) == {f"_filter_{name}" for name in FACET_NAMES}
    for name in FACET_NAMES:
        agg = body["aggs"][f"_filter_{name}"]
        assert agg["aggs"][name]["terms"]["field"] == name
        assert agg["aggs"][name]["terms"]["size"] >= 50
    # A facet's counts leave out its own filter but apply the other facets'.
    care = json.dumps(body["aggs"]["_filter_care_setting"]["filter"])
    assert "language" in care and "care_setting" not in care
    language = json.dumps(body["aggs"]["_filter_language"]["filter"])
    assert "care_setting" in language and '"language"' not in language
    assert body["aggs"]["_filter_content_type"]["filter"]["bool"]["must"] == post


def test_no_filters_no_post_filter(engine):
    body = request_of(engine, "lactate", {PUBLIC})
    assert "post_filter" not in body
    assert body["aggs"]["_filter_audience"]["filter"] == {"match_all": {}}


def test_relevance_weights_titles_and_multiplies_by_boost(engine):
    body = request_of(engine, "lactate hour", {PUBLIC})
    function_score = scoring(body)
    assert function_score["boost_mode"] == "multiply"
    assert function_score["functions"] == [{"field_value_factor": {"field": "boost", "missing": 1}}]
    assert text_queries(body) == [
        {"query": "lactate hour", "fields": ["title^3", "body"], "operator": "and"}
    ]
    assert body["sort"] == ["_score", "key"]
    assert body["_source"] == {"excludes": ["body", "spelling"]}


def test_fallback_operator_and_synonym_alternatives(engine):
    body = request_of(
        engine, "blood poisoning", {PUBLIC}, operator="or", alternatives=("sepsis", "septic shock")
    )
    assert [(q["query"], q["operator"]) for q in text_queries(body)] == [
        ("blood poisoning", "or"),
        # An alternative is a phrase of its own: all its words, whatever the fallback.
        ("sepsis", "and"),
        ("septic shock", "and"),
    ]
    assert scoring(body)["query"]["bool"]["minimum_should_match"] == 1


def test_highlight_uses_private_markers_and_marks_synonyms(engine):
    body = request_of(engine, "blood poisoning", {PUBLIC}, alternatives=("sepsis",))
    highlight = body["highlight"]
    assert highlight["pre_tags"] == [MARK_START] and highlight["post_tags"] == [MARK_END]
    assert set(highlight["fields"]) == {"body", "title"}
    assert highlight["number_of_fragments"] == 1
    marked = [c["multi_match"]["query"] for c in highlight["highlight_query"]["bool"]["should"]]
    assert marked == ["blood poisoning", "sepsis"]


def test_snippets_escape_everything_but_our_marks():
    snippet = snippet_from(f"a <script>x</script> {MARK_START}lactate{MARK_END} &  <mark>co")
    assert isinstance(snippet, SafeString)
    assert snippet == ("a &lt;script&gt;x&lt;/script&gt; <mark>lactate</mark> &amp; &lt;mark&gt;co")


@pytest.mark.parametrize("tokens", ROLES, ids=lambda t: "+".join(sorted(t)) or "none")
def test_suggestions_and_spelling_checks_are_permission_filtered(engine, tokens):
    suggest = engine.build_suggest("lact", tokens, 8).to_dict()
    assert suggest["query"]["bool"]["filter"] == [{"terms": {"access": sorted(tokens)}}]
    assert suggest["query"]["bool"]["must"] == [
        {"match": {"title.autocomplete": {"query": "lact", "operator": "and"}}}
    ]
    assert suggest["size"] == 16
    check = engine.build_word_check(["draft", "lactate"], tokens).to_dict()
    assert check["query"]["bool"]["filter"] == [{"terms": {"access": sorted(tokens)}}]
    assert set(check["aggs"]["words"]["filters"]["filters"]) == {"draft", "lactate"}
    spelling = engine.build_spelling("lactte").to_dict()
    assert spelling["suggest"]["spelling"]["term"]["field"] == "spelling"


def test_index_definition():
    definition = build_index("test-portal-search-1", ["sepsis => sepsis, septicemia"]).to_dict()
    properties = definition["mappings"]["properties"]
    assert properties["key"] == {"type": "keyword"}
    for name in ("content_type", "access", "language", "care_setting", "audience"):
        assert properties[name]["type"] == "keyword"
    assert properties["url"]["index"] is False
    assert properties["body"]["index_options"] == "offsets"
    assert properties["title"]["search_analyzer"] == SEARCH_ANALYZER
    assert properties["title"]["fields"]["autocomplete"]["analyzer"] == "portal_autocomplete"
    assert properties["published_at"]["type"] == "date"
    assert properties["boost"]["type"] == "float"
    analysis = definition["settings"]["analysis"]
    search = analysis["analyzer"][SEARCH_ANALYZER]
    # Synonyms before stemming: rules match the words as typed.
    assert search["filter"] == [
        "lowercase",
        "asciifolding",
        "portal_synonyms",
        "portal_english_stemmer",
    ]
    assert analysis["filter"]["portal_synonyms"] == {
        "type": "synonym_graph",
        "synonyms": ["sepsis => sepsis, septicemia"],
        "lenient": True,
    }
    assert "synonym" not in json.dumps(analysis["analyzer"]["portal_text"])
    # No synonyms: no empty filter (Elasticsearch refuses one).
    empty = build_index("test-portal-search-2", []).to_dict()["settings"]["analysis"]
    assert "portal_synonyms" not in empty.get("filter", {})


@pytest.mark.django_db
def test_synonym_rules_come_from_the_editors_and_are_cleaned():
    Synonym.objects.all().delete()
    Synonym.objects.create(term="Blood  Poisoning", alternatives="sepsis, Septic Shock")
    Synonym.objects.create(term='a => b, "c', alternatives='x\\, "y" => z, #w, , ')
    Synonym.objects.create(term="***", alternatives="sepsis")  # nothing left of the term
    Synonym.objects.create(term="sepsis", alternatives="sepsis")  # nothing to add
    assert synonym_rules() == [
        "a b c => a b c, x, y z, w",
        "blood poisoning => blood poisoning, sepsis, septic shock",
    ]
    rules = build_index("x-1", synonym_rules()).to_dict()["settings"]["analysis"]["filter"]
    for rule in rules["portal_synonyms"]["synonyms"]:
        left, right = rule.split(" => ")
        assert all(clean_query(part) == part for part in [left, *right.split(", ")])


@pytest.mark.django_db
def test_documents_from_rows():
    indexing.store(
        doc(
            "toolkit:9",
            f"Lactate {MARK_START}toolkit",
            body=f"x{MARK_END} " * 20_000,
            content_type="toolkit",
            facets={"care_setting": ("hospital", "ems"), "audience": ("clinicians",)},
            boost=2.0,
        )
    )
    row = IndexedDocument.objects.prefetch_related("facets").get(key="toolkit:9")
    source = SearchDocumentIndex.from_row(row).to_dict()
    assert source["key"] == "toolkit:9" and source["title"] == "Lactate toolkit"
    assert MARK_END not in source["body"] and len(source["snippet_source"]) == 20_000
    assert sorted(source["care_setting"]) == ["ems", "hospital"]
    assert source["audience"] == ["clinicians"]
    assert (source["access"], source["boost"], source["url"]) == (PUBLIC, 2.0, "/toolkit-9/")


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    query=st.text(max_size=300),
    tokens=st.sets(
        st.one_of(
            st.sampled_from([PUBLIC, MEMBERS]),
            st.integers(min_value=1).map(lambda n: f"workgroup:{n}"),
        ),
        max_size=5,
    ),
    filters=st.dictionaries(
        st.sampled_from([*FACET_NAMES, "owner"]),
        st.one_of(st.text(max_size=20), st.lists(st.text(max_size=20), max_size=4)),
        max_size=5,
    ),
    operator=st.sampled_from(["and", "or"]),
)
def test_any_query_builds_with_exactly_the_given_tokens(query, tokens, filters, operator):
    engine = ElasticsearchEngine(url=CLOSED_URL, prefix="test-portal-search")
    cleaned = clean_query(query)
    body = request_of(engine, cleaned, tokens, filters, operator)
    json.dumps(body)  # what the client sends
    assert access_filters(body) == [{"terms": {"access": sorted(tokens)}}]
    assert text_queries(body)[0]["query"] == cleaned
    for tokens_in in (
        engine.build_suggest(cleaned or "x", tokens, 8).to_dict(),
        engine.build_word_check([cleaned or "x"], tokens).to_dict(),
    ):
        assert tokens_in["query"]["bool"]["filter"] == [{"terms": {"access": sorted(tokens)}}]


@pytest.mark.django_db
def test_an_unreachable_server_leaves_the_site_working(engine, caplog):
    caplog.set_level(logging.ERROR)
    page = engine.search("lactate", tokens={PUBLIC}, per_page=500)
    assert page.failed and page.query == "lactate" and page.per_page == 100
    assert page.results == [] and page.total == 0
    assert engine.suggest("lact", tokens={PUBLIC}) == []
    assert "Elasticsearch search failed" in caplog.text
    assert "Elasticsearch suggestions failed" in caplog.text
    # Nothing to search for needs no server.
    assert engine.search(" ** ", tokens={PUBLIC}).tips
    assert engine.suggest("", tokens={PUBLIC}) == []


def test_one_client_per_url_and_engines_do_not_connect(settings):
    settings.ELASTICSEARCH_URL = CLOSED_URL
    settings.ELASTICSEARCH_INDEX = "Portal-Staging"
    first, second = get_engine(), get_engine()
    assert isinstance(first, ElasticsearchEngine) and first.external_index
    assert first.alias == "portal-staging"
    assert first.client is second.client is get_client(CLOSED_URL)
    assert first._own_index("portal-staging-20260115093000-0123abcd")
    assert not first._own_index("portal-staging-other-20260115093000-0123abcd")
    assert not first._own_index("portal-staging")


@pytest.mark.django_db
def search_callbacks(callbacks):
    """Leave out the page cache's purge (a snippet changed)."""
    return [c for c in callbacks if getattr(c, "__wrapped__", c) is not page_cache.clear]


def test_synonym_changes_rebuild_only_an_external_index(
    settings, django_capture_on_commit_callbacks
):
    Synonym.objects.all().delete()  # the demo's own
    settings.ELASTICSEARCH_URL = ""
    with django_capture_on_commit_callbacks() as callbacks:
        Synonym.objects.create(term="sepis", alternatives="sepsis")
    assert search_callbacks(callbacks) == []

    settings.ELASTICSEARCH_URL = CLOSED_URL
    with django_capture_on_commit_callbacks() as callbacks:
        synonym = Synonym.objects.create(term="septicaemia", alternatives="sepsis")
        synonym.alternatives = "sepsis, septicemia"
        synonym.save()
        Synonym.objects.filter(term="sepis").get().delete()
    assert len(search_callbacks(callbacks)) == 1  # one rebuild per transaction


@pytest.mark.django_db
def test_rebuild_task_does_nothing_without_an_external_engine(settings):
    from search.tasks import rebuild_external_index

    settings.ELASTICSEARCH_URL = ""
    assert rebuild_external_index.call() == 0


@pytest.mark.django_db
@pytest.mark.bare
def test_the_search_pages_answer_while_elasticsearch_is_unreachable(client, settings, caplog):
    """What a visitor gets while the cluster is down: a plain message, no suggestions, never a
    server error."""
    caplog.set_level(logging.ERROR)
    settings.ELASTICSEARCH_URL = CLOSED_URL
    response = client.get("/search/", {"q": "lactate"})
    assert response.status_code == 200
    assert "Search is not working right now." in response.content.decode()
    suggestions = client.get("/search/suggest/", {"q": "lact"})
    assert suggestions.status_code == 200
    assert "lactate" not in suggestions.content.decode().lower()
    assert "Elasticsearch search failed" in caplog.text


def test_without_synonyms_the_words_are_matched_as_indexed(engine):
    # How the search page tells a query's language: its own words, not the synonyms'.
    body = engine.build_search(
        "infección de la sangre", {PUBLIC}, {"content_type": ["guidance"]}, synonyms=False
    )._s.to_dict()
    assert access_filters(body) == [{"terms": {"access": [PUBLIC]}}]
    assert body["query"]["bool"]["must"] == [
        {
            "multi_match": {
                "query": "infección de la sangre",
                "fields": ["title^3", "body"],
                "type": "cross_fields",
                "operator": "and",
                "analyzer": TEXT_ANALYZER,
            }
        }
    ]
    # The analyzer named is the one the index analyzes documents with (no synonym filter).
    analysis = build_index("any", synonym_rules([])).to_dict()["settings"]["analysis"]
    assert "synonym" not in json.dumps(analysis["analyzer"][TEXT_ANALYZER])
    assert analysis["analyzer"][TEXT_ANALYZER]["filter"][:2] == ["lowercase", "asciifolding"]
