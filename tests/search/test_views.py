"""The search page at /search/: access, the 911 callout, tips, filters, languages, bad input."""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import Site

from documents.models import PortalDocument
from portal.access import members_group
from portal.models import ConsortiumSettings
from search import indexing
from search.models import IndexedDocument
from search.views import SYMPTOM_TERMS, is_symptom_query, value_label
from tests.factories import UserFactory
from workgroups import membership
from workgroups.models import Meeting, Membership, SharedFile, Thread, WorkGroup

pytestmark = [pytest.mark.usefixtures("demo_index"), pytest.mark.postgresql]

URL = "/search/"

# The members-only audit worksheet, a file of the demo's catalog.
AUDIT_WORKSHEET = "Emergency department sepsis audit worksheet (version 2.0)"


def key(model, title):
    """The search key of the demo's object with this title (ids differ between databases)."""
    return f"{model._meta.label_lower}:{model.objects.get(title=title).pk}"


@pytest.fixture
def groups():
    return list(WorkGroup.objects.order_by("pk"))


@pytest.fixture
def group_one_member(groups):
    user = UserFactory()
    membership.add_member(groups[0], user, Membership.Role.OBSERVER)
    return user


def get(client, **params):
    response = client.get(URL, params)
    assert response.status_code == 200
    return response


def every_key(client, **params):
    """The keys of every result on every page, and the first page's facet counts."""
    first = get(client, **params).context["results"]
    keys = []
    for number in range(1, first.num_pages + 1):
        keys += [hit.key for hit in get(client, page=number, **params).context["results"].results]
    assert len(keys) == first.total
    return keys, first.facet_counts


def keys_with_access(prefix):
    return set(
        IndexedDocument.objects.filter(access__startswith=prefix).values_list("key", flat=True)
    )


def test_anonymous_never_sees_members_or_work_group_results(client):
    private = keys_with_access("members") | keys_with_access("workgroup:")
    assert private
    for query in ("sepsis", "triage", "worksheet", "stop and watch", "consent"):
        keys, counts = every_key(client, q=query, language="any")
        assert not private & set(keys), query
        assert key(PortalDocument, AUDIT_WORKSHEET) not in keys
        assert "workgroup" not in dict(counts.get("content_type", []))
    response = get(client, q="triage screening", language="any")
    assert b"Triage screening: first draft review" not in response.content
    assert b"Triage sepsis screening tool" not in response.content


def test_members_see_members_files_but_no_work_group(client):
    staff = UserFactory()
    staff.groups.add(members_group())
    client.force_login(staff)
    keys, counts = every_key(client, q="worksheet", language="any")
    assert key(PortalDocument, AUDIT_WORKSHEET) in keys
    assert not keys_with_access("workgroup:") & set(keys)


def test_work_group_member_sees_own_group_only(client, groups, group_one_member):
    client.force_login(group_one_member)
    keys, counts = every_key(client, q="triage", language="any")
    assert key(Meeting, "Triage screening: first draft review") in keys
    assert key(SharedFile, "Triage screening tool: wording options") in keys

    # Words from every group's work: "triage" is group one's, the others the other groups'.
    # (Not "and" alone: PostgreSQL drops it as a stop word, SQLite matches it everywhere.)
    keys, counts = every_key(
        client, q="triage stop and watch kick off night shift consent", language="any"
    )
    group_keys = keys_with_access("workgroup:") & set(keys)
    assert key(Meeting, "Kick-off") not in keys
    assert key(Thread, "Night shift escalation") not in keys
    assert key(SharedFile, "Story consent form (draft)") not in keys
    # Only group one's items may be counted as work-group items (and some are found).
    assert group_keys
    assert group_keys <= keys_with_access(f"workgroup:{groups[0].pk}")
    assert dict(counts["content_type"]).get("workgroup", 0) == len(group_keys)

    # "triage" is in every group's work; only group one's is shown.
    response = get(client, q="triage sepsis", content_type="workgroup", language="any")
    shown = {hit.key for hit in response.context["results"].results}
    assert shown and keys_with_access("workgroup:") - keys_with_access(f"workgroup:{groups[0].pk}")
    assert shown <= keys_with_access(f"workgroup:{groups[0].pk}")
    response = get(client, q="stop and watch", content_type="workgroup", language="any")
    assert b"Stop and Watch for sepsis" not in response.content


@pytest.mark.parametrize(
    "query",
    [
        "blood poisoning",
        "Septicemia in babies",
        "sepis",
        "fever",
        "infección en la sangre",
        "sepse",
    ],
)
def test_symptom_queries_show_the_911_callout_above_results(client, query):
    content = get(client, q=query).content.decode()
    assert "search-emergency-callout" in content
    assert "If you think someone has sepsis, call" in content
    assert 'href="tel:911"' in content
    if "search-results" in content:
        assert content.index("search-emergency-callout") < content.index("search-results")


def test_callout_uses_the_consortium_emergency_number(client):
    site = Site.objects.get(is_default_site=True)
    consortium = ConsortiumSettings.for_site(site)
    consortium.emergency_number = "112"
    consortium.save()
    content = get(client, q="blood poisoning").content.decode()
    assert 'href="tel:112"' in content


def test_other_queries_show_no_callout(client):
    assert b"search-emergency-callout" not in get(client, q="lactate time zero").content
    assert not is_symptom_query("antibiotic time-out")
    assert all(is_symptom_query(f"what is {term}?") for term in SYMPTOM_TERMS)


def test_empty_query_shows_tips_and_sections(client):
    response = get(client, q="   ")
    content = response.content.decode()
    assert response.context["results"].tips
    assert "Search tips" in content
    for url in ('href="/sepsis/"', 'href="/toolkits/"', 'href="/sepsis-trends/"'):
        assert url in content
    assert 'href="/work-groups/"' in content


def test_no_results_names_the_query_and_offers_sections(client):
    content = get(client, q="zzqxv").content.decode()
    assert "No results for “zzqxv”" in content
    assert 'href="/toolkits/"' in content


def test_filters_narrow_and_show_counts(client):
    everything = get(client, q="sepsis", language="any").context["results"]
    counts = dict(everything.facet_counts["content_type"])
    assert counts["toolkit"] > 0 and counts["guidance"] > 0

    response = get(client, q="sepsis", language="any", content_type="toolkit")
    narrowed = response.context["results"]
    assert narrowed.total == counts["toolkit"] < everything.total
    assert {hit.content_type for hit in narrowed.results} == {"toolkit"}
    content = response.content.decode()
    assert 'value="toolkit" checked' in content
    assert f'Toolkit <span class="search-filters__count">({counts["toolkit"]}' in content
    assert "Guidance <span" in content  # other types stay offered, with their counts
    assert "Care setting" in content and "Audience" in content


def test_pagination_keeps_query_and_filters(client):
    response = get(client, q="sepsis", language="any", content_type="file")
    results = response.context["results"]
    assert results.num_pages > 1
    content = response.content.decode()
    assert "q=sepsis&amp;content_type=file&amp;language=any&amp;page=2" in content
    second = get(client, q="sepsis", language="any", content_type="file", page=2)
    assert second.context["results"].page == 2
    assert "page=1" in second.content.decode()


def test_current_language_is_the_default_filter(client):
    response = client.get("/es/search/", {"q": "sepsis"})
    assert response.status_code == 200
    results = response.context["results"]
    assert results.total and {hit.language for hit in results.results} == {"es"}
    assert response.context["language_default"]

    chosen = client.get("/es/search/", {"q": "sepsis", "language": "pt"}).context["results"]
    assert {hit.language for hit in chosen.results} == {"pt"}

    anywhere = client.get("/es/search/", {"q": "sepsis", "language": "any"}).context["results"]
    assert anywhere.total > results.total


def test_an_english_query_on_the_spanish_site_shows_english_results(client):
    response = client.get("/es/search/", {"q": "antibiotic"})
    assert response.status_code == 200
    assert response.context["typed_in_other_language"]
    assert "en inglés" in response.content.decode()
    assert response.context["results"].total > 0
    assert {hit.language for hit in response.context["results"].results} == {"en-us"}


def test_anonymous_responses_are_publicly_cacheable(client):
    response = get(client, q="sepsis")
    assert "public" in response["Cache-Control"]
    assert "max-age=300" in response["Cache-Control"]
    assert "Cookie" in response["Vary"]


def test_signed_in_responses_are_never_stored(client, group_one_member):
    client.force_login(group_one_member)
    response = get(client, q="sepsis")
    assert response["Cache-Control"] == "private, no-store"


def test_staff_see_work_group_items(client, groups):
    staff = UserFactory()
    staff.groups.add(Group.objects.get(name="Moderators"))
    client.force_login(staff)
    keys, _ = every_key(client, q="kick off", language="any")
    assert key(Meeting, "Kick-off") in keys


@pytest.mark.parametrize(
    "params",
    [
        {"q": '"'},
        {"q": "NEAR("},
        {"q": "*:*"},
        {"q": "sepsis 🦠🔥"},
        {"q": "🦠"},
        {"q": "a" * 500},
        {"q": "sepsis " * 100},
        {"q": "'; DROP TABLE search_indexeddocument; --"},
        {"q": "\x00\x1f control"},
        {"q": "sepsis", "page": "999"},
        {"q": "sepsis", "page": "-3"},
        {"q": "sepsis", "page": "abc"},
        {"q": "sepsis", "page": "9" * 40},
        {"q": "sepsis", "content_type": "nonsense", "language": "xx"},
        {"q": "sepsis", "care_setting": "x" * 500},
        {"unknown": "1"},
    ],
)
def test_junk_never_fails(client, params):
    response = get(client, **params)
    results = response.context["results"]
    assert 1 <= results.page <= results.num_pages


def test_out_of_range_page_gives_the_last_page(client):
    response = get(client, q="sepsis", language="any", page=999)
    results = response.context["results"]
    assert results.page == results.num_pages
    assert results.results


def test_snippets_and_titles_are_escaped(client):
    from search.contract import SearchDocument

    indexing.store(
        SearchDocument(
            key="test:xss",
            title="Lactate <script>alert(1)</script> title",
            url="/lactate-xss/",
            content_type="page",
            access="public",
            body="Lactate <img src=x onerror=alert(1)> in the body",
        )
    )
    content = get(client, q="lactate", language="any").content.decode()
    assert "<script>alert(1)</script>" not in content
    assert "<img src=x" not in content
    assert "&lt;img src=x onerror=alert(1)&gt;" in content
    assert "<mark>Lactate</mark>" in content


def test_main_sections_in_the_current_language(client):
    content = client.get("/es/search/").content.decode()
    assert 'href="/es/sepsis/"' in content
    assert 'href="/toolkits/"' in content


def test_lay_words_in_spanish_find_the_spanish_guide(client):
    from search.indexing import rebuild

    rebuild()
    response = client.get("/es/search/", {"q": "infección en la sangre"})
    assert response.status_code == 200
    titles = [hit.title for hit in response.context["results"].results]
    assert titles and all(hit.language == "es" for hit in response.context["results"].results)
    assert any("sepsis" in title.lower() for title in titles)
    assert "sepsis" in response.context["results"].also_searched  # the editors' synonym


@pytest.mark.parametrize(
    "query", ["blood poisoning", "septicemia", "sepsis in babies", "sepis", "sepsis", "Sepsis!"]
)
def test_lay_words_and_misspellings_find_the_symptom_guide_first(client, query):
    from public_awareness.models import SymptomGuidePage

    guide = SymptomGuidePage.objects.live().get(locale__language_code="en-us")
    response = get(client, q=query)
    first = response.context["results"].results[0]
    assert first.url == guide.url, [hit.title for hit in response.context["results"].results]
    assert b"search-emergency-callout" in response.content


@pytest.mark.parametrize(
    "language, query",
    [
        ("es", "sepsis"),
        ("es", "infección en la sangre"),
        ("pt", "sepse"),
        ("pt", "infecção generalizada"),
    ],
)
def test_symptom_guide_first_in_the_visitors_language(client, language, query):
    from public_awareness.models import SymptomGuidePage

    guide = SymptomGuidePage.objects.live().get(locale__language_code=language)
    results = client.get(f"/{language}/search/", {"q": query}).context["results"]
    assert results.results[0].url == guide.url, [hit.title for hit in results.results]


def test_no_results_offers_a_respelling_that_finds_something(client, groups, group_one_member):
    response = get(client, q="lactte")
    results = response.context["results"]
    assert results.total == 0 and results.suggestion == "lactate"
    assert b'href="/search/?q=lactate"' in response.content
    assert get(client, q=results.suggestion).context["results"].total > 0
    # Filters are kept in the offered link.
    response = get(client, q="lactte", content_type="file")
    assert b'href="/search/?q=lactate&amp;content_type=file"' in response.content
    # Nothing close to it at all: no offer.
    assert get(client, q="qwzxv").context["results"].suggestion == ""


def test_respelling_never_reveals_a_private_word(client, groups, group_one_member):
    """'prenotification' is written only in group one's work: only its members are offered it."""
    private = IndexedDocument.objects.filter(body__icontains="prenotification")
    assert private and {row.access for row in private} == {f"workgroup:{groups[0].pk}"}
    group_two_member = UserFactory()
    membership.add_member(groups[1], group_two_member, Membership.Role.MEMBER)
    members_staff = UserFactory()
    members_staff.groups.add(members_group())
    for user in (None, members_staff, group_two_member):
        if user:
            client.force_login(user)
        results = get(client, q="prenotificaton", language="any").context["results"]
        assert results.total == 0
        assert "prenotification" not in results.suggestion
    client.force_login(group_one_member)
    results = get(client, q="prenotificaton", language="any").context["results"]
    assert results.suggestion == "prenotification"


def test_facets_carry_the_names_editors_gave_the_terms(client):
    from toolkits.models import CareSetting

    setting = CareSetting.objects.get(slug="ems")
    setting.name = "Emergency medical services (EMS)"
    setting.save()
    response = get(client, q="sepsis", language="any")
    care_settings = {
        option["value"]: option["label"]
        for facet in response.context["facets"]
        if facet["name"] == "care_setting"
        for option in facet["options"]
    }
    assert care_settings["ems"] == "Emergency medical services (EMS)"
    assert set(care_settings.values()) <= set(CareSetting.objects.values_list("name", flat=True))
    assert "Emergency medical services (EMS)" in response.content.decode()
    # A value no term names any more still reads as words.
    assert value_label("care_setting", "long-term-care") == "Long term care"
    assert value_label("care_setting", "ems-transport") == "EMS transport"


def test_snippets_mark_the_searched_words_not_short_ones(client):
    results = get(client, q="signs of sepsis").context["results"]
    snippets = " ".join(hit.snippet for hit in results.results)
    assert "<mark>sepsis</mark>" in snippets.lower() or "<mark>signs</mark>" in snippets.lower()
    assert "<mark>of</mark>" not in snippets.lower()
    # A query of short words only still marks them.
    from search.engines.base import highlight_terms

    assert highlight_terms("ed", ()) == ["ed"]
    assert highlight_terms("signs of sepsis", ("blood poisoning",)) == [
        "signs",
        "sepsis",
        "blood",
        "poisoning",
    ]


@pytest.mark.parametrize(
    "prefix, query, language",
    [
        ("", "infección de la sangre", "es"),
        ("", "infeccion de la sangre", "es"),  # typed without accents
        ("", "fiebre", "es"),
        ("", "sepse", "pt"),
        ("", "infecção no sangue", "pt"),
        ("/es", "infecção do sangue", "pt"),
        ("/pt", "infección en la sangre", "es"),
    ],
)
def test_a_query_in_another_language_finds_that_languages_guide_first(
    client, prefix, query, language
):
    from public_awareness.models import SymptomGuidePage

    guide = SymptomGuidePage.objects.live().get(locale__language_code=language)
    response = client.get(f"{prefix}{URL}", {"q": query})
    results = response.context["results"]
    assert results.results[0].url == guide.url, [hit.title for hit in results.results]
    assert {hit.language for hit in results.results} == {language}
    # The page says why, and the language facet shows the choice it made.
    assert response.context["typed_in_other_language"]
    facet = next(g for g in response.context["facets"] if g["name"] == "language")
    assert [o["value"] for o in facet["options"] if o["selected"]] == [language]


def test_a_query_in_the_sites_language_stays_in_it(client):
    # "sepsis" is written the same in English and Spanish: the site's language wins.
    for prefix, language in (("", "en-us"), ("/es", "es")):
        response = client.get(f"{prefix}{URL}", {"q": "sepsis"})
        assert {hit.language for hit in response.context["results"].results} == {language}
        assert not response.context["typed_in_other_language"]


@pytest.mark.parametrize(
    "query", ["sepsis", "infección de la sangre", "lactate fluids", "blood poisoning", "sepse"]
)
def test_every_facet_count_is_what_choosing_it_shows(client, query):
    facets = get(client, q=query).context["facets"]
    # The form as the page shows it: the language it chose is ticked.
    ticked = {
        group["name"]: [option["value"] for option in group["options"] if option["selected"]]
        for group in facets
    }
    checked = 0
    for group in facets:
        for option in group["options"]:
            if option["count"] is None:  # "All languages"
                continue
            # Ticking a value of another facet keeps the language; choosing a language is
            # choosing it instead of the one ticked.
            chosen = get(client, q=query, **{**ticked, group["name"]: option["value"]})
            assert chosen.context["results"].total == option["count"], (group["name"], option)
            checked += 1
    assert checked >= 3
