""" "Did you mean …?" never offers a word of content the searcher may not see.

The scenario is built with the project's own indexing: a public page and a work group's
private draft are saved, and the indexing tasks their commit queues store them as search
documents (public, and `workgroup:<id>`). The spelling vocabulary holds the words of both; a
correction is offered only word by word, each corrected word found in what the searcher may
see, with the same access and filters.
"""

import pytest

from portal.models import StandardPage
from search.contract import MEMBERS, PUBLIC, access_tokens, workgroup_token
from search.engines.base import MAX_TERMS, clean_query
from search.engines.database import DatabaseEngine
from search.models import IndexedDocument, SpellingWord
from tests.factories import UserFactory
from workgroups import membership
from workgroups.models import DraftToolPage, Membership, WorkGroup

pytestmark = [pytest.mark.usefixtures("demo_index"), pytest.mark.postgresql]

URL = "/search/"
PUBLIC_WORD = "antibiotics"
PRIVATE_WORD = "quinupristin"  # written only in the work group's draft
TYPED = "antibiotcs quinupristn"  # both misspelled


@pytest.fixture
def work_group():
    return WorkGroup.objects.filter(space__isnull=False).order_by("pk").first()


@pytest.fixture
def member(work_group):
    user = UserFactory()
    membership.add_member(work_group, user, Membership.Role.MEMBER)
    return user


@pytest.fixture
def scenario(home_page, work_group, member, django_capture_on_commit_callbacks):
    """A public page about antibiotics and the group's unpublished draft naming a private word,
    indexed by the tasks their commit runs."""
    with django_capture_on_commit_callbacks(execute=True):
        page = StandardPage(
            title="Antibiotics within the first hour",
            slug="antibiotics-within-the-first-hour",
            introduction="Give antibiotics within one hour of recognizing sepsis.",
            body=[("paragraph", "<p>Broad-spectrum antibiotics save lives; vancomycin too.</p>")],
        )
        home_page.add_child(instance=page)
        page.save_revision().publish()
        draft = DraftToolPage(
            title="Streptogramin dosing card",
            slug="streptogramin-dosing-card",
            summary=f"When to give {PRIVATE_WORD} and vancomycinum.",
            body=[("paragraph", f"<p>Dose {PRIVATE_WORD} by weight; vancomycinum too.</p>")],
            owner=member,
            live=False,
        )
        work_group.space.add_child(instance=draft)
        draft.save_revision(user=member)
    # The premise: each word is indexed only with the access its content has.
    stored = IndexedDocument.objects.filter(body__icontains=PRIVATE_WORD)
    assert {row.access for row in stored} == {workgroup_token(work_group.pk)}
    assert IndexedDocument.objects.filter(
        access=PUBLIC, key=f"portal.standardpage:{page.pk}", body__icontains=PUBLIC_WORD
    ).exists()
    assert SpellingWord.objects.filter(word__in=[PUBLIC_WORD, PRIVATE_WORD]).count() == 2
    return page, draft


def search_page(client, query, **params):
    response = client.get(URL, {"q": query, **params})
    assert response.status_code == 200
    return response, response.context["results"]


def test_anonymous_is_not_offered_the_private_word(client, scenario):
    response, results = search_page(client, TYPED)
    assert results.total == 0
    assert PRIVATE_WORD not in results.suggestion
    assert PRIVATE_WORD not in response.content.decode().lower()
    # The public word is still corrected; the other is left as typed (it reveals nothing).
    assert results.suggestion == f"{PUBLIC_WORD} quinupristn"
    assert search_page(client, results.suggestion)[1].total > 0
    # Whatever the filters and languages.
    for params in ({"language": "any"}, {"content_type": "workgroup"}, {"language": "en-us"}):
        response, results = search_page(client, TYPED, **params)
        assert PRIVATE_WORD not in response.content.decode().lower(), params


@pytest.mark.parametrize("query", ["quinupristn", "quinupristin", "quinupristn quinuprstin"])
def test_anonymous_alone_with_the_private_word_gets_no_offer(client, scenario, query):
    response, results = search_page(client, query, language="any")
    assert results.total == 0 and results.suggestion == ""
    assert PRIVATE_WORD not in response.content.decode().lower().replace(query, "")


def test_signed_in_non_members_are_not_offered_it(client, scenario, work_group):
    from portal.access import members_group

    staff = UserFactory()
    staff.groups.add(members_group())
    other_group = WorkGroup.objects.exclude(pk=work_group.pk).order_by("pk").first()
    other_member = UserFactory()
    membership.add_member(other_group, other_member, Membership.Role.CHAIR)
    for user in (staff, other_member):
        client.force_login(user)
        response, results = search_page(client, TYPED, language="any")
        assert results.suggestion == f"{PUBLIC_WORD} quinupristn"
        assert PRIVATE_WORD not in response.content.decode().lower()


def test_a_member_of_the_group_is_offered_it(client, scenario, member):
    client.force_login(member)
    response, results = search_page(client, TYPED)
    assert results.total == 0
    assert results.suggestion == f"{PUBLIC_WORD} {PRIVATE_WORD}"
    assert f'href="/search/?q={PUBLIC_WORD}+{PRIVATE_WORD}"' in response.content.decode()
    found = search_page(client, results.suggestion, language="any")[1]
    assert any(hit.content_type == "workgroup" for hit in found.results)
    assert search_page(client, "quinupristn")[1].suggestion == PRIVATE_WORD


def test_a_public_misspelling_alone_is_still_corrected(client, scenario):
    response, results = search_page(client, "antibiotcs")
    assert results.total == 0 and results.suggestion == PUBLIC_WORD
    assert f'href="/search/?q={PUBLIC_WORD}"' in response.content.decode()


def test_a_private_word_typed_exactly_is_answered_like_any_unknown_word(scenario, member):
    """ "vancomycinum" is written only in the draft, "vancomycin" on the public page: typed
    exactly, the private word gets the public correction, just as a word no document holds
    does ("vancomycinux", nearer the private word than the public one), so that the answer
    never tells that some private document holds what was typed or a word like it."""
    engine_search = DatabaseEngine().search
    for typed in ("vancomycinum", "vancomycinux"):
        page = engine_search(typed, tokens={PUBLIC})
        assert page.total == 0 and page.suggestion == "vancomycin", typed
    # The group's member finds it as typed.
    assert engine_search("vancomycinum", tokens=access_tokens(member)).total


def test_the_engine_checks_each_corrected_word_with_the_searchers_tokens(scenario, work_group):
    engine = DatabaseEngine()
    group = workgroup_token(work_group.pk)
    assert engine.search(TYPED, tokens={PUBLIC}).suggestion == f"{PUBLIC_WORD} quinupristn"
    assert engine.search(TYPED, tokens={PUBLIC, MEMBERS}).suggestion == (
        f"{PUBLIC_WORD} quinupristn"
    )
    assert engine.search(TYPED, tokens={PUBLIC, group}).suggestion == (
        f"{PUBLIC_WORD} {PRIVATE_WORD}"
    )
    # Filters are kept: the public has no work-group documents, so nothing is offered there.
    assert (
        engine.search(TYPED, tokens={PUBLIC}, filters={"content_type": "workgroup"}).suggestion
        == ""
    )
    in_group = engine.search(TYPED, tokens={PUBLIC, group}, filters={"content_type": "workgroup"})
    assert in_group.suggestion.endswith(f" {PRIVATE_WORD}")


def test_respelling_queries_are_bounded(scenario, django_assert_max_num_queries):
    """However many words are typed (at most MAX_TERMS), respelling costs one query per word
    for its candidates and two statements that check every word at once."""
    engine = DatabaseEngine()
    # MAX_TERMS different unknown words, each near "quinupristin" (hidden from the public).
    words = [f"quinupr{chr(97 + number)}stin" for number in range(MAX_TERMS)]
    typed = clean_query(" ".join(words))
    assert len(typed.split()) > MAX_TERMS // 2
    with django_assert_max_num_queries(len(typed.split()) + 2):
        suggestion = engine.respelling(typed, engine.permitted({PUBLIC}), {})
    assert suggestion == ""
    with django_assert_max_num_queries(len(typed.split()) + 2):
        suggestion = engine.respelling(typed, engine.permitted({PUBLIC}), {"language": ["en-us"]})
    assert suggestion == ""
    assert PRIVATE_WORD not in engine.search(typed, tokens={PUBLIC}).suggestion


class Executed:
    def __init__(self, body):
        self.body = body

    def execute(self):
        return self

    def to_dict(self):
        return self.body


def test_elasticsearch_offers_only_words_of_permitted_documents(monkeypatch):
    """The Elasticsearch engine (offline): its term suggester reads every document, and each
    proposed word is counted in the searcher's permitted documents before it is used."""
    from search.engines.elasticsearch import ElasticsearchEngine

    engine = ElasticsearchEngine(url="http://localhost:9200")
    suggested = {
        "suggest": {
            "spelling": [
                {
                    "text": "antibiotcs",
                    "offset": 0,
                    "length": 10,
                    "options": [{"text": PUBLIC_WORD}],
                },
                {
                    "text": "quinupristn",
                    "offset": 11,
                    "length": 11,
                    "options": [{"text": PRIVATE_WORD}],
                },
            ]
        }
    }
    asked = []

    def word_check(words, tokens):
        asked.append((list(words), set(tokens)))
        visible = {PUBLIC_WORD} | ({PRIVATE_WORD} if workgroup_token(1) in tokens else set())
        buckets = {word: {"doc_count": int(word in visible)} for word in words}
        return Executed({"aggregations": {"words": {"buckets": buckets}}})

    monkeypatch.setattr(engine, "build_spelling", lambda cleaned: Executed(suggested))
    monkeypatch.setattr(engine, "build_word_check", word_check)
    monkeypatch.setattr(engine, "_found", lambda cleaned, tokens, filters: True)
    assert engine.respell(TYPED, {PUBLIC}, {}) == f"{PUBLIC_WORD} quinupristn"
    assert asked[-1] == (sorted([*TYPED.split(), PUBLIC_WORD, PRIVATE_WORD]), {PUBLIC})
    both = engine.respell(TYPED, {PUBLIC, workgroup_token(1)}, {})
    assert both == f"{PUBLIC_WORD} {PRIVATE_WORD}"
