"""sitemap.xml: every live public page in every language, each with its translations as
hreflang alternates, and every document anyone may download.

Wagtail's sitemap lists the site's root page and its descendants: only the default language,
since each other language's home is a translation of the root beside it, not under it. Pages
with a view restriction (members-only, work groups' spaces, password-protected) and documents
in restricted collections are never listed. The response is an ordinary public page to the
page cache: stored, and purged whenever a page is published or a document, collection or
restriction changes.
"""

from urllib.parse import urlsplit

from django.contrib.sitemaps import Sitemap
from django.db.models import Q
from django.urls import reverse
from wagtail.contrib.sitemaps import Sitemap as WagtailSitemap
from wagtail.contrib.sitemaps.views import sitemap as wagtail_sitemap_view
from wagtail.models import Locale, Page

from .access import public_documents

X_DEFAULT = "x-default"


class PagesSitemap(WagtailSitemap):
    def items(self):
        return self.listed_pages().order_by("path").defer_streamfields().specific()

    def listed_pages(self):
        homes = self.get_wagtail_site().root_page.get_translations(inclusive=True)
        in_a_language = Q()
        for home in homes:
            in_a_language |= Page.objects.descendant_of_q(home, inclusive=True)
        return Page.objects.filter(in_a_language).live().public()

    def get_urls(self, page=1, site=None, protocol=None):
        urls = super().get_urls(page=page, site=site, protocol=protocol)
        alternates = self.alternates()
        for url in urls:
            url["alternates"] = alternates.get(url["location"], [])
        return urls

    def alternates(self):
        """{page URL: the hreflang links of its versions}, for pages with more than one
        version: each version (itself included, as search engines ask) and x-default, the
        version in the site's default language."""
        versions = {}
        pages = self.listed_pages().select_related("locale")
        for page in pages.only("url_path", "translation_key", "locale__language_code"):
            versions.setdefault(page.translation_key, []).append(page)
        default_language = Locale.get_default().language_code
        by_url = {}
        for group in versions.values():
            if len(group) < 2:
                continue
            links = [
                {
                    "lang_code": page.locale.language_code,
                    "location": page.get_full_url(self.request),
                }
                for page in group
            ]
            links += [
                {"lang_code": X_DEFAULT, "location": link["location"]}
                for link in links
                if link["lang_code"] == default_language
            ]
            for link in links:
                if link["lang_code"] != X_DEFAULT:
                    by_url[link["location"]] = links
        return by_url


class DocumentsSitemap(Sitemap):
    """Documents in collections open to everyone (access.public_documents), at the site's
    address as its pages are."""

    def __init__(self, request, site_root_url):
        self.request = request
        self.root = urlsplit(site_root_url)

    def items(self):
        return public_documents().order_by("pk")

    def location(self, document):
        return reverse("wagtaildocs_serve", args=[document.pk, document.filename])

    def get_protocol(self, protocol=None):
        return self.root.scheme

    def get_domain(self, site=None):
        return self.root.netloc


def sitemap(request):
    pages = PagesSitemap(request)
    documents = DocumentsSitemap(request, pages.get_wagtail_site().root_url)
    return wagtail_sitemap_view(request, {"pages": pages, "documents": documents})
