"""The account page that lists everything a person is e-mailed about, with one-click changes.

Portal imports no app: each app that e-mails people on their choice registers a provider with
the hook "register_account_subscriptions" (toolkits' update e-mails, work groups' digests).
A provider has a `name`, a `heading`, `subscriptions(user)` (a list of Subscription) and
`change(user, key, value)`, which applies one choice and returns the message to show, or
raises ValueError when the key or the value is not one of the user's own.
"""

from dataclasses import dataclass, field

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.db import transaction
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views import View
from wagtail import hooks


@dataclass(frozen=True)
class Subscription:
    """One thing a person may be e-mailed about, as the account page shows it."""

    key: str  # what the provider's change() is given back
    title: str
    url: str
    state: str  # the current choice's value
    state_label: str
    # (value, button label) for every other choice: each is one click.
    choices: list = field(default_factory=list)
    note: str = ""


def providers():
    return [register() for register in hooks.get_hooks("register_account_subscriptions")]


def sections(user):
    return [
        {"provider": provider, "subscriptions": provider.subscriptions(user)}
        for provider in providers()
    ]


class SubscriptionsView(LoginRequiredMixin, View):
    template_name = "account/subscriptions.html"

    def render(self, request, status=200):
        context = {"sections": sections(request.user)}
        return TemplateResponse(request, self.template_name, context, status=status)

    def get(self, request):
        return self.render(request)

    def post(self, request):
        by_name = {provider.name: provider for provider in providers()}
        provider = by_name.get(request.POST.get("provider", ""))
        key, value = request.POST.get("key", ""), request.POST.get("value", "")
        if provider is None:
            messages.error(request, _("That change is not one you can make here."))
            return self.render(request, status=400)
        try:
            with transaction.atomic():
                done = provider.change(request.user, key, value)
        except ValueError:
            messages.error(request, _("That change is not one you can make here."))
            return self.render(request, status=400)
        messages.success(request, done)
        return redirect("account_subscriptions")
