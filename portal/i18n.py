"""Languages of the site: links between translations, and what to show when one is missing."""

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.text import capfirst
from wagtail.models import Locale, Page, Site


def language_links(page, request):
    """One link per content language other than the page's own.

    A live translation is linked directly; a missing one leads to a page that says so
    in that language and links to the page in the default language, never to a 404.
    """
    translations = {
        t.locale.language_code: t
        for t in page.get_translations().live().public().select_related("locale")
    }
    links = []
    for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES:
        if code == page.locale.language_code:
            continue
        if code in translations:
            url, available = translations[code].get_url(request), True
        else:
            with translation.override(code):
                url = reverse("translation_missing", args=[page.pk])
            available = False
        with translation.override(code):
            label = capfirst(translation.get_language_info(code)["name_local"])
        links.append({"code": code, "name": label, "url": url, "available": available})
    return links


def default_language_version(page):
    """The page in the site's default language, or the page itself if it has none."""
    default = page.get_translation_or_none(Locale.get_default())
    return default if default is not None and default.live else page


def untranslated_page_for_path(request):
    """The default-language page at a language-prefixed path that has no translation.

    For /es/about/ when only the English /about/ exists, returns the English page;
    otherwise None (a real 404).
    """
    language = translation.get_language_from_path(request.path_info)
    default = Locale.get_default().language_code
    if not language or language == default:
        return None
    site = Site.find_for_request(request)
    if site is None:
        return None
    rest = request.path_info[len(language) + 1 :]
    components = [part for part in rest.split("/") if part]
    page = site.root_page.specific
    try:
        for slug in components:
            page = page.get_children().get(slug=slug).specific
    except Page.DoesNotExist:
        return None
    if not page.live or page.get_view_restrictions().exists():
        return None
    return page
