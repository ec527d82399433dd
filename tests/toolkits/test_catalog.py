"""The toolkit catalog: filters, counts from the database, sorting, a fixed number of queries;
the toolkit page's files and version history."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model

from toolkits.models import Audience, CareSetting, Population, ToolkitPage, Topic

pytestmark = [pytest.mark.django_db, pytest.mark.bare, pytest.mark.postgresql]
Document = get_document_model()


@pytest.fixture
def terms():
    return {
        "ed": CareSetting.objects.create(name="Emergency department", slug="ed-test"),
        "icu": CareSetting.objects.create(name="ICU", slug="icu-test"),
        "nurses": Audience.objects.create(name="Nurses", slug="nurses-test"),
        "adult": Population.objects.create(name="Adult", slug="adult-test"),
        "screening": Topic.objects.create(name="Recognition", slug="screening-test"),
    }


def add_toolkit(catalog, title, settings, *, released, language="en-us", files=1):
    page = ToolkitPage(
        title=title,
        slug=title.lower().replace(" ", "-"),
        summary=f"{title} summary.",
        recommendation="<p>Do it.</p>",
        rationale="<p>Because.</p>",
        version="1.0",
        release_date=released,
    )
    catalog.add_child(instance=page)
    page.care_settings.set(settings)
    for n in range(files):
        document = Document.objects.create(
            title=f"{title} file {n}",
            file=ContentFile(b"%PDF-1.4\n" + b"x" * 283_000, name=f"{page.slug}-{n}.pdf"),
            language=language,
        )
        page.resources.create(document=document)
    page.save_revision().publish()
    return page


def get_catalog(client, catalog, query=""):
    response = client.get(f"{catalog.url}?{query}")
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def titles(soup):
    return [a.text for a in soup.select(".usa-collection__heading a")]


def count_for(soup, facet, value):
    label = soup.find("label", attrs={"for": f"{facet}-{value}"})
    return int(label.select_one(".portal-catalog__count").text.strip("()").split()[0])


def test_filters_narrow_and_counts_show_what_each_choice_would_give(client, catalog, terms):
    add_toolkit(catalog, "Time zero", [terms["ed"]], released=datetime.date(2025, 1, 1))
    add_toolkit(
        catalog, "Shock bundle", [terms["ed"], terms["icu"]], released=datetime.date(2025, 6, 1)
    )
    add_toolkit(
        catalog, "Spanish kit", [terms["icu"]], released=datetime.date(2024, 1, 1), language="es"
    )
    ours = {"Time zero", "Shock bundle", "Spanish kit"}

    everything = get_catalog(client, catalog)
    assert ours <= set(titles(everything))
    assert count_for(everything, "care_setting", "ed-test") == 2
    assert count_for(everything, "care_setting", "icu-test") == 2

    icu = get_catalog(client, catalog, "care_setting=icu-test")
    assert set(titles(icu)) == {"Shock bundle", "Spanish kit"}
    # A facet's own counts ignore its own choice, so the other values stay reachable.
    assert count_for(icu, "care_setting", "ed-test") == 2
    assert count_for(icu, "language", "es") == 1

    both = get_catalog(client, catalog, "care_setting=icu-test&care_setting=ed-test")
    assert set(titles(both)) == ours

    spanish_icu = get_catalog(client, catalog, "care_setting=icu-test&language=es")
    assert titles(spanish_icu) == ["Spanish kit"]
    assert spanish_icu.find(id="care_setting-icu-test").has_attr("checked")

    az = get_catalog(client, catalog, "care_setting=icu-test&care_setting=ed-test&sort=title")
    assert titles(az) == ["Shock bundle", "Spanish kit", "Time zero"]
    recent = get_catalog(client, catalog, "care_setting=icu-test&care_setting=ed-test")
    assert titles(recent) == ["Shock bundle", "Time zero", "Spanish kit"]


def test_unknown_filter_values_and_pages_do_not_break_the_catalog(client, catalog, terms):
    add_toolkit(catalog, "Time zero", [terms["ed"]], released=datetime.date(2025, 1, 1))
    soup = get_catalog(client, catalog, "care_setting=nope&language=xx&sort=zzz&page=abc")
    assert titles(soup) == []
    assert "No toolkit matches every filter you chose." in soup.get_text()


def test_catalog_queries_do_not_grow_with_toolkits_or_filters(
    client, catalog, terms, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries(query):
        with CaptureQueriesContext(connection) as captured:
            get_catalog(client, catalog, query)
        return len(captured)

    add_toolkit(catalog, "One", [terms["ed"]], released=datetime.date(2025, 1, 1))
    get_catalog(client, catalog)  # warm shared caches (site, settings)
    few = queries("care_setting=ed-test&language=en-us")
    for n in range(12):
        add_toolkit(
            catalog,
            f"Kit {n}",
            [terms["ed"], terms["icu"]],
            released=datetime.date(2025, 2, n + 1),
            files=2,
        )
    assert queries("care_setting=ed-test&language=en-us") == few
    assert queries("care_setting=ed-test&care_setting=icu-test&sort=title") == few


def test_toolkit_page_lists_files_with_format_size_and_language(client, catalog, terms):
    page = add_toolkit(catalog, "Time zero", [terms["ed"]], released=datetime.date(2025, 1, 1))
    soup = BeautifulSoup(client.get(page.url).content, "html.parser")
    item = soup.select_one(".portal-resources__item")
    assert item.a.text.startswith("Time zero file 0")
    assert "(PDF, 283 KB)" in item.get_text()
    assert "English" in item.get_text()
    assert client.get(item.a["href"]).status_code == 200


def test_publishing_a_new_version_keeps_the_old_one_superseded(client, catalog, terms):
    page = add_toolkit(catalog, "Time zero", [terms["ed"]], released=datetime.date(2025, 1, 1))
    old_document = page.resources.get().document
    page = ToolkitPage.objects.get(pk=page.pk)
    page.version, page.release_date = "2.0", datetime.date(2025, 9, 1)
    page.change_log = "<p>Adds a pediatric section.</p>"
    page.resources.all().delete()
    new = Document.objects.create(
        title="Time zero v2", file=ContentFile(b"%PDF-1.4\nnew", name="tz-v2.pdf")
    )
    page.resources.create(document=new)
    page.save_revision().publish()

    assert list(page.versions.values_list("version", flat=True).order_by("version")) == [
        "1.0",
        "2.0",
    ]
    soup = BeautifulSoup(client.get(page.url).content, "html.parser")
    text = soup.get_text(" ", strip=True)
    assert "What changed in version 2.0 Adds a pediatric section." in text
    assert "Version 1.0, January 1, 2025: superseded" in text
    superseded = [a.text for a in soup.select(".portal-toolkit__versions a")]
    assert superseded == [f"{old_document.title} (PDF)"]  # the format visually hidden
    assert client.get(old_document.url).status_code == 200


@pytest.mark.parametrize(
    ("authors", "title", "expected"),
    [
        (
            "Evans L, Rhodes A, et al.",
            "Surviving Sepsis Campaign",
            "Evans L, Rhodes A, et al. Surviving Sepsis Campaign. ",
        ),
        (
            "Seymour CW",
            "Time to treatment and mortality?",
            "Seymour CW. Time to treatment and mortality? ",
        ),
    ],
)
def test_citations_read_as_one_sentence_per_part(authors, title, expected):
    from toolkits.blocks import CitationBlock

    block = CitationBlock()
    value = block.to_python(
        {"authors": authors, "title": title, "journal": "JAMA", "year": 2016, "doi": "10.1001/x"}
    )
    text = BeautifulSoup(block.render(value), "html.parser").get_text()
    assert text.startswith(expected)
    assert "JAMA. 2016. doi:10.1001/x" in text
