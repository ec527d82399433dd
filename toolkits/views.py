"""Views of the toolkits app: "Download all", subscribing and one-click unsubscribing."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpResponseNotAllowed, StreamingHttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers, patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from portal.access import refuse_logged_in_user
from portal.page_cache import mark_private

from . import downloads, updates
from .models import DownloadEvent


def download_all(request, page, citation):
    """Every current file of the toolkit the requester may have, and a manifest, as one ZIP."""
    bundle = downloads.bundle_for(page, request)
    if not bundle.included:
        if not bundle.withheld:
            raise Http404(_("This toolkit has no files to download."))
        # Only members-only files: log in, or a 403 that says how to join.
        for document in bundle.withheld:
            refuse_logged_in_user(document.collection.get_view_restrictions(), request)
        return redirect_to_login(request.get_full_path())
    for document in bundle.included:
        downloads.record_download(
            request, document, toolkit=page, version=page.version, via=DownloadEvent.Via.ZIP
        )
    updates.offer_after_download(request, page)
    response = StreamingHttpResponse(
        downloads.stream_bundle(page, request, bundle, citation),
        content_type="application/zip",
    )
    response["Content-Disposition"] = f'attachment; filename="{downloads.zip_filename(page)}"'
    # What is inside depends on who asks; search engines find each public file on its own.
    mark_private(response)
    response["X-Robots-Tag"] = "noindex"
    patch_vary_headers(response, ["Cookie"])
    return response


def subscription(request, page):
    """POST: subscribe the user to the toolkit's updates, or unsubscribe (action=unsubscribe)."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if not request.user.is_authenticated:
        return redirect_to_login(page.url)
    if request.POST.get("action") == "unsubscribe":
        updates.unsubscribe(request.user, page)
        messages.success(request, _("You will no longer be e-mailed about this toolkit."))
    else:
        updates.subscribe(request.user, page)
        messages.success(
            request, _("You will be e-mailed when a new version of this toolkit is published.")
        )
    return redirect(page.url + "#updates")


@csrf_exempt  # the token is the credential; mail clients post here without a cookie (RFC 8058)
def unsubscribe(request, token):
    """GET shows a one-button confirmation (link checkers in mail systems follow GET links);
    POST, from that button or from the mail client's own Unsubscribe button, unsubscribes."""
    subscription = updates.read_unsubscribe_token(token)
    if subscription is None:
        raise Http404(_("This unsubscribe link is not valid."))
    context = {"subscription": subscription, "toolkit": subscription.toolkit}
    if request.method == "POST":
        if request.POST.get("action") == "resubscribe":
            updates.subscribe(subscription.user, subscription.toolkit)
            context["resubscribed"] = True
        else:
            updates.unsubscribe(subscription.user, subscription.toolkit)
            context["done"] = True
    elif request.method != "GET":
        return HttpResponseNotAllowed(["GET", "POST"])
    response = TemplateResponse(request, "toolkits/unsubscribe.html", context)
    add_never_cache_headers(response)
    return response
