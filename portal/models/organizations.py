"""The consortium's member organizations, managed as snippets."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.search import index


class OrganizationCategory(models.Model):
    """A heading of the member directory, such as 'State agencies and legislators'."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    description = models.TextField(_("description"), blank=True)
    sort_order = models.PositiveSmallIntegerField(_("order in the directory"), default=0)

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("description"),
        FieldPanel("sort_order"),
    ]

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("organization category")
        verbose_name_plural = _("organization categories")

    def __str__(self):
        return self.name


class MemberOrganization(index.Indexed, models.Model):
    name = models.CharField(_("name"), max_length=255, unique=True)
    slug = models.SlugField(_("slug"), max_length=255, unique=True)
    category = models.ForeignKey(
        OrganizationCategory,
        verbose_name=_("category"),
        on_delete=models.PROTECT,
        related_name="organizations",
    )
    description = models.TextField(_("description"), blank=True)
    website = models.URLField(_("website"), blank=True)
    city = models.CharField(_("city or town"), max_length=120, blank=True)
    is_active = models.BooleanField(
        _("active member"),
        default=True,
        help_text=_(
            "Inactive organizations leave the directory and their users lose member access."
        ),
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("category"),
        FieldPanel("description"),
        FieldPanel("website"),
        FieldPanel("city"),
        FieldPanel("is_active"),
    ]

    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("description"),
        index.FilterField("is_active"),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("member organization")
        verbose_name_plural = _("member organizations")

    def __str__(self):
        return self.name
