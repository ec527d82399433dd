"""The terms toolkits are filtered by; editors manage them as snippets."""

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel


class Term(models.Model):
    name = models.CharField(_("name"), max_length=80, unique=True)
    slug = models.SlugField(_("slug"), max_length=80, unique=True, help_text=_("Used in URLs."))
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("sort_order")]

    class Meta:
        abstract = True
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name


class CareSetting(Term):
    # Which member organizations work in this setting: the reach report lists those that have
    # not downloaded a toolkit for it.
    organizations = models.ManyToManyField(
        "portal.MemberOrganization",
        verbose_name=_("member organizations in this setting"),
        related_name="care_settings",
        blank=True,
    )

    panels = Term.panels + [FieldPanel("organizations", widget=forms.CheckboxSelectMultiple)]

    class Meta(Term.Meta):
        verbose_name = _("care setting")


class Audience(Term):
    class Meta(Term.Meta):
        verbose_name = _("audience")


class Population(Term):
    class Meta(Term.Meta):
        verbose_name = _("population")


class Topic(Term):
    class Meta(Term.Meta):
        verbose_name = _("topic")
