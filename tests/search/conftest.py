"""Fixtures of the search tests: an index holding only the documents a test stores."""

import datetime
import os
import uuid

import pytest

from search import indexing
from search.contract import MEMBERS, PUBLIC, SearchDocument, workgroup_token
from search.engines.database import DatabaseEngine


@pytest.fixture(autouse=True)
def empty_index(db):
    """The demo's documents (if any app indexed them) would be counted by these tests: start
    from an empty index (the test's transaction brings them back)."""
    indexing.clear()


@pytest.fixture
def demo_index(demo_site, empty_index):
    """The demo consortium's documents, indexed: for the tests of searching the demo itself."""
    indexing.rebuild()


_reachable = {}


def elasticsearch_url_or_skip():
    """The test server's URL, or skip: these tests need a live Elasticsearch."""
    url = os.environ.get("ELASTICSEARCH_URL", "")
    if not url:
        pytest.skip("ELASTICSEARCH_URL not set: the Elasticsearch engine needs a server to test")
    if url not in _reachable:
        from elasticsearch import Elasticsearch

        try:
            _reachable[url] = Elasticsearch(url, request_timeout=3).ping()
        except Exception:
            _reachable[url] = False
    if not _reachable[url]:
        pytest.skip(f"Elasticsearch not reachable at ELASTICSEARCH_URL={url}")
    return url


@pytest.fixture
def elasticsearch_engine(settings, monkeypatch):
    """The Elasticsearch engine on indices of its own, fed as each document is stored.

    Under pytest-django's transaction commit callbacks never run, so the engine is told about
    each change at once (the rows are visible to this connection) and the index refreshed.
    """
    settings.ELASTICSEARCH_URL = elasticsearch_url_or_skip()
    settings.ELASTICSEARCH_INDEX = f"test-portal-search-{uuid.uuid4().hex[:12]}"
    from search.engines.elasticsearch import ElasticsearchEngine

    engine = ElasticsearchEngine()

    def tell_now(method_name, *args):
        getattr(engine, method_name)(*args)
        if engine.client.indices.exists_alias(name=engine.alias):
            engine.client.indices.refresh(index=engine.alias)

    monkeypatch.setattr(indexing, "_tell_engine", tell_now)
    engine.rebuild_index()  # whatever was stored before this fixture
    yield engine
    engine.delete_indices()


@pytest.fixture(params=["database", "elasticsearch"])
def engine(request):
    """Each engine in turn (Elasticsearch is skipped when no server answers)."""
    if request.param == "elasticsearch":
        return request.getfixturevalue("elasticsearch_engine")
    return DatabaseEngine()


def doc(key, title, access=PUBLIC, body="", content_type="page", **kwargs):
    return SearchDocument(
        key=key,
        title=title,
        url=f"/{key.replace(':', '-')}/",
        content_type=content_type,
        access=access,
        body=body,
        **kwargs,
    )


WG1 = workgroup_token(1)
WG2 = workgroup_token(2)


@pytest.fixture
def corpus():
    """Lactate documents at every access level, with facets; and a symptom guide."""
    when = datetime.datetime(2026, 1, 15, tzinfo=datetime.UTC)
    docs = [
        doc(
            "guide:1",
            "Sepsis symptom guide",
            body="Sepsis is the body's extreme response to an infection. Call 911.",
            content_type="guidance",
            boost=3.0,
            facets={"audience": ("public",)},
            published_at=when,
        ),
        doc(
            "toolkit:1",
            "Lactate measurement toolkit",
            body="Measure lactate within one hour of time zero.",
            content_type="toolkit",
            facets={"care_setting": ("hospital", "ems"), "audience": ("clinicians",)},
        ),
        doc(
            "toolkit:2",
            "Herramienta de lactato",
            body="Lactate en español: medir el lactato.",
            content_type="toolkit",
            language="es",
            facets={"care_setting": ("hospital",)},
        ),
        doc(
            "file:1",
            "Lactate order set (members)",
            access=MEMBERS,
            body="Members-only lactate order set with secret members detail.",
            content_type="file",
            facets={"care_setting": ("long-term-care",), "audience": ("quality-leads",)},
        ),
        doc(
            "wg1:draft",
            "Group one lactate draft",
            access=WG1,
            body="Private lactate draft of work group one.",
            content_type="workgroup",
            facets={"care_setting": ("home-care",)},
        ),
        doc(
            "wg2:draft",
            "Group two lactate draft",
            access=WG2,
            body="Private lactate draft of work group two.",
            content_type="workgroup",
            facets={"care_setting": ("payer",)},
        ),
    ]
    for item in docs:
        indexing.store(item)
    return docs
