"""The toolkit catalog and toolkit pages."""

from django import forms
from django.conf import settings
from django.db import models
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from portal.models import ConsortiumSettings, ReviewedContentMixin

from ..blocks import EvidenceStreamBlock, ToolkitStreamBlock
from ..page_forms import NO_FILES_CONFIRMATION, NoFilesConfirmationPanel, ToolkitPageForm

# The hook through which other apps credit a toolkit's authors on its page.
CREDITS_HOOK = "register_toolkit_credits"
# The hook through which other apps show their content on the same topics on a toolkit's page:
# each answers (page, request) with a list of {"heading", "items": [{"title", "url", "text"}]}.
RELATED_CONTENT_HOOK = "register_related_content"

LICENSES = [
    ("cc-by-4.0", "Creative Commons Attribution 4.0 International (CC BY 4.0)"),
    ("cc-by-nc-4.0", "Creative Commons Attribution-NonCommercial 4.0 International (CC BY-NC 4.0)"),
    (
        "cc-by-nc-sa-4.0",
        "Creative Commons Attribution-NonCommercial-ShareAlike 4.0 (CC BY-NC-SA 4.0)",
    ),
    ("members", "For use by member organizations of the consortium only"),
]


class ToolkitIndexPage(Page):
    """The catalog: every toolkit below it, filtered by the query string."""

    introduction = models.TextField(_("introduction"), max_length=600)

    content_panels = Page.content_panels + [FieldPanel("introduction")]
    parent_page_types = ["portal.HomePage"]
    subpage_types = ["toolkits.ToolkitPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("toolkit catalog")

    def get_context(self, request, *args, **kwargs):
        # toolkits.catalog imports these models
        from ..catalog import catalog_context

        context = super().get_context(request, *args, **kwargs)
        context.update(catalog_context(self, request))
        return context


class ToolkitPage(RoutablePageMixin, ReviewedContentMixin, Page):
    summary = models.TextField(
        _("what it is for and for whom"),
        max_length=600,
        help_text=_("Shown in the catalog and at the top of the page."),
    )
    care_settings = ParentalManyToManyField(
        "toolkits.CareSetting", verbose_name=_("care settings"), related_name="toolkits"
    )
    audiences = ParentalManyToManyField(
        "toolkits.Audience", verbose_name=_("audiences"), related_name="toolkits"
    )
    populations = ParentalManyToManyField(
        "toolkits.Population", verbose_name=_("populations"), related_name="toolkits"
    )
    topics = ParentalManyToManyField(
        "toolkits.Topic", verbose_name=_("topics"), related_name="toolkits"
    )
    recommendation = RichTextField(
        _("recommendation"), features=["bold", "italic", "link", "ol", "ul"]
    )
    rationale = RichTextField(_("rationale"), features=["bold", "italic", "link", "ol", "ul"])
    body = StreamField(
        ToolkitStreamBlock(), verbose_name=_("the tools and implementation examples"), blank=True
    )
    evidence = StreamField(EvidenceStreamBlock(), verbose_name=_("evidence"), blank=True)
    version = models.CharField(
        _("version"),
        max_length=20,
        default="1.0",
        help_text=_(
            "e.g. 2.0. Publishing a new number keeps the old version and tells subscribers."
        ),
    )
    release_date = models.DateField(_("release date"))
    change_log = RichTextField(
        _("what changed in this version"),
        features=["bold", "italic", "link", "ul"],
        blank=True,
    )
    license = models.CharField(_("license"), max_length=20, choices=LICENSES, default="cc-by-4.0")
    related_toolkits = ParentalManyToManyField(
        "self", verbose_name=_("related toolkits"), blank=True, symmetrical=False
    )

    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("recommendation"),
        index.SearchField("rationale"),
        index.SearchField("body"),
        index.FilterField("release_date"),
    ]
    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldPanel("care_settings", widget=forms.CheckboxSelectMultiple),
                FieldPanel("audiences", widget=forms.CheckboxSelectMultiple),
                FieldPanel("populations", widget=forms.CheckboxSelectMultiple),
                FieldPanel("topics", widget=forms.CheckboxSelectMultiple),
            ],
            heading=_("Who and what it is for (catalog filters)"),
        ),
        FieldPanel("recommendation"),
        FieldPanel("rationale"),
        FieldPanel("body"),
        InlinePanel("resources", heading=_("Resource files"), label=_("file")),
        NoFilesConfirmationPanel(NO_FILES_CONFIRMATION),
        FieldPanel("evidence"),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [
                        FieldPanel("version"),
                        FieldPanel(
                            "release_date",
                            help_text=_(
                                "The day this version is released. A new version needs its "
                                "own date: the page and the e-mail to subscribers give it."
                            ),
                        ),
                    ]
                ),
                FieldPanel("change_log"),
                FieldPanel("license"),
            ],
            heading=_("Version and license"),
        ),
        FieldPanel("related_toolkits"),
        *ReviewedContentMixin.review_panels,
    ]
    parent_page_types = ["toolkits.ToolkitIndexPage"]
    subpage_types = []
    # Refuses to publish a new version with the previous version's change log.
    base_form_class = ToolkitPageForm

    class Meta:
        verbose_name = _("toolkit")

    @property
    def license_name(self):
        return dict(LICENSES).get(self.license, self.license)

    @property
    def earlier_versions(self):
        return self.versions.exclude(version=self.version).order_by("-release_date")

    def get_context(self, request, *args, **kwargs):
        # toolkits.updates imports these models (and auth's views the user model)
        from django.contrib.auth.views import redirect_to_login

        from ..updates import active_subscription

        context = super().get_context(request, *args, **kwargs)
        subscription = active_subscription(request.user, self)
        context["subscribed"] = subscription is not None
        context["subscribed_by_download"] = (
            subscription is not None and subscription.source == subscription.Source.DOWNLOAD
        )
        # Who made it, from the apps that know (work groups register the groups whose drafts
        # became this toolkit): dicts of "text" and "url".
        context["credits"] = [
            credit for credits in hooks.get_hooks(CREDITS_HOOK) for credit in credits(self)
        ]
        context["related_content"] = [
            section
            for related in hooks.get_hooks(RELATED_CONTENT_HOOK)
            for section in related(self, request)
            if section.get("items")
        ]
        if not request.user.is_authenticated:
            context["login_url"] = redirect_to_login(self.url).url
        return context

    def citation_for(self, request):
        return self.how_to_cite(request, ConsortiumSettings.for_request(request).consortium_name)

    # The views of the routes below, by name: toolkits.apps puts them here when the app is
    # ready (the views import these models, so the models do not import the views).
    route_views = {}

    @path("download-all/", name="download_all")
    def download_all(self, request):
        return self.route_views["download_all"](request, self, self.citation_for(request))

    @path("updates/", name="subscription")
    def subscription(self, request):
        return self.route_views["subscription"](request, self)

    def how_to_cite(self, request, consortium_name):
        """A citation of this version, in a plain author-title-version-date-URL form."""
        released = date_format(self.release_date, "YEAR_MONTH_FORMAT")
        return (
            f"{consortium_name}. {self.title}. Version {self.version}, {released}. "
            f"{self.get_full_url(request)}"
        )


class ToolkitResource(Orderable):
    """A file offered on a toolkit page. Members-only files are in a restricted collection."""

    page = ParentalKey(ToolkitPage, on_delete=models.CASCADE, related_name="resources")
    document = models.ForeignKey(
        settings.WAGTAILDOCS_DOCUMENT_MODEL,
        verbose_name=_("file"),
        on_delete=models.PROTECT,
        related_name="toolkit_resources",
    )
    description = models.CharField(_("description"), max_length=255, blank=True)

    panels = [FieldPanel("document"), FieldPanel("description")]

    class Meta(Orderable.Meta):
        verbose_name = _("resource file")
