from django import forms
from django.utils.translation import gettext_lazy as _

from .models import NewsSubscription


class SubscribeForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mail address"),
        max_length=254,
        help_text=_("We send a link to this address; nothing else until you open it."),
    )
    frequency = forms.ChoiceField(
        label=_("How often"),
        choices=NewsSubscription.Frequency.choices,
        initial=NewsSubscription.Frequency.WEEKLY,
    )
