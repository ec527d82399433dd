"""The news subscription's section on the user's profile page (portal.accounts.profile)."""

from django.template.loader import render_to_string

from . import links, subscriptions


def profile_section(request):
    subscription = subscriptions.for_user(request.user)
    context = {
        "subscription": subscription,
        "unsubscribe_url": links.unsubscribe_url(subscription) if subscription else "",
    }
    return render_to_string("news/profile_section.html", context, request=request)
