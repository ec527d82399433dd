"""Languages of the site: links between translations, and what to show when one is missing."""

from django.conf import settings
from django.urls import reverse, translate_url
from django.utils import translation
from django.utils.text import capfirst
from wagtail import hooks
from wagtail.models import Locale, Page, Site

# How many pages in the reader's language a missing translation offers instead.
MAX_NEARBY_PAGES = 8


def language_links(page, request, include_own=False):
    """One link per content language other than the page's own (and the page's own too, with
    `include_own`).

    A live translation is linked directly; a missing one leads to a page that says so
    in that language and links to the page in the default language, never to a 404.
    """
    translations = {
        t.locale.language_code: t
        for t in page.get_translations(inclusive=include_own)
        .live()
        .public()
        .select_related("locale")
    }
    links = []
    for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES:
        if code == page.locale.language_code and not include_own:
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


def path_language_links(request):
    """For a view that is not a page (search, sign-in, profile): the same address in every
    other language, where the address has language versions (not a 404, not /admin/)."""
    match = getattr(request, "resolver_match", None)
    # Wagtail's catch-all answered without a page: an error page for an address that has no
    # page, and so no versions in other languages either.
    if match is None or match.url_name == "wagtail_serve":
        return []
    current = translation.get_language()
    here = request.get_full_path()
    links = []
    for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES:
        if code == current:
            continue
        url = translate_url(here, code)
        if url == here:
            return []
        with translation.override(code):
            label = capfirst(translation.get_language_info(code)["name_local"])
        links.append({"code": code, "name": label, "url": url, "available": True})
    return links


def in_running_text(language_name):
    """A language's name as the current language writes it mid-sentence: Spanish and
    Portuguese write language names in lower case ("en español"), English capitalizes."""
    current = translation.get_language() or settings.LANGUAGE_CODE
    return str(language_name) if current.startswith("en") else str(language_name).lower()


def nearest_translated_pages(page, language_code):
    """Where a reader of `language_code` can go instead of `page`, which has no translation:
    the nearest ancestor that has one, and that translation's live public children (the
    page's translated neighbors), as far as MAX_NEARBY_PAGES. The ancestor is the home page
    at the farthest, so there is always somewhere to go while the site has that language."""
    try:
        locale = Locale.objects.get(language_code=language_code)
    except Locale.DoesNotExist:
        return []
    ancestors = page.get_ancestors().filter(depth__gt=1).order_by("-depth")
    translations = (
        Page.objects.live()
        .public()
        .filter(locale=locale, translation_key__in=ancestors.values("translation_key"))
        .order_by("-depth")
    )
    nearest = translations.first()
    if nearest is None:
        return []
    children = nearest.get_children().live().public().order_by("path")
    return [nearest.specific, *children.specific()[: MAX_NEARBY_PAGES - 1]]


def translated_files(language_code):
    """Public files in the language, from the apps that hold files (register_translated_files
    hooks), for a reader the page itself cannot serve yet."""
    files = []
    for found in hooks.get_hooks("register_translated_files"):
        files += found(language_code)
    return files


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
