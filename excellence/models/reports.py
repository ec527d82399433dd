"""An excellence report: good sepsis practice one member's staff saw another person or team do,
the reporter's consent, staff's moderation, and the positive feedback e-mailed to those named.

Reports are private records, never pages and never searchable: the reporter, the consortium's
moderators (the model's permissions) and, through a signed link, the person named see one. A
story for the public is a separate page staff write from an approved, shareable report.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..identifiers import refuse_patient_identifiers


class ExcellenceReport(models.Model):
    class Recognized(models.TextChoices):
        PERSON = "person", _("A person")
        TEAM = "team", _("A team")

    class Status(models.TextChoices):
        PENDING = "pending", _("Awaiting moderation")
        APPROVED = "approved", _("Approved")
        DECLINED = "declined", _("Declined")

    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reported by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="excellence_reports",
    )
    reporter_organization = models.ForeignKey(
        "portal.MemberOrganization",
        verbose_name=_("reporter's organization"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    recognized_kind = models.CharField(
        _("who you are recognizing"),
        max_length=10,
        choices=Recognized.choices,
        default=Recognized.PERSON,
    )
    recognized_name = models.CharField(
        _("their name (or the team's)"),
        max_length=120,
        validators=[refuse_patient_identifiers],
        help_text=_("e.g. Alex Rivera, RN; or the 4 West night nursing team."),
    )
    recognized_email = models.EmailField(
        _("their e-mail address"),
        help_text=_("They receive your feedback here once staff approve the report."),
    )
    organization = models.ForeignKey(
        "portal.MemberOrganization",
        verbose_name=_("where it happened"),
        on_delete=models.PROTECT,
        related_name="excellence_reports",
    )
    unit = models.CharField(
        _("unit or department"),
        max_length=120,
        blank=True,
        validators=[refuse_patient_identifiers],
        help_text=_("e.g. emergency department, pediatric intensive care, 4 West."),
    )
    what_they_did = models.TextField(
        _("what they did"), max_length=3000, validators=[refuse_patient_identifiers]
    )
    why_it_mattered = models.TextField(
        _("why it mattered"), max_length=3000, validators=[refuse_patient_identifiers]
    )
    themes = models.ManyToManyField(
        "toolkits.Topic",
        verbose_name=_("themes"),
        blank=True,
        related_name="excellence_reports",
    )
    reporter_may_be_named = models.BooleanField(
        _("my name may be given with this report"),
        default=False,
        help_text=_("If not, the people you recognize hear that a colleague reported it."),
    )
    may_be_shared = models.BooleanField(
        _("this may be shared as a de-identified story"),
        default=False,
        help_text=_(
            "Staff may write it up as a “Learning from excellence” story for all members and "
            "the public, without names unless everyone named agrees."
        ),
    )
    # The person or team named answers this on the page their e-mail links to.
    recognized_may_be_named = models.BooleanField(
        _("the people recognized agree to be named in a story"), default=False
    )

    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    moderation_notes = models.TextField(
        _("moderation notes"),
        blank=True,
        help_text=_("For the consortium's staff only; never sent or published."),
    )
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("moderated by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    moderated_at = models.DateTimeField(_("moderated at"), null=True, blank=True)

    feedback_sent_at = models.DateTimeField(_("feedback e-mailed at"), null=True, blank=True)
    feedback_attempts = models.PositiveSmallIntegerField(_("feedback e-mail attempts"), default=0)
    feedback_error = models.CharField(_("last e-mail error"), max_length=300, blank=True)

    story = models.ForeignKey(
        "excellence.ExcellenceStoryPage",
        verbose_name=_("story"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("reported at"), auto_now_add=True)

    class Meta:
        verbose_name = _("excellence report")
        verbose_name_plural = _("excellence reports")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.recognized_name}, {self.organization}"

    @property
    def is_approved(self):
        return self.status == self.Status.APPROVED

    @property
    def may_become_story(self):
        return self.is_approved and self.may_be_shared

    @property
    def story_may_name(self):
        """A story names people only when the reporter and those recognized both agreed."""
        return self.reporter_may_be_named and self.recognized_may_be_named

    @property
    def reporter_display(self):
        if self.reporter_may_be_named and self.reporter is not None:
            return self.reporter.get_full_name() or self.reporter.get_username()
        return None
