"""Per-site settings editors change in Wagtail: who the consortium is and how to reach it."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting


@register_setting(icon="site")
class ConsortiumSettings(BaseSiteSetting):
    consortium_name = models.CharField(_("consortium name"), max_length=255)
    short_name = models.CharField(
        _("short name"), max_length=60, blank=True, help_text=_("Shown in the header on phones.")
    )
    state = models.CharField(
        _("state"), max_length=60, help_text=_("The state whose sepsis trends the portal reports.")
    )
    state_code = models.CharField(
        _("state code"),
        max_length=2,
        help_text=_("Two-letter postal code, used to select the state in public data sets."),
    )
    emergency_number = models.CharField(_("emergency number"), max_length=20, default="911")
    contact_email = models.EmailField(_("contact e-mail"))
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    postal_address = models.TextField(_("postal address"), blank=True)
    access_contact_text = models.CharField(
        _("whom to ask for access"),
        max_length=255,
        blank=True,
        help_text=_("Shown on the 'access denied' page, for example 'the consortium coordinator'."),
    )
    joining_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("how to join"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "The page on who can join and how. Pages that are closed to someone link to it."
        ),
    )
    is_demonstration = models.BooleanField(
        _("demonstration content"),
        default=False,
        help_text=_("Shows every visitor a notice that this site holds demonstration content."),
    )

    panels = [
        MultiFieldPanel(
            [FieldPanel("consortium_name"), FieldPanel("short_name")], heading=_("Identity")
        ),
        MultiFieldPanel(
            [FieldPanel("state"), FieldPanel("state_code"), FieldPanel("emergency_number")],
            heading=_("Region"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("contact_email"),
                FieldPanel("contact_phone"),
                FieldPanel("postal_address"),
                FieldPanel("access_contact_text"),
                FieldPanel("joining_page"),
            ],
            heading=_("Contact"),
        ),
        FieldPanel("is_demonstration"),
    ]

    class Meta:
        verbose_name = _("consortium settings")

    def __str__(self):
        return self.consortium_name
