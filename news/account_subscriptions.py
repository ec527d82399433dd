"""The news e-mail on the account's subscriptions page (portal.accounts.subscriptions): a
person whose verified address receives the news sees how often, and changes it or stops it in
one click. Subscribing stays on the news form, which confirms the address by e-mail."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal.accounts.subscriptions import Subscription

from . import subscriptions
from .models import NewsSubscription

STOP = "stop"
FREQUENCIES = NewsSubscription.Frequency


class NewsProvider:
    name = "news"
    heading = gettext_lazy("The consortium's news")

    empty_text = gettext_lazy(
        "You do not receive the consortium's news by e-mail. The News page has a form to ask "
        "for it."
    )

    def subscriptions(self, user):
        subscription = subscriptions.for_user(user)
        if subscription is None:
            return []
        choices = [
            (value, _("Change to: %(frequency)s") % {"frequency": label})
            for value, label in FREQUENCIES.choices
            if value != subscription.frequency
        ]
        return [
            Subscription(
                key=str(subscription.pk),
                title=_("News by e-mail to %(email)s") % {"email": subscription.email},
                url=reverse("news_subscribe"),
                state=subscription.frequency,
                state_label=subscription.get_frequency_display(),
                choices=[*choices, (STOP, _("Stop the news"))],
            )
        ]

    def change(self, user, key, value):
        subscription = subscriptions.for_user(user)
        if subscription is None or key != str(subscription.pk):
            raise ValueError("not the user's news subscription")
        if value == STOP:
            subscriptions.unsubscribe(subscription)
            return _("You will no longer receive the consortium's news.")
        if value not in FREQUENCIES.values:
            raise ValueError("not a frequency")
        subscription.frequency = value
        subscription.save(update_fields=["frequency"])
        return _("You will receive the news: %(frequency)s.") % {
            "frequency": subscription.get_frequency_display()
        }
