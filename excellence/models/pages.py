"""“Learning from excellence”: published stories of good sepsis practice, written by staff from
approved reports whose reporters agreed to share them, and the index page that lists them.

A story names people only when the reporter and those recognized both agreed
(ExcellenceReport.story_may_name); otherwise it says who in general words ("a night nursing
team in an emergency department"). Its themes are the toolkits' topics, so the toolkits on the
same topics show it.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, HelpPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from ..identifiers import refuse_patient_identifiers

STORY_FEATURES = ["bold", "italic", "link", "ol", "ul"]
STORIES_PER_PAGE = 12


class ExcellenceIndexPage(Page):
    introduction = models.TextField(_("introduction"), max_length=600)

    content_panels = Page.content_panels + [FieldPanel("introduction")]
    search_fields = Page.search_fields + [index.SearchField("introduction")]
    parent_page_types = ["portal.HomePage"]
    subpage_types = ["excellence.ExcellenceStoryPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("learning from excellence index")

    def stories(self, theme=None):
        stories = (
            ExcellenceStoryPage.objects.live()
            .public()
            .child_of(self)
            .order_by("-first_published_at")
            .prefetch_related("themes")
        )
        if theme is not None:
            stories = stories.filter(themes=theme)
        return stories

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        themes = {term.slug: term for story in self.stories() for term in story.themes.all()}
        theme = themes.get(request.GET.get("theme", ""))
        paginator = Paginator(self.stories(theme), STORIES_PER_PAGE)
        context["stories"] = paginator.get_page(request.GET.get("page"))
        context["themes"] = sorted(themes.values(), key=lambda t: (t.sort_order, t.name))
        context["theme"] = theme
        return context


class ExcellenceStoryPage(Page):
    summary = models.TextField(
        _("summary"),
        max_length=400,
        validators=[refuse_patient_identifiers],
        help_text=_("One or two sentences for the list of stories and search results."),
    )
    recognized = models.CharField(
        _("who is recognized"),
        max_length=160,
        validators=[refuse_patient_identifiers],
        help_text=_(
            "Their names only if the reporter and the people recognized both agreed; "
            "otherwise a description such as “a night nursing team in an emergency department”."
        ),
    )
    what_they_did = RichTextField(_("what they did"), features=STORY_FEATURES)
    why_it_mattered = RichTextField(_("why it mattered"), features=STORY_FEATURES)
    insights = RichTextField(
        _("insights from the appreciative inquiry"),
        features=STORY_FEATURES,
        blank=True,
        help_text=_("Only what the interviewee agreed to publish."),
    )
    themes = ParentalManyToManyField(
        "toolkits.Topic",
        verbose_name=_("themes"),
        related_name="excellence_stories",
        blank=True,
        help_text=_("The toolkits on these topics show this story."),
    )
    # The report it was drafted from: staff's record only, never shown.
    source_report = models.ForeignKey(
        "excellence.ExcellenceReport",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )

    content_panels = Page.content_panels + [
        HelpPanel(
            content=_(
                "No patient information: no names, dates, record numbers or details that "
                "would let a reader work out who the patient was."
            )
        ),
        FieldPanel("summary"),
        FieldPanel("recognized"),
        MultiFieldPanel(
            [FieldPanel("what_they_did"), FieldPanel("why_it_mattered"), FieldPanel("insights")],
            heading=_("The story"),
        ),
        FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("recognized"),
        index.SearchField("what_they_did"),
        index.SearchField("why_it_mattered"),
        index.SearchField("insights"),
    ]
    parent_page_types = ["excellence.ExcellenceIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("excellence story")

    def clean(self):
        super().clean()
        errors = {}
        for name in ("title", "what_they_did", "why_it_mattered", "insights"):
            try:
                refuse_patient_identifiers(strip_tags(getattr(self, name) or ""))
            except ValidationError as error:
                errors[name] = error.messages
        if errors:
            raise ValidationError(errors)
