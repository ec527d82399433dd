"""The news listing and feed (routes of the news index page), and subscribing by e-mail."""

from django.core.paginator import Paginator
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django_ratelimit.decorators import ratelimit

from portal import rate_limits
from portal.announcements import KINDS

from . import links, listing, subscriptions
from .feeds import NewsFeed
from .forms import SubscribeForm
from .models import NewsIndexPage
from .models.pages import KIND_CHOICES


def news_listing(request, index):
    kind = request.GET.get("kind")
    kind = kind if kind in KINDS else None
    items = listing.for_reader(index.locale.language_code, request.user, kind=kind)
    page_obj = Paginator(items, listing.PER_PAGE).get_page(request.GET.get("page"))
    context = index.get_context(request)
    context.update({"items": page_obj, "kind": kind, "kinds": KIND_CHOICES})
    return TemplateResponse(request, index.get_template(request), context)


def news_feed(request, index):
    return NewsFeed(index)(request)


def news_index_for(language):
    return NewsIndexPage.objects.live().filter(locale__language_code=language).first()


@ratelimit(key="ip", rate=rate_limits.news_subscribe_rate, method="POST", block=True)
def subscribe(request):
    language = get_language()
    initial = {"email": request.user.email} if request.user.is_authenticated else {}
    form = SubscribeForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        subscriptions.request_subscription(
            form.cleaned_data["email"], language, form.cleaned_data["frequency"]
        )
        return redirect("news_subscribe_sent")
    context = {"form": form, "news_index": news_index_for(language)}
    return TemplateResponse(request, "news/subscribe.html", context)


def subscribe_sent(request):
    return TemplateResponse(
        request, "news/subscribe_sent.html", {"news_index": news_index_for(get_language())}
    )


def confirm(request, token):
    """GET shows a one-button confirmation (mail systems' link checkers follow GET links and
    must not subscribe anyone); POST confirms."""
    subscription, genuine = links.read_confirm_token(token)
    if not genuine or subscription is None:
        raise Http404(_("This confirmation link is not valid or has expired."))
    if request.method == "POST":
        subscriptions.confirm(subscription)
    elif request.method != "GET":
        return HttpResponseNotAllowed(["GET", "POST"])
    context = {
        "subscription": subscription,
        "news_index": news_index_for(subscription.language),
        "unsubscribe_url": links.unsubscribe_url(subscription),
    }
    response = TemplateResponse(request, "news/confirm.html", context)
    add_never_cache_headers(response)
    return response


@csrf_exempt  # the token is the credential; mail clients post here without a cookie (RFC 8058)
def unsubscribe(request, token):
    """GET shows a one-button confirmation; POST, from that button or from the mail client's
    own Unsubscribe button, unsubscribes. A genuine link of an address already unsubscribed
    says so."""
    subscription, genuine = links.read_unsubscribe_token(token)
    if not genuine:
        raise Http404(_("This unsubscribe link is not valid."))
    done = subscription is None
    if request.method == "POST":
        if subscription is not None:
            subscriptions.unsubscribe(subscription)
        done = True
    elif request.method != "GET":
        return HttpResponseNotAllowed(["GET", "POST"])
    context = {"subscription": subscription, "done": done}
    response = TemplateResponse(request, "news/unsubscribe.html", context)
    add_never_cache_headers(response)
    return response
