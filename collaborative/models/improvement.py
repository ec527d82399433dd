"""What a site changes: its tests of change (PDSA cycles), drawn on its charts at their dates,
and changes in how it measures (its definition of time zero, say), which start a new phase on
its charts."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class PDSACycle(models.Model):
    site = models.ForeignKey(
        "collaborative.CollaborativeSite", on_delete=models.CASCADE, related_name="pdsa_cycles"
    )
    title = models.CharField(_("change tested"), max_length=200)
    plan = models.TextField(_("plan"), help_text=_("What you will try, and what you predict."))
    do = models.TextField(_("do"), blank=True, help_text=_("What happened when you tried it."))
    study = models.TextField(_("study"), blank=True, help_text=_("What the data showed."))
    act = models.TextField(_("act"), blank=True, help_text=_("Adopt, adapt or abandon, and why."))
    started_on = models.DateField(_("started on"))
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    measures = models.ManyToManyField(
        "collaborative.Measure",
        verbose_name=_("measures it should move"),
        blank=True,
        related_name="pdsa_cycles",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["site", "-started_on", "-pk"]
        verbose_name = _("PDSA cycle")

    def __str__(self):
        return self.title


class SiteDefinitionChange(models.Model):
    """A change in how one site measures, from a month on (all its measures, or one)."""

    site = models.ForeignKey(
        "collaborative.CollaborativeSite",
        on_delete=models.CASCADE,
        related_name="definition_changes",
    )
    measure = models.ForeignKey(
        "collaborative.Measure",
        verbose_name=_("measure"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="site_definition_changes",
        help_text=_("Empty: every measure of the site."),
    )
    effective_from = models.DateField(_("from the month of"))
    description = models.CharField(_("what changed"), max_length=255)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["site", "effective_from"]
        verbose_name = _("site definition change")

    def __str__(self):
        return f"{self.site.code} from {self.effective_from:%Y-%m}: {self.description}"
