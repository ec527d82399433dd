"""Appreciative inquiry: a short interview (ten to fifteen minutes) with the people behind an
approved report, asking what made success possible, so that others can repeat it. Staff record
it in the admin from a template of standard questions; its insights may be published with the
report's story."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.html import strip_tags
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.fields import StreamField

from ..identifiers import refuse_patient_identifiers

# The questions every interview starts from; staff may reword, drop or add questions.
STANDARD_QUESTIONS = (
    _("Tell me about the moment this went well. What happened, step by step?"),
    _("What helped you do it well: people, tools, routines, the way the unit works?"),
    _("What did you do that you would not usually notice or mention?"),
    _("When has this gone well before? What was the same each time?"),
    _("What would help it happen this way more often, for every patient?"),
    _("What would you tell a colleague who is new to the unit?"),
)


class QuestionBlock(blocks.StructBlock):
    question = blocks.CharBlock(label=_("question"), max_length=300)
    answer = blocks.TextBlock(label=_("what they said"), required=False)

    class Meta:
        icon = "help"
        label = _("question and answer")


def standard_questions():
    """The template a new interview's form opens with (viewsets), in the interviewer's
    language."""
    return [("question", {"question": gettext(str(q)), "answer": ""}) for q in STANDARD_QUESTIONS]


class AppreciativeInquiry(models.Model):
    report = models.ForeignKey(
        "excellence.ExcellenceReport",
        verbose_name=_("excellence report"),
        on_delete=models.CASCADE,
        related_name="interviews",
        limit_choices_to={"status": "approved"},
    )
    interviewee = models.CharField(
        _("who was interviewed"),
        max_length=120,
        validators=[refuse_patient_identifiers],
        help_text=_("A name or a role, e.g. the charge nurse on the night shift."),
    )
    interviewed_on = models.DateField(_("date of the interview"))
    interviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("interviewer"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    conversation = StreamField(
        [("question", QuestionBlock())],
        verbose_name=_("questions and answers"),
        blank=True,
    )
    insights = models.TextField(
        _("insights"),
        blank=True,
        max_length=3000,
        validators=[refuse_patient_identifiers],
        help_text=_("What others can learn: a few sentences, in words fit to be shared."),
    )
    publish_insights = models.BooleanField(
        _("the insights may be published with the story"),
        default=False,
        help_text=_("Only with the interviewee's agreement. The answers are never published."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("appreciative inquiry interview")
        verbose_name_plural = _("appreciative inquiry interviews")
        ordering = ["-interviewed_on", "-pk"]

    def __str__(self):
        return f"{self.interviewee}, {self.interviewed_on:%Y-%m-%d}"

    def clean(self):
        super().clean()
        for child in self.conversation or []:
            for text in (child.value.get("question"), child.value.get("answer")):
                try:
                    refuse_patient_identifiers(strip_tags(text or ""))
                except ValidationError as error:
                    raise ValidationError({"conversation": error.messages}) from error
