"""The catalog at scale: a thousand toolkits with five thousand files.

One catalog is built for the whole module (build_catalog of scripts/catalog_scale.py, a
few seconds) in
a transaction that is rolled back when the module is done; each test runs inside it, in its
own savepoint. What is checked: the catalog renders in the same number of queries whatever
the filters, sort and page; the counts it shows for each filter value and the result count
are those that the ORM gives when asked directly; the pages that were built in bulk are
sound Wagtail pages that serve their files list.
"""

from collections import defaultdict

import pytest
from bs4 import BeautifulSoup
from django.db import connection, transaction
from django.db.models import Q
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, PageViewRestriction

from scripts.catalog_scale import build_catalog
from toolkits.models import (
    Audience,
    CareSetting,
    Population,
    ToolkitIndexPage,
    ToolkitPage,
    ToolkitResource,
    Topic,
)

# Not bare: built on the bare database, in a transaction never committed, the catalog's count
# queries took minutes on PostgreSQL; beside the committed demo they take seconds.
pytestmark = [pytest.mark.django_db, pytest.mark.postgresql]

TOOLKITS, FILES_PER_TOOLKIT = 1000, 5
# facet name in the query string: (term model, the ToolkitPage field)
FACETS = {
    "care_setting": (CareSetting, "care_settings"),
    "audience": (Audience, "audiences"),
    "population": (Population, "populations"),
    "topic": (Topic, "topics"),
}


@pytest.fixture(scope="module")
def big_catalog(django_db_setup, django_db_blocker):
    """(catalog, what build_catalog returned), for every test of this module."""
    from portal.demo import loader

    with django_db_blocker.unblock(), transaction.atomic():
        site = loader.load_all(log=lambda *args: None)
        home = site.root_page.specific
        catalog = ToolkitIndexPage.objects.child_of(home).first()
        if catalog is None:  # the demo content has no catalog of its own
            catalog = ToolkitIndexPage(title="Toolkits", slug="toolkits", introduction="All.")
            home.add_child(instance=catalog)
            catalog.save_revision().publish()
        built = build_catalog(catalog, TOOLKITS, FILES_PER_TOOLKIT, seed=7)
        yield catalog, built
        transaction.set_rollback(True)


@pytest.fixture
def catalog(big_catalog):
    return big_catalog[0]


def slugs(model):
    return list(model.objects.order_by("sort_order", "name").values_list("slug", flat=True))


@pytest.fixture
def terms(big_catalog):
    return {name: slugs(model) for name, (model, _field) in FACETS.items()}


def query_string(chosen, **extra):
    pairs = [(name, value) for name, values in chosen.items() for value in values]
    pairs += list(extra.items())
    return "&".join(f"{name}={value}" for name, value in pairs)


def get(client, catalog, query=""):
    response = client.get(f"{catalog.url}?{query}")
    assert response.status_code == 200, query
    return BeautifulSoup(response.content, "html.parser")


def shown_counts(soup):
    """{facet: {value: count}} as the filter form shows them."""
    counts = defaultdict(dict)
    for box in soup.select(".portal-catalog__filters input[type=checkbox]"):
        label = soup.find("label", attrs={"for": box["id"]})
        number = label.select_one(".portal-catalog__count").get_text(" ", strip=True)
        counts[box["name"]][box["value"]] = int(number.strip("()").split()[0])
    return dict(counts)


def result_count(soup):
    return int(soup.find(id="results-heading").get_text().split()[0].replace(",", ""))


# ---------------------------------------------------------------------------------------------
# The same counts, asked of the ORM directly: one query per toolkit set, relations joined.


def toolkits_in(catalog):
    return ToolkitPage.objects.filter(
        live=True, depth=catalog.depth + 1, path__startswith=catalog.path
    )


def matching(catalog, chosen, *, skip=None):
    """Toolkits that pass every chosen facet but ``skip``: any value within a facet."""
    queryset = toolkits_in(catalog)
    for name, values in chosen.items():
        if name == skip:
            continue
        if name == "language":
            queryset = queryset.filter(resources__document__language__in=values)
        else:
            queryset = queryset.filter(**{f"{FACETS[name][1]}__slug__in": values})
    return queryset.distinct()


def expected_counts(catalog, chosen, languages):
    counts = {}
    for name, (model, field) in FACETS.items():
        others = matching(catalog, chosen, skip=name)
        values = {slug: others.filter(**{f"{field}__slug": slug}).count() for slug in slugs(model)}
        counts[name] = {s: n for s, n in values.items() if n or s in chosen.get(name, ())}
    others = matching(catalog, chosen, skip="language")
    values = {code: others.filter(resources__document__language=code).count() for code in languages}
    counts["language"] = {c: n for c, n in values.items() if n or c in chosen.get("language", ())}
    return {name: values for name, values in counts.items() if values}


# ---------------------------------------------------------------------------------------------


def test_the_catalog_is_built_as_sound_live_pages(catalog, big_catalog):
    _catalog, built = big_catalog
    assert len(built.page_ids) == TOOLKITS
    assert built.documents == built.resources == TOOLKITS * FILES_PER_TOOLKIT
    ours = ToolkitPage.objects.filter(pk__in=built.page_ids)
    assert ours.live().public().child_of(catalog).count() == TOOLKITS
    assert ToolkitResource.objects.filter(page__in=ours).count() == TOOLKITS * FILES_PER_TOOLKIT
    # treebeard's own check of paths, depths and child counts.
    assert all(not problems for problems in Page.find_problems())
    for facet, (_model, field) in FACETS.items():
        assert not ours.filter(**{f"{field}__isnull": True}).exists(), facet
    languages = set(
        ToolkitResource.objects.filter(page__in=ours).values_list("document__language", flat=True)
    )
    assert languages == {"en-us", "es", "pt"}


def test_a_bulk_built_toolkit_serves_its_files(client, big_catalog):
    _catalog, built = big_catalog
    page = ToolkitPage.objects.get(pk=built.page_ids[500])
    response = client.get(page.url)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.h1.get_text(strip=True) == page.title
    items = soup.select(".portal-resources__item")
    assert len(items) == FILES_PER_TOOLKIT
    assert "(PDF, " in items[0].get_text()


def test_queries_are_the_same_whatever_the_filters_sort_and_page(client, catalog, terms):
    def queries(query):
        with CaptureQueriesContext(connection) as captured:
            soup = get(client, catalog, query)
        assert soup.select(".usa-collection__heading a"), f"no toolkit listed for {query!r}"
        return len(captured)

    get(client, catalog)  # warm what is cached once per process (site, settings)
    several = {
        "care_setting": terms["care_setting"][:2],
        "audience": terms["audience"][:1],
        "topic": terms["topic"][:3],
    }
    counted = {
        "no filter": queries(""),
        "one filter": queries(query_string({"care_setting": terms["care_setting"][:1]})),
        "several facets": queries(query_string(several)),
        "a language": queries("language=es"),
        "sorted by title": queries("sort=title"),
        "page 3": queries("page=3"),
        "everything": queries(
            query_string({**several, "language": ["pt", "es"]}, sort="title", page=2)
        ),
    }
    assert len(set(counted.values())) == 1, counted


@pytest.mark.parametrize(
    "choose",
    [
        lambda t: {},
        lambda t: {"care_setting": t["care_setting"][:1]},
        lambda t: {"care_setting": t["care_setting"][1:3], "population": t["population"][:1]},
        lambda t: {
            "care_setting": t["care_setting"][:2],
            "audience": t["audience"][2:4],
            "topic": t["topic"][:1],
        },
        lambda t: {"language": ["pt"]},
        lambda t: {"language": ["es", "pt"], "audience": t["audience"][-1:]},
    ],
    ids=["none", "one", "two-facets", "three-facets", "language", "languages-and-audience"],
)
def test_counts_shown_are_the_databases(client, catalog, terms, choose, settings):
    chosen = choose(terms)
    soup = get(client, catalog, query_string(chosen))
    languages = [code for code, _name in settings.LANGUAGES]
    # So every live toolkit is public (the demo's private pages are work-group spaces).
    assert not PageViewRestriction.objects.filter(
        Q(page__path__startswith=catalog.path) | Q(page__in=catalog.get_ancestors())
    ).exists()
    assert shown_counts(soup) == expected_counts(catalog, chosen, languages)
    assert result_count(soup) == matching(catalog, chosen).count()


def test_sorted_pages_list_what_the_database_orders(client, catalog, terms):
    chosen = {"topic": terms["topic"][:2]}
    soup = get(client, catalog, query_string(chosen, sort="title", page=3))
    listed = [a.get_text() for a in soup.select(".usa-collection__heading a")]
    expected = matching(catalog, chosen).order_by("title").values_list("title", flat=True)
    assert listed == list(expected[40:60])


def test_building_again_adds_after_the_last_toolkit_with_new_slugs(catalog, big_catalog):
    # The same seed gives the same titles as the first toolkits built.
    again = build_catalog(catalog, toolkits=3, files_per_toolkit=2, seed=7)
    built = ToolkitPage.objects.filter(pk__in=again.page_ids)
    assert built.live().child_of(catalog).count() == 3
    first = ToolkitPage.objects.filter(pk__in=big_catalog[1].page_ids[:3])
    assert sorted(built.values_list("title", flat=True)) == sorted(
        first.values_list("title", flat=True)
    )
    slugs = list(catalog.get_children().values_list("slug", flat=True))
    assert len(slugs) == len(set(slugs))
    assert all(not problems for problems in Page.find_problems())
    assert Page.objects.get(pk=catalog.pk).numchild == len(slugs)
