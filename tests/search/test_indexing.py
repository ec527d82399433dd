"""Storing, removing and rebuilding documents; the sync tasks; the search_index command."""

import io
from dataclasses import dataclass

import pytest
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command

from search import indexing, sync
from search.contract import MEMBERS, PUBLIC, SearchDocument
from search.engines.database import DatabaseEngine
from search.models import IndexedDocument, IndexedFacet

from .conftest import WG1, doc

pytestmark = [pytest.mark.django_db, pytest.mark.postgresql]


@pytest.fixture
def only(monkeypatch):
    """Search sees only the given providers (not the apps' own, which index the demo)."""
    from search import tasks

    def use(*providers):
        for module in (indexing, sync, tasks):
            monkeypatch.setattr(module, "providers", lambda: list(providers))
        sync.reset()

    yield use
    sync.reset()


def test_store_replaces_by_key_with_facets():
    indexing.store(doc("k:1", "Old title", body="alpha", facets={"audience": ("a", "b")}))
    indexing.store(doc("k:1", "New title", body="beta", facets={"audience": ("c",)}))
    row = IndexedDocument.objects.get(key="k:1")
    assert row.title == "New title"
    assert list(row.facets.values_list("value", flat=True)) == ["c"]
    engine = DatabaseEngine()
    assert engine.search("beta", tokens={PUBLIC}).total == 1
    assert engine.search("alpha", tokens={PUBLIC}).total == 0


def test_store_cleans_nul_and_remove():
    indexing.store(doc("k:2", "Nul\x00title", body="text\x00with nul"))
    assert "\x00" not in IndexedDocument.objects.get(key="k:2").body
    assert indexing.remove("k:2") is True
    assert indexing.remove("k:2") is False
    assert not IndexedFacet.objects.filter(document__key="k:2").exists()
    assert DatabaseEngine().search("text", tokens={PUBLIC}).total == 0


@dataclass
class FakeProvider:
    name: str
    docs: list
    models: tuple = ()
    fail: bool = False

    def documents(self):
        yield from self.docs
        if self.fail:
            raise RuntimeError("provider broke")

    def count(self):
        return len(self.docs)

    def document_for(self, instance):
        return None

    def key_for(self, instance):
        return f"fake:{instance.pk}"


def test_rebuild_stores_everything_removes_stale_and_reports(only):
    indexing.store(doc("stale:1", "Stale lactate"))
    provider = FakeProvider(
        "fake", [doc(f"fake:{n}", f"Lactate {n}", access=MEMBERS) for n in range(450)]
    )
    calls = []
    only(provider)
    counts = indexing.rebuild(progress=lambda *args: calls.append(args))
    assert counts["fake"] == 450
    assert counts["removed"] >= 1
    assert not IndexedDocument.objects.filter(key="stale:1").exists()
    assert IndexedDocument.objects.filter(key__startswith="fake:").count() == 450
    assert ("fake", 450, 450) in calls and ("fake", 200, 450) in calls
    assert DatabaseEngine().search("lactate", tokens={PUBLIC, MEMBERS}).total == 450


def test_a_failed_rebuild_leaves_the_old_index(only):
    indexing.store(doc("old:1", "Old lactate"))
    only(FakeProvider("fake", [doc("fake:1", "New lactate")], fail=True))
    with pytest.raises(RuntimeError):
        indexing.rebuild()
    assert list(IndexedDocument.objects.values_list("key", flat=True)) == ["old:1"]
    assert [h.key for h in DatabaseEngine().search("lactate", tokens={PUBLIC}).results] == ["old:1"]


def test_command_rebuild_and_status(only):
    indexing.store(doc("stale:1", "Stale"))
    provider = FakeProvider(
        "fake", [doc("fake:1", "One"), doc("fake:2", "Two", access=WG1, content_type="workgroup")]
    )
    out = io.StringIO()
    only(provider)
    call_command("search_index", "rebuild", stdout=out)
    text = out.getvalue()
    assert "fake [" in text and "2/2" in text
    assert "fake: 2" in text and "removed 1 no longer provided" in text

    out = io.StringIO()
    call_command("search_index", "status", stdout=out)
    text = out.getvalue()
    assert "page: 1" in text and "workgroup: 1" in text
    assert "public: 1" in text and "workgroup:1: 1" in text


def test_command_reports_a_failed_rebuild(only):
    only(FakeProvider("fake", [], fail=True))
    with pytest.raises(CommandError, match="left as it was"):
        call_command("search_index", "rebuild", stdout=io.StringIO())


class GroupProvider:
    """Indexes auth groups: a model the test can save and delete freely."""

    name = "groups"
    models = (Group,)

    def documents(self):
        return [self.document_for(group) for group in Group.objects.all()]

    def document_for(self, instance):
        if instance.name.startswith("hidden"):
            return None
        return SearchDocument(
            key=self.key_for(instance),
            title=instance.name,
            url=f"/groups/{instance.pk}/",
            content_type="page",
            access=PUBLIC,
        )

    def key_for(self, instance):
        return f"group:{instance.pk}"


@pytest.fixture
def group_provider(only):
    only(GroupProvider())


def test_saves_and_deletes_are_indexed_after_commit(
    group_provider, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        group = Group.objects.create(name="Zebrafish readers")
    assert IndexedDocument.objects.filter(key=f"group:{group.pk}").exists()

    with django_capture_on_commit_callbacks(execute=True):
        group.name = "hidden zebrafish"
        group.save()
    assert not IndexedDocument.objects.filter(key=f"group:{group.pk}").exists()

    with django_capture_on_commit_callbacks(execute=True):
        group.name = "Zebrafish again"
        group.save()
    key = f"group:{group.pk}"
    assert IndexedDocument.objects.get(key=key).title == "Zebrafish again"
    with django_capture_on_commit_callbacks(execute=True):
        group.delete()
    assert not IndexedDocument.objects.filter(key=key).exists()


def test_nothing_is_enqueued_before_commit(group_provider, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        Group.objects.create(name="Pending zebrafish")
    assert len(callbacks) == 1
    assert not IndexedDocument.objects.filter(title="Pending zebrafish").exists()


def test_repeated_saves_in_one_transaction_index_once(
    group_provider, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        group = Group.objects.create(name="Zebrafish draft")
        for name in ("Zebrafish revised", "Zebrafish final"):
            group.name = name
            group.save()
    assert len(callbacks) == 1
    assert IndexedDocument.objects.get(key=f"group:{group.pk}").title == "Zebrafish final"


def test_a_failing_task_is_logged_and_recorded(group_provider, monkeypatch, caplog):
    from search import tasks

    def broken(doc):
        raise RuntimeError("index down")

    monkeypatch.setattr(indexing, "store", broken)
    group = Group.objects.create(name="Zebrafish failing")
    result = tasks.update_document.enqueue("groups", "auth.Group", group.pk, f"group:{group.pk}")
    assert result.status == "FAILED"
    assert "search_index rebuild" in caplog.text


def test_rebuild_from_the_apps_providers_never_leaks_private_content():
    """Whatever the apps register: after a rebuild, each role sees only its own tokens."""
    indexing.rebuild()
    engine = DatabaseEngine()
    assert engine.search("sepsis", tokens={PUBLIC}).total  # the check below is not vacuous
    for tokens in ({PUBLIC}, {PUBLIC, MEMBERS}, {PUBLIC, WG1}):
        for query in ("sepsis", "lactate", "draft", "meeting", "toolkit"):
            page = engine.search(query, tokens=tokens, per_page=100)
            allowed = IndexedDocument.objects.filter(access__in=tokens)
            assert {h.key for h in page.results} <= set(allowed.values_list("key", flat=True))
            assert page.total <= allowed.count()
            assert sum(n for _v, n in page.facet_counts["content_type"]) == page.total
