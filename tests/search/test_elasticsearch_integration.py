"""The Elasticsearch engine against a live server (skipped without one): rebuilding behind the
alias without downtime, index_keys and remove_keys, synonyms in the search analyzer."""

import pytest

from search import indexing
from search.contract import PUBLIC
from search.models import IndexedDocument, Synonym

from .conftest import doc

pytestmark = pytest.mark.django_db


def keys(page):
    return {hit.key for hit in page.results}


def test_rebuild_moves_the_alias_and_drops_the_old_index(elasticsearch_engine, corpus):
    engine = elasticsearch_engine
    client = engine.client
    before = sorted(client.indices.get_alias(name=engine.alias))
    assert len(before) == 1
    assert keys(engine.search("lactate", tokens={PUBLIC})) == {"toolkit:1", "toolkit:2"}

    assert engine.rebuild_index() == IndexedDocument.objects.count()
    after = sorted(client.indices.get_alias(name=engine.alias))
    assert len(after) == 1 and after != before
    assert not client.indices.exists(index=before[0])
    assert keys(engine.search("lactate", tokens={PUBLIC})) == {"toolkit:1", "toolkit:2"}
    assert engine.indexed_count() == IndexedDocument.objects.count()


def test_searching_goes_on_while_a_new_index_is_filled(elasticsearch_engine, corpus):
    engine = elasticsearch_engine
    seen = []

    def progress(name, done, total):
        # The old index still answers while the new one is being filled.
        seen.append(keys(engine.search("lactate", tokens={PUBLIC})))

    engine.rebuild_index(progress=progress)
    assert seen and all(found == {"toolkit:1", "toolkit:2"} for found in seen)


def test_index_keys_and_remove_keys(elasticsearch_engine, corpus):
    engine = elasticsearch_engine
    indexing.store(doc("page:new", "Capillary refill", body="capillary refill time"))
    assert keys(engine.search("capillary", tokens={PUBLIC})) == {"page:new"}

    # A key whose row is gone is removed from the index.
    IndexedDocument.objects.filter(key="page:new").delete()
    engine.index_keys(["page:new"])
    engine.client.indices.refresh(index=engine.alias)
    assert engine.search("capillary", tokens={PUBLIC}).total == 0

    engine.remove_keys(["toolkit:1", "never:indexed"])
    engine.client.indices.refresh(index=engine.alias)
    assert keys(engine.search("lactate", tokens={PUBLIC})) == {"toolkit:2"}


def test_the_search_analyzer_carries_the_synonyms(elasticsearch_engine, corpus):
    engine = elasticsearch_engine
    Synonym.objects.all().delete()
    Synonym.objects.create(term="blood poisoning", alternatives="sepsis")
    engine.rebuild_index()
    analyzed = engine.client.indices.analyze(
        index=engine.alias, analyzer="portal_search", text="blood poisoning"
    )
    assert "sepsi" in {token["token"] for token in analyzed["tokens"]}
    assert keys(engine.search("blood poisoning", tokens={PUBLIC})) >= {"guide:1"}
