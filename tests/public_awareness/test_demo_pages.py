"""The demo's guidance in every language: all four pages, the signs a parent needs, the links
between pages, the home page's way to the signs, and a loader that can run again on a database
an earlier demo built."""

import re

import pytest
from wagtail.models import Locale, Page, Revision

from portal.demo import loader
from portal.models import HomePage, MemberDirectoryPage, StandardPage
from public_awareness.models import AwarenessArticlePage, AwarenessIndexPage, SymptomGuidePage

pytestmark = pytest.mark.django_db

LANGUAGES = ["en-us", "es", "pt"]

# The five signs for children that the parents' page first left out, as each language words
# them (the symptom guide's children's list says the same).
CHILDREN_SIGNS = {
    "en-us": [
        "is a baby under 3 months old with a temperature of 100.4°F (38°C) or more",
        "has a seizure",
        "feels cold to the touch",
        "has not had a wet diaper or peed for 12 hours",
        "pauses in breathing",
    ],
    "es": [
        "es un bebé de menos de 3 meses con una temperatura de 100.4 °F (38 °C) o más",
        "tiene una convulsión",
        "está frío al tocarlo",
        "no ha mojado el pañal ni ha orinado en 12 horas",
        "hace pausas al respirar",
    ],
    "pt": [
        "é um bebê com menos de 3 meses e tem temperatura de 100.4 °F (38 °C) ou mais",
        "tem uma convulsão",
        "está fria quando você toca",
        "não molhou a fralda nem fez xixi em 12 horas",
        "fazendo pausas na respiração",
    ],
}
HOME_BUTTON = {
    "en-us": "Could this be sepsis? Know the signs",
    "es": "¿Podría ser sepsis? Conozca las señales",
    "pt": "Pode ser sepse? Conheça os sinais",
}
ABOUT_LINK = {
    "en-us": "About the consortium",
    "es": "Sobre el consorcio (en inglés)",
    "pt": "Sobre o consórcio (em inglês)",
}


def locale(language):
    return Locale.objects.get(language_code=language)


def english(model, slug):
    return model.objects.get(locale=Locale.get_default(), slug=slug)


def in_language(page, language):
    return page.get_translation(locale(language)).specific


def section(html, css_class):
    """The HTML of the first <section> with this class."""
    start = html.index(css_class)
    return html[start : html.index("</section>", start)]


def call_load():
    loader.load_all(log=lambda *args: None)


def counts():
    return Page.objects.count(), Revision.objects.count()


@pytest.mark.parametrize("language", ["es", "pt"])
def test_every_guidance_page_is_live_in_the_language_and_listed_by_its_index(
    client, demo_site, language
):
    index = in_language(english(AwarenessIndexPage, "sepsis"), language)
    english_pages = Page.objects.child_of(english(AwarenessIndexPage, "sepsis")).live()
    translations = [page.get_translation_or_none(locale(language)) for page in english_pages]
    assert len(translations) == 4 and None not in translations
    assert all(page.live for page in translations)
    html = client.get(index.url).content.decode()
    for page in translations:
        assert f'href="{page.url}">{page.title}</a>' in html, page.url


@pytest.mark.parametrize("language", LANGUAGES)
def test_parents_page_lists_every_emergency_sign_for_children_and_links_the_guide(
    client, demo_site, language
):
    caregivers = in_language(english(AwarenessArticlePage, "for-childrens-caregivers"), language)
    guide = in_language(english(SymptomGuidePage, "know-the-signs"), language)
    html = client.get(caregivers.url).content.decode()
    emergency = section(html, "usa-alert--emergency")
    for sign in CHILDREN_SIGNS[language]:
        assert sign in emergency, sign
    assert f'<a href="{guide.url}">{guide.title}</a>' in emergency
    # The guide's own children's list names the same signs the parents' page now gives.
    guide_html = client.get(guide.url).content.decode()
    assert "portal-symptoms--child" in guide_html


@pytest.mark.parametrize("language", LANGUAGES)
def test_guide_links_its_recovery_callout_to_life_after_sepsis_in_the_same_language(
    client, demo_site, language
):
    guide = in_language(english(SymptomGuidePage, "know-the-signs"), language)
    life_after = in_language(english(AwarenessArticlePage, "life-after-sepsis"), language)
    html = client.get(guide.url).content.decode()
    recovery = section(html[html.rindex("usa-alert--info") - 200 :], "usa-alert--info")
    link = re.search(r'<a href="([^"]+)">', recovery)
    assert link and link.group(1) == life_after.url
    assert client.get(link.group(1)).status_code == 200


@pytest.mark.parametrize("language", LANGUAGES)
def test_home_page_button_leads_to_the_symptom_guide_and_about_stays_linked(
    client, demo_site, language
):
    home = demo_site.root_page.specific
    if language != "en-us":
        home = home.get_translation(locale(language)).specific
    guide = in_language(english(SymptomGuidePage, "know-the-signs"), language)
    about = english(StandardPage, "about")
    html = client.get(home.url).content.decode()
    hero = section(html, "portal-hero")
    assert re.search(rf'href="{guide.url}">{re.escape(HOME_BUTTON[language])}</a>', hero)
    assert f'href="{about.url}">{ABOUT_LINK[language]}</a>' in hero
    # The button comes before the long introduction, where a phone's first screen shows it.
    assert hero.index(HOME_BUTTON[language]) < hero.index(home.hero_text)


def test_every_measured_guidance_page_meets_the_reading_target(demo_site):
    for model in (AwarenessIndexPage, SymptomGuidePage, AwarenessArticlePage):
        for page in model.objects.live().specific():
            result = page.readability
            if result.measure is not None:
                assert result.meets_target, (page.url_path, result.grade)


def test_running_the_loader_again_adds_and_changes_nothing(demo_site):
    before = counts()
    call_load()
    assert counts() == before
    for model in (AwarenessIndexPage, SymptomGuidePage, AwarenessArticlePage):
        pairs = list(model.objects.values_list("locale_id", "translation_key"))
        assert len(pairs) == len(set(pairs)), model


def as_an_earlier_demo_left_it(demo_site):
    """Put the database back as the demo before issue 19 built it: no Spanish or Portuguese
    "Life after sepsis" or parents' page, a recovery callout without a link, four emergency
    signs on the parents' page, and home buttons that lead to About and to the indexes."""
    for slug in ("life-after-sepsis", "for-childrens-caregivers"):
        for language in ("es", "pt"):
            in_language(english(AwarenessArticlePage, slug), language).delete()
    for guide in SymptomGuidePage.objects.all():
        body = list(guide.body.raw_data)
        recovery = body[-1]["value"]
        recovery["text"] = re.sub(r"<a [^>]*>(.*?)</a>", r"\1", recovery["text"])
        guide.body = body
        guide.save_revision().publish()
    caregivers = english(AwarenessArticlePage, "for-childrens-caregivers")
    body = list(caregivers.body.raw_data)
    earlier, _current = caregivers_earlier_blocks()[0]
    body[0]["value"] = earlier[1]
    caregivers.body = body
    caregivers.save_revision().publish()
    home = demo_site.root_page.specific
    home.hero_link_page = english(StandardPage, "about")
    home.hero_link_text = "About the consortium"
    home.hero_secondary_link_page = None
    home.save_revision().publish()
    for language in ("es", "pt"):
        translated = home.get_translation(locale(language)).specific
        translated.hero_link_page = in_language(english(AwarenessIndexPage, "sepsis"), language)
        translated.hero_secondary_link_page = None
        translated.save_revision().publish()


def caregivers_earlier_blocks():
    from public_awareness.demo import content_en

    return content_en.CAREGIVERS["earlier_blocks"]


def test_loading_brings_an_earlier_demo_database_up_to_date_once(client, demo_site):
    as_an_earlier_demo_left_it(demo_site)

    call_load()

    for language in LANGUAGES:
        test_parents_page_lists_every_emergency_sign_for_children_and_links_the_guide(
            client, demo_site, language
        )
        test_guide_links_its_recovery_callout_to_life_after_sepsis_in_the_same_language(
            client, demo_site, language
        )
        test_home_page_button_leads_to_the_symptom_guide_and_about_stays_linked(
            client, demo_site, language
        )
    for language in ("es", "pt"):
        test_every_guidance_page_is_live_in_the_language_and_listed_by_its_index(
            client, demo_site, language
        )
    before = counts()
    call_load()
    assert counts() == before


def test_loading_again_keeps_what_an_editor_changed(client, demo_site):
    as_an_earlier_demo_left_it(demo_site)
    home = HomePage.objects.get(pk=demo_site.root_page_id)
    members = MemberDirectoryPage.objects.get()
    home.hero_link_page = members
    home.hero_link_text = "Our members"
    home.save_revision().publish()
    guide = english(SymptomGuidePage, "know-the-signs")
    body = list(guide.body.raw_data)
    body[-1]["value"]["text"] = "<p>Our survivors' group meets every month.</p>"
    guide.body = body
    guide.save_revision().publish()

    call_load()

    home.refresh_from_db()
    assert home.hero_link_page_id == members.pk and home.hero_link_text == "Our members"
    assert home.hero_secondary_link_page_id is None
    guide.refresh_from_db()
    assert guide.body.raw_data[-1]["value"]["text"] == (
        "<p>Our survivors' group meets every month.</p>"
    )
    # What the editor left as the demo wrote it is still brought up to date.
    spanish_home = home.get_translation(locale("es")).specific
    assert spanish_home.hero_link_page_id == in_language(guide, "es").pk
