"""Promoted results, the search-box suggestions and the query report: what each role sees,
and that queries are counted with no user identifiers."""

import csv
import io

import pytest
from django.contrib.auth.models import Group, Permission
from wagtail.contrib.search_promotions.models import Query, QueryDailyHits, SearchPromotion

from public_awareness.models import SymptomGuidePage
from search.models import ZeroResultHits
from tests.conftest import activate_totp, force_login_with_mfa
from tests.factories import UserFactory
from workgroups import membership
from workgroups.models import Membership, WorkGroup

pytestmark = [pytest.mark.usefixtures("demo_index"), pytest.mark.postgresql]

REPORT = "/admin/reports/search-queries/"


@pytest.fixture
def group():
    return WorkGroup.objects.order_by("pk").first()


@pytest.fixture
def member(group):
    user = UserFactory()
    membership.add_member(group, user, Membership.Role.MEMBER)
    return user


def hits(query_string):
    return sum(
        QueryDailyHits.objects.filter(query__query_string=query_string).values_list(
            "hits", flat=True
        )
    )


def zero_hits(query_string):
    return sum(
        ZeroResultHits.objects.filter(query__query_string=query_string).values_list(
            "hits", flat=True
        )
    )


# Promoted results


def promoted(response):
    return response.context["promotions"]


def test_the_demo_promotes_the_symptom_guide_in_the_visitors_language(client):
    english = SymptomGuidePage.objects.get(locale__language_code="en-us")
    spanish = SymptomGuidePage.objects.get(locale__language_code="es")
    response = client.get("/search/", {"q": "Signs of sepsis"})
    assert [p["url"] for p in promoted(response)] == [english.url]
    content = response.content.decode()
    assert content.index("search-promotions") < content.index("search-results")
    response = client.get("/es/search/", {"q": "signs of sepsis"})
    assert [p["url"] for p in promoted(response)] == [spanish.url]
    assert promoted(client.get("/search/", {"q": "lactate"})) == []


def test_a_promoted_private_page_is_shown_only_to_those_who_may_open_it(client, group, member):
    query = Query.get("triage")
    SearchPromotion.objects.create(
        query=query, page=group.space, description="Our space", sort_order=0
    )
    SearchPromotion.objects.create(
        query=query,
        external_link_url="https://www.cdc.gov/sepsis/",
        external_link_text="CDC sepsis pages",
        sort_order=1,
    )
    outsider = UserFactory()
    for user in (None, outsider):
        if user:
            client.force_login(user)
        response = client.get("/search/", {"q": "triage"})
        assert [p["title"] for p in promoted(response)] == ["CDC sepsis pages"]
        assert group.space.url not in response.content.decode()
    client.force_login(member)
    titles = [p["title"] for p in promoted(client.get("/search/", {"q": "triage"}))]
    assert titles == [group.space.title, "CDC sepsis pages"]
    group.space.unpublish()
    titles = [p["title"] for p in promoted(client.get("/search/", {"q": "triage"}))]
    assert titles == ["CDC sepsis pages"]


# Suggestions as you type


def test_suggestions_are_what_the_searcher_may_see(client, group, member):
    response = client.get("/search/suggest/", {"q": "Sep"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    suggestions = response.json()["suggestions"]
    assert "Sepsis: know the signs" in suggestions
    assert "public" in response["Cache-Control"] and "Cookie" in response["Vary"]

    private_title = "Triage screening: first draft review"
    assert (
        private_title not in client.get("/search/suggest/", {"q": "Triage"}).json()["suggestions"]
    )
    client.force_login(UserFactory())
    assert (
        private_title not in client.get("/search/suggest/", {"q": "Triage"}).json()["suggestions"]
    )
    client.force_login(member)
    response = client.get("/search/suggest/", {"q": "Triage"})
    assert private_title in response.json()["suggestions"]
    assert response["Cache-Control"] == "private, no-store"


@pytest.mark.parametrize("typed", ["", "s", "*", "  ", "NEAR(", "\x00", "é" * 5000])
def test_suggestions_for_junk_are_empty_or_harmless(client, typed):
    response = client.get("/search/suggest/", {"q": typed})
    assert response.status_code == 200
    assert isinstance(response.json()["suggestions"], list)
    if len(typed.strip()) < 2:
        assert response.json()["suggestions"] == []


def test_search_boxes_offer_suggestions_only_as_an_enhancement(client):
    content = client.get("/search/").content.decode()
    assert 'data-suggest-url="/search/suggest/"' in content
    assert 'action="/search/"' in content  # the form itself needs no script


# Counting queries


def test_searches_are_counted_once_per_search_with_zero_results_apart(client, member):
    client.get("/search/", {"q": "Lactate"})
    client.get("/search/", {"q": "lactate", "page": "2"})  # paging is the same search
    client.get("/search/", {"q": "lactate", "content_type": "file"})
    client.force_login(member)
    client.get("/search/", {"q": "LACTATE!"})
    assert hits("lactate") == 3
    assert zero_hits("lactate") == 0
    client.get("/search/", {"q": "qwzxv"})
    client.get("/search/", {"q": "qwzxv"})
    assert hits("qwzxv") == 2 and zero_hits("qwzxv") == 2
    client.get("/search/", {"q": ""})
    client.get("/search/", {"q": "***"})
    assert not Query.objects.filter(query_string="").exists()


def test_no_user_identifier_is_stored_with_a_query():
    for model in (Query, QueryDailyHits, ZeroResultHits):
        names = {field.name for field in model._meta.get_fields()}
        assert not names & {"user", "session", "ip", "ip_address", "user_agent", "session_key"}


# The query report


@pytest.fixture
def report_user(db):
    user = UserFactory()
    readers = Group.objects.create(name="Search report readers")
    readers.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"),
        Permission.objects.get(content_type__app_label="search", codename="view_zeroresulthits"),
    )
    user.groups.add(readers)
    activate_totp(user)
    return user


def report_rows(client, params=""):
    response = client.get(f"{REPORT}?export=csv{params}")
    assert response.status_code == 200
    body = b"".join(response.streaming_content).decode()
    return list(csv.reader(io.StringIO(body)))


def test_report_lists_frequent_and_zero_result_queries(client, report_user):
    for query in ("lactate", "lactate", "time zero", "qwzxv"):
        client.get("/search/", {"q": query})
    force_login_with_mfa(client, report_user)
    rows = report_rows(client)
    assert rows[0] == ["Query", "Searches", "Searches that found nothing", "Last searched"]
    assert [row[:3] for row in rows[1:]] == [
        ["lactate", "2", "0"],
        ["qwzxv", "1", "1"],
        ["time zero", "1", "0"],
    ]
    assert [row[:3] for row in report_rows(client, "&zero_results=true")[1:]] == [
        ["qwzxv", "1", "1"]
    ]
    page = client.get(REPORT)
    assert page.status_code == 200 and "qwzxv" in page.content.decode()
    assert REPORT in client.get("/admin/").content.decode()


def test_report_is_refused_without_its_permission(client, editor_with_mfa, user):
    assert "login" in client.get(REPORT)["Location"]
    client.force_login(user)
    assert client.get(REPORT).status_code == 403
    force_login_with_mfa(client, editor_with_mfa)
    response = client.get(REPORT + "?export=csv")
    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert REPORT not in client.get("/admin/").content.decode()


def test_old_counts_are_pruned_and_promoted_queries_kept(settings, client):
    import datetime

    from django.core.management import call_command
    from django.utils import timezone

    settings.WAGTAILSEARCH_HITS_MAX_AGE = 30
    client.get("/search/", {"q": "qwzxv"})
    client.get("/search/", {"q": "lactate"})
    long_ago = timezone.localdate() - datetime.timedelta(days=31)
    QueryDailyHits.objects.filter(query__query_string="qwzxv").update(date=long_ago)
    ZeroResultHits.objects.filter(query__query_string="qwzxv").update(date=long_ago)
    promoted = Query.objects.filter(editors_picks__isnull=False).distinct().count()
    assert promoted
    call_command("prune_search_queries", stdout=io.StringIO())
    assert not Query.objects.filter(query_string="qwzxv").exists()
    assert not ZeroResultHits.objects.filter(query__query_string="qwzxv").exists()
    assert hits("lactate") == 1
    assert Query.objects.filter(editors_picks__isnull=False).distinct().count() == promoted
