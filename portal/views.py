"""Site-wide views: error pages, robots.txt and the favicon."""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponsePermanentRedirect, HttpResponseServerError
from django.shortcuts import get_object_or_404, render
from django.template import loader
from django.templatetags.static import static
from django.urls import reverse
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.views.decorators.cache import cache_control
from django.views.generic import TemplateView
from django.views.static import serve as serve_file
from wagtail import hooks
from wagtail.documents.views.serve import serve as wagtail_serve_document
from wagtail.models import Page

from . import access, i18n, organization_requests
from .page_cache import never_shared, remember


def permission_denied(request, exception=None):
    reason = str(exception) if exception else ""
    context = {"reason": reason, "came_from": came_from(request), **next_step(request)}
    return render(request, "403.html", context, status=403)


def came_from(request):
    """The page of this site the person followed a link from, to offer the way back."""
    referer = request.headers.get("referer", "")
    if not referer or not url_has_allowed_host_and_scheme(
        referer, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return ""
    if urlsplit(referer).path == request.path:
        return ""
    return referer


def next_step(request):
    """What the refused person can do next, in the order they would do it: log in; name their
    organization; wait for staff, with the date promised; or what the apps offer through the
    hook "construct_permission_denied_links" (each function is given the request and the list
    of {"url", "text"} to change), such as asking to join a work group."""
    user, here = request.user, request.get_full_path()
    step = {
        "login_url": "",
        "pending_request": None,
        "answer_by": None,
        "answer_days": organization_requests.answer_days(),
        "links": [],
    }
    if not user.is_authenticated:
        step["login_url"] = f"{reverse('account_login')}?{urlencode({'next': here})}"
    elif access.member_organization(user) is None:
        pending = organization_requests.pending_request(user)
        step["pending_request"] = pending
        step["answer_by"] = organization_requests.answer_by(pending) if pending else None
    for construct in hooks.get_hooks("construct_permission_denied_links"):
        construct(request, step["links"])
    return step


class Forbidden403Mixin:
    """For the portal's own admin views: a logged-in user without permission gets the portal's
    403 page, saying why. (Wagtail's admin wrapper would turn PermissionDenied into a redirect
    to the dashboard; DESIGN.md asks for a 403, never a loop.) Views name the reason they give
    when the refusal does not carry its own."""

    permission_denied_reason = ""

    def check_access(self, request, *args, **kwargs):
        """Raise PermissionDenied (or Http404) before the view runs; nothing by default."""

    def dispatch(self, request, *args, **kwargs):
        try:
            self.check_access(request, *args, **kwargs)
            return super().dispatch(request, *args, **kwargs)
        except PermissionDenied as denied:
            reason = denied if str(denied) else PermissionDenied(self.permission_denied_reason)
            return permission_denied(request, reason)


def too_many_requests(request, exception=None):
    """Every rate limit's answer (allauth's and the search's): wait a minute, and the way
    to help that never waits."""
    response = render(request, "429.html", status=429)
    response["Retry-After"] = "60"
    return response


def page_not_found(request, exception=None):
    return render(request, "404.html", {"help_links": not_found_links(request)}, status=404)


def not_found_links(request):
    """Where a lost visitor may want to go, in their language: what the apps add through the
    hook "construct_not_found_links" (each function is given the request and the list to
    change). Kept in the page cache until the next publish: robots and mistyped links make
    404s common, and they are never stored whole."""

    def links():
        found = []
        for construct in hooks.get_hooks("construct_not_found_links"):
            construct(request, found)
        return found

    return remember(f"not-found:{request.get_host()}:{translation.get_language()}", links)


def translation_missing(request, page_id):
    """Where the language switcher leads when the page has no translation yet."""
    page = get_object_or_404(Page.objects.live().public(), pk=page_id).specific
    return render_translation_missing(request, i18n.default_language_version(page))


def render_translation_missing(request, page):
    """The page has no translation into the request's language: say so in that language,
    and offer what the site does have in it (nearby pages, files) beside the original."""
    code = translation.get_language()
    language = i18n.in_running_text(translation.get_language_info(code)["name_local"])
    context = {
        "original": page,
        "language": language,
        "nearby_pages": i18n.nearest_translated_pages(page, code),
        "translated_files": i18n.translated_files(code),
        # The switch offers this page in each language: the original and other translations.
        "language_links": [
            link
            for link in i18n.language_links(page, request, include_own=True)
            if link["code"] != code
        ],
    }
    return render(request, "portal/translation_missing.html", context)


def server_error(request):
    # Rendered without context processors: the database may be what failed.
    return HttpResponseServerError(loader.get_template("500.html").render({}))


class RobotsView(TemplateView):
    template_name = "robots.txt"
    content_type = "text/plain"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["allow_indexing"] = settings.PORTAL_ALLOW_INDEXING
        context["disallowed"] = disallowed_paths()
        context["sitemap_url"] = self.request.build_absolute_uri("/sitemap.xml")
        return context


def disallowed_paths():
    """What crawlers are kept out of: the admins, and in every language the account pages and
    search results (endless, thin pages of other pages' text). Documents are not among them:
    public ones are in the sitemap, and private ones answer with X-Robots-Tag: noindex, which
    a crawler kept out could never read."""
    paths = ["/admin/", "/django-admin/"]
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            home = reverse("wagtail_serve", args=[""])
            paths += [f"{home}accounts/", reverse("search")]
    return paths


robots_txt = cache_control(max_age=86400, public=True)(RobotsView.as_view())


@cache_control(max_age=86400, public=True)
def favicon(request):
    return HttpResponsePermanentRedirect(static("portal/favicon.ico"))


@never_shared
def serve_document(request, document_id, document_filename):
    """Wagtail's document view (its before_serve_document hooks decide access). A file not
    everyone may download tells search engines never to index it, whoever fetched it: the
    members-only and work groups' files are left out of the sitemap, and a link to one from a
    public page must not put it in search results either."""
    try:
        response = wagtail_serve_document(request, document_id, document_filename)
    except PermissionDenied as denied:
        # Answered here rather than by handler403, so that the refusal carries the header too.
        response = permission_denied(request, denied)
    if not access.is_public_document(document_id):
        response["X-Robots-Tag"] = "noindex"
    return response


def serve_media_image(request, path, document_root):
    """Development (DEBUG) serves uploaded images from MEDIA_ROOT, and nothing else there:
    documents, work groups' private files among them, are only ever served by
    /documents/<id>/<name>, which applies privacy. Wagtail keeps original images in
    original_images/ and renditions in images/, one level deep."""
    folder, _, name = path.partition("/")
    if folder not in ("original_images", "images") or name in ("", ".", ".."):
        raise Http404
    if "/" in name or "\\" in name:
        raise Http404
    return serve_file(request, path, document_root)
