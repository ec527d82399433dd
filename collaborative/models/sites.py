"""The collaborative's sites (member hospitals) and the people who report for them.

Other sites, and the public, never see a site's name: they see its pseudonym ("Site K"),
drawn at random when the site is added, so that neither its letter nor its order tells when
it joined or what it is called.
"""

import secrets
import string

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel


def pseudonym_label(number):
    """0 → "A", 25 → "Z", 26 → "AA": the letters of a pseudonym."""
    letters = ""
    number += 1
    while number:
        number, remainder = divmod(number - 1, 26)
        letters = string.ascii_uppercase[remainder] + letters
    return letters


def new_pseudonym():
    """An unused "Site X", drawn at random from twice as many labels as there are sites."""
    taken = set(CollaborativeSite.objects.values_list("pseudonym", flat=True))
    pool = [
        label
        for number in range(2 * len(taken) + 26)
        if (label := f"Site {pseudonym_label(number)}") not in taken
    ]
    return secrets.choice(pool)


class CollaborativeSite(ClusterableModel):
    organization = models.ForeignKey(
        "portal.MemberOrganization",
        verbose_name=_("member organization"),
        on_delete=models.PROTECT,
        related_name="collaborative_sites",
    )
    code = models.SlugField(
        _("code"),
        max_length=20,
        unique=True,
        help_text=_("How the site is named in uploaded files, e.g. NORTH-SHORE."),
    )
    pseudonym = models.CharField(_("pseudonym"), max_length=20, unique=True, editable=False)
    joined_on = models.DateField(
        _("first month reported"), help_text=_("Reports are due from this month on.")
    )
    left_on = models.DateField(
        _("last month reported"), null=True, blank=True, help_text=_("Empty while it takes part.")
    )
    simulated = models.BooleanField(
        _("simulated data"),
        default=False,
        help_text=_(
            "Its figures are made up, for demonstration: every page that shows them says so."
        ),
    )
    coach = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("coach"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="coached_sites",
        help_text=_("The consortium staff member who reviews the site's submissions."),
    )

    panels = [
        FieldPanel("organization"),
        FieldPanel("code"),
        FieldPanel("joined_on"),
        FieldPanel("left_on"),
        FieldPanel("coach"),
        FieldPanel("simulated"),
        InlinePanel("people", heading=_("People"), label=_("person")),
    ]

    class Meta:
        ordering = ["code"]
        verbose_name = _("collaborative site")
        permissions = [
            ("coach_sites", _("Can coach every site of the collaborative (consortium staff)")),
        ]

    def __str__(self):
        return f"{self.organization} ({self.code})"

    def save(self, *args, **kwargs):
        if not self.pseudonym:
            self.pseudonym = new_pseudonym()
        super().save(*args, **kwargs)


class SitePerson(models.Model):
    """Someone who reports for a site (its data manager) or reads its charts (its team)."""

    class Role(models.TextChoices):
        DATA_MANAGER = "data_manager", _("Data manager (enters and submits the data)")
        TEAM = "team", _("Site team (reads the charts and reports)")

    site = ParentalKey(CollaborativeSite, on_delete=models.CASCADE, related_name="people")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="collaborative_roles",
    )
    role = models.CharField(_("role"), max_length=14, choices=Role.choices, default=Role.TEAM)

    panels = [FieldPanel("user"), FieldPanel("role")]

    class Meta:
        verbose_name = _("site person")
        constraints = [
            models.UniqueConstraint(fields=["site", "user"], name="collaborative_one_role_a_site")
        ]

    def __str__(self):
        return f"{self.user} at {self.site} ({self.get_role_display()})"
