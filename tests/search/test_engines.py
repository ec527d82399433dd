"""Every engine's behavior (the `engine` fixture runs each test on the database engine and, when
a server answers, on Elasticsearch): permission-safe results and counts, facets, synonyms,
spelling suggestions, bad input."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from search import indexing
from search.contract import MEMBERS, PUBLIC
from search.engines import get_engine
from search.engines.base import clean_query, highlight
from search.engines.database import DatabaseEngine
from search.models import Synonym

from .conftest import WG1, WG2, doc

pytestmark = [pytest.mark.django_db, pytest.mark.postgresql]

ALL_TOKENS = {PUBLIC, MEMBERS, WG1, WG2}


def keys(page):
    return {hit.key for hit in page.results}


def facet(page, name):
    return dict(page.facet_counts[name])


def test_public_sees_only_public_documents_counts_and_facets(engine, corpus):
    page = engine.search("lactate", tokens={PUBLIC})
    assert keys(page) == {"toolkit:1", "toolkit:2"}
    assert page.total == 2
    assert facet(page, "content_type") == {"toolkit": 2}
    assert facet(page, "care_setting") == {"hospital": 2, "ems": 1}
    assert facet(page, "language") == {"en-us": 1, "es": 1}
    assert "secret" not in str(page) and "Group" not in str(page)


@pytest.mark.parametrize(
    ("tokens", "expected"),
    [
        ({PUBLIC}, {"toolkit:1", "toolkit:2"}),
        ({PUBLIC, MEMBERS}, {"toolkit:1", "toolkit:2", "file:1"}),
        ({PUBLIC, MEMBERS, WG1}, {"toolkit:1", "toolkit:2", "file:1", "wg1:draft"}),
        ({PUBLIC, WG2}, {"toolkit:1", "toolkit:2", "wg2:draft"}),
        (ALL_TOKENS, {"toolkit:1", "toolkit:2", "file:1", "wg1:draft", "wg2:draft"}),
        (set(), set()),
    ],
)
def test_each_token_sees_exactly_its_documents(engine, corpus, tokens, expected):
    page = engine.search("lactate", tokens=tokens)
    assert keys(page) == expected
    assert page.total == len(expected)
    assert sum(facet(page, "content_type").values()) == len(expected)


def test_work_group_documents_never_counted_for_others(engine, corpus):
    page = engine.search("lactate", tokens={PUBLIC, MEMBERS, WG1})
    assert "payer" not in facet(page, "care_setting")  # only work group two's draft has it
    assert facet(page, "care_setting")["home-care"] == 1
    assert facet(page, "content_type") == {"toolkit": 2, "file": 1, "workgroup": 1}


def test_facet_filters_and_counts(engine, corpus):
    page = engine.search("lactate", tokens=ALL_TOKENS, filters={"care_setting": ["hospital"]})
    assert keys(page) == {"toolkit:1", "toolkit:2"}
    # A facet's own filter does not narrow its counts; the other facets' filters do.
    assert facet(page, "care_setting")["payer"] == 1
    assert facet(page, "content_type") == {"toolkit": 2}

    page = engine.search(
        "lactate",
        tokens=ALL_TOKENS,
        filters={"content_type": ["toolkit", "file"], "language": "en-us"},
    )
    assert keys(page) == {"toolkit:1", "file:1"}
    assert facet(page, "audience") == {"clinicians": 1, "quality-leads": 1}

    page = engine.search("lactate", tokens={PUBLIC}, filters={"care_setting": ["long-term-care"]})
    assert page.total == 0 and page.results == []
    assert "file" not in facet(page, "content_type")

    # Unknown facets are ignored; unknown values match nothing.
    assert engine.search("lactate", tokens={PUBLIC}, filters={"owner": ["x"]}).total == 2
    assert engine.search("lactate", tokens={PUBLIC}, filters={"content_type": "zzz"}).total == 0


def test_synonyms_widen_the_query(engine, corpus):
    Synonym.objects.all().delete()  # the demo's own
    Synonym.objects.create(term="Blood  Poisoning", alternatives="sepsis, septic shock")
    Synonym.objects.create(term="sepis", alternatives="sepsis")
    page = engine.search("blood poisoning", tokens={PUBLIC})
    assert [hit.key for hit in page.results][:1] == ["guide:1"]
    assert "sepsis" in page.also_searched
    assert engine.search("Sepis", tokens={PUBLIC}).results[0].key == "guide:1"
    assert engine.search("sepsis", tokens={PUBLIC}).also_searched == ()


def test_synonyms_match_with_or_without_accents(engine, corpus):
    from search.synonyms import expand_synonyms

    Synonym.objects.all().delete()
    Synonym.objects.create(term="infección de la sangre", alternatives="sepsis")
    Synonym.objects.create(term="infeccao no sangue", alternatives="sepse")
    assert expand_synonyms("infeccion de la sangre") == ("sepsis",)
    assert expand_synonyms("una INFECCIÓN DE LA SANGRE grave") == ("sepsis",)
    assert expand_synonyms("infecção no sangue") == ("sepse",)
    assert expand_synonyms("infección de la piel") == ()


def test_demo_synonyms_are_loaded_once():
    from search.wagtail_hooks import DEMO_SYNONYMS, load_demo_synonyms

    load_demo_synonyms(log=lambda *a: None)
    load_demo_synonyms(log=lambda *a: None)
    assert Synonym.objects.filter(term__in=DEMO_SYNONYMS).count() == len(DEMO_SYNONYMS)
    assert Synonym.objects.get(term="septicemia").alternative_list() == ["sepsis"]


def test_all_words_first_then_any_word(engine, corpus):
    assert keys(engine.search("lactate hour", tokens={PUBLIC})) == {"toolkit:1"}
    # No document has both words: any of them will do rather than nothing.
    assert "guide:1" in keys(engine.search("sepsis zzzunknownword", tokens={PUBLIC}))


def test_boost_puts_symptom_guidance_first(engine):
    indexing.store(doc("page:1", "Sepsis news", body="sepsis sepsis sepsis sepsis"))
    indexing.store(doc("guide:9", "Sepsis", body="sepsis", content_type="guidance", boost=10))
    assert engine.search("sepsis", tokens={PUBLIC}).results[0].key == "guide:9"


def test_snippets_highlight_and_escape(engine):
    indexing.store(
        doc("page:x", "Script <b>test</b>", body="Before <script>alert(1)</script> lactate & co")
    )
    hit = engine.search("lactate", tokens={PUBLIC}).results[0]
    assert "<mark>lactate</mark>" in hit.snippet
    assert "<script>" not in hit.snippet
    assert "&lt;script&gt;" in hit.snippet and "&amp; co" in hit.snippet
    assert hit.title == "Script <b>test</b>"  # escaped by the template, like any text


def test_highlight_window_and_no_terms():
    text = "word " * 200 + "lactate found here"
    snippet = highlight(text, ["lactate"])
    assert snippet.startswith("… ") and "<mark>lactate</mark>" in snippet
    assert highlight("<i>", []) == "&lt;i&gt;"


def test_paging_out_of_range_and_garbage(engine):
    for n in range(25):
        indexing.store(doc(f"page:{n}", f"Lactate page {n}", body="lactate"))
    first = engine.search("lactate", tokens={PUBLIC}, per_page=10)
    assert (first.total, first.num_pages, first.page, len(first.results)) == (25, 3, 1, 10)
    last = engine.search("lactate", tokens={PUBLIC}, page=99, per_page=10)
    assert (last.page, len(last.results)) == (3, 5)
    for junk in ("abc", "", None, "-4", "1e9", "２"):
        assert engine.search("lactate", tokens={PUBLIC}, page=junk).page in (1, 2)
    everything = set()
    for number in (1, 2, 3):
        everything |= keys(engine.search("lactate", tokens={PUBLIC}, page=number))
    assert len(everything) == 25


def test_empty_queries_ask_for_tips(engine, corpus):
    for query in ("", "   ", "***", "\x00\x01", "😀", None, "(*:)", '""'):
        page = engine.search(query, tokens=ALL_TOKENS)
        assert page.tips and page.results == [] and page.total == 0


@pytest.mark.parametrize(
    "query",
    [
        '"lactate',
        "lactate)",
        "NEAR(lactate time, 3)",
        "lactate*",
        "title:lactate",
        "lactate OR 1=1; DROP TABLE search_indexeddocument; --",
        "lactate AND NOT members",
        "lactate \x00\x1b[31m",
        "lactate 🤒🩸",
        "lactate'--",
        "lactate & | ! <-> :*",
        "x" * 5000 + " lactate",
    ],
)
def test_operators_and_junk_never_raise_or_leak(engine, corpus, query):
    page = engine.search(query, tokens={PUBLIC})
    assert not page.failed
    assert keys(page) <= {"toolkit:1", "toolkit:2", "guide:1"}


def test_clean_query():
    assert clean_query('NEAR("lactate" time*, 3) title:x') == "NEAR lactate time 3 title x"
    assert clean_query("a" * 300) == "a" * 200
    assert len(clean_query("word " * 100)) <= 200
    assert clean_query("café 😀 naïve") == "café naïve"


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(query=st.text(max_size=300), page=st.one_of(st.none(), st.integers(), st.text(max_size=5)))
def test_arbitrary_text_never_raises_or_leaks(engine, corpus, query, page):
    result = engine.search(query, tokens={PUBLIC}, page=page)
    assert not result.failed
    assert keys(result) <= {"toolkit:1", "toolkit:2", "guide:1"}
    assert result.total <= 3
    assert set(dict(result.facet_counts.get("content_type", []))) <= {"toolkit", "guidance"}
    engine.suggest(query, tokens={PUBLIC})


def test_suggestions_are_permission_filtered(engine, corpus):
    assert set(engine.suggest("Lact", tokens={PUBLIC})) == {
        "Lactate measurement toolkit",
        "Herramienta de lactato",
    }
    assert "Lactate order set (members)" in engine.suggest("Lact", tokens={PUBLIC, MEMBERS})
    assert engine.suggest("Group", tokens={PUBLIC}) == []
    assert engine.suggest("Group", tokens={PUBLIC, WG1}) == ["Group one lactate draft"]


def test_did_you_mean_proposes_only_what_the_searcher_may_find(engine, corpus):
    page = engine.search("lactte", tokens={PUBLIC})
    assert page.total == 0
    assert "lactate" in page.suggestion
    assert engine.search("lactate", tokens={PUBLIC}).suggestion == ""
    # "draft" occurs only in the work groups' drafts, "secret" only in the members' file.
    public = engine.search("drafft", tokens={PUBLIC})
    assert public.total == 0 and "draft" not in public.suggestion
    assert "draft" in engine.search("drafft", tokens={PUBLIC, WG1}).suggestion
    assert "secret" not in engine.search("secrett", tokens={PUBLIC}).suggestion
    assert "secret" in engine.search("secrett", tokens={PUBLIC, MEMBERS}).suggestion


def test_get_engine_falls_back_to_the_database(settings, caplog):
    assert isinstance(get_engine(), DatabaseEngine)
    settings.ELASTICSEARCH_URL = "http://localhost:9200"
    engine = get_engine()
    if engine.name == "database":
        assert "no Elasticsearch engine" in caplog.text
