"""The events listing, one-off event pages and series pages (learning sessions).

A page says what an event is and who it is for; its sessions (events.models.sessions) say
when. A one-off event has one session, a series many, made from its rule (events.series) or
added by staff. Sessions belong to the page in the default language: translations show the
same sessions, so registrations never split between languages.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Locale, Page
from wagtail.search import index

from ..blocks import AgendaBlock, SpeakerBlock
from ..rules import validate_rule


class Audience(models.TextChoices):
    PUBLIC = "public", _("Everyone")
    MEMBERS = "members", _("Staff of member organizations")
    WORK_GROUP = "work_group", _("One work group")


class Format(models.TextChoices):
    ONLINE = "online", _("Online")
    IN_PERSON = "in_person", _("In person")
    HYBRID = "hybrid", _("Hybrid (online and in person)")


class EventIndexPage(Page):
    """Upcoming and past events below it, filtered by audience and topic (plain GET form)."""

    introduction = models.TextField(_("introduction"), max_length=600, blank=True)

    content_panels = Page.content_panels + [FieldPanel("introduction")]
    parent_page_types = ["portal.HomePage"]
    subpage_types = ["events.EventPage", "events.EventSeriesPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("events listing")

    def get_context(self, request, *args, **kwargs):
        # events.listing reads these models
        from ..listing import listing_context

        context = super().get_context(request, *args, **kwargs)
        context.update(listing_context(self, request))
        return context


class EventPage(RoutablePageMixin, Page):
    """A one-off event; EventSeriesPage adds a rule for recurring sessions."""

    summary = models.TextField(
        _("summary"), max_length=400, help_text=_("Shown in the listing and search results.")
    )
    audience = models.CharField(
        _("who may attend"), max_length=20, choices=Audience.choices, default=Audience.PUBLIC
    )
    work_group_space = models.ForeignKey(
        "workgroups.WorkGroupSpacePage",
        verbose_name=_("work group"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("For events of one work group: the group's space."),
    )
    topics = ParentalManyToManyField(
        "toolkits.Topic", verbose_name=_("topics"), related_name="events", blank=True
    )
    description = RichTextField(
        _("description"), features=["bold", "italic", "link", "ol", "ul", "h3"]
    )
    agenda = StreamField(AgendaBlock(), verbose_name=_("agenda"), blank=True)
    speakers = StreamField([("speaker", SpeakerBlock())], verbose_name=_("speakers"), blank=True)

    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("description"),
        index.SearchField("agenda"),
        index.SearchField("speakers"),
    ]
    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("audience"), FieldPanel("work_group_space")])],
            heading=_("Who it is for"),
        ),
        FieldPanel("topics", widget=forms.CheckboxSelectMultiple),
        FieldPanel("description"),
        FieldPanel("agenda"),
        FieldPanel("speakers"),
    ]
    parent_page_types = ["events.EventIndexPage"]
    subpage_types = []
    template = "events/event_page.html"

    class Meta:
        verbose_name = _("event")

    def clean(self):
        super().clean()
        if self.audience == Audience.WORK_GROUP and not self.work_group_space_id:
            raise ValidationError(
                {"work_group_space": _("Choose the work group whose event this is.")}
            )
        if self.audience != Audience.WORK_GROUP and self.work_group_space_id:
            raise ValidationError(
                {"work_group_space": _("Only an event for one work group names a work group.")}
            )

    @property
    def source_page(self):
        """The page in the default language, which the sessions belong to."""
        if self.locale_id == Locale.get_default().pk:
            return self
        original = self.get_translation_or_none(Locale.get_default())
        return original.specific if original is not None else self

    @property
    def event_sessions(self):
        # sessions.py names this model in its foreign key
        from .sessions import Session

        return Session.objects.filter(event__translation_key=self.translation_key).order_by(
            "starts_at", "pk"
        )

    def upcoming_sessions(self):
        return self.event_sessions.filter(ends_at__gte=timezone.now())

    def past_sessions(self):
        return self.event_sessions.filter(ends_at__lt=timezone.now()).order_by("-starts_at")

    def get_sitemap_urls(self, request=None):
        # Only events open to everyone are offered to search engines.
        if self.audience != Audience.PUBLIC:
            return []
        return super().get_sitemap_urls(request)

    def get_context(self, request, *args, **kwargs):
        # events.event_view reads these models
        from ..event_view import event_context

        context = super().get_context(request, *args, **kwargs)
        context.update(event_context(self, request))
        return context

    # The views of the routes below, by name: events.apps puts them here when the app is ready
    # (the views import these models, so the models do not import the views).
    route_views = {}

    @path("sessions/<int:session_id>/register/", name="register")
    def register(self, request, session_id):
        return self.route_views["register"](request, self, session_id)

    @path("sessions/<int:session_id>/cancel/", name="cancel")
    def cancel(self, request, session_id):
        return self.route_views["cancel"](request, self, session_id)

    @path("sessions/<int:session_id>/calendar/", name="calendar")
    def calendar(self, request, session_id):
        return self.route_views["calendar"](request, self, session_id)

    @path("sessions/<int:session_id>/join/", name="join")
    def join(self, request, session_id):
        return self.route_views["join"](request, self, session_id)


class EventSeriesPage(EventPage):
    """A series of sessions, such as the monthly learning session on the second Tuesday."""

    class Frequency(models.TextChoices):
        MONTHLY = "monthly", _("Monthly")
        WEEKLY = "weekly", _("Weekly")

    class Week(models.IntegerChoices):
        FIRST = 1, _("first")
        SECOND = 2, _("second")
        THIRD = 3, _("third")
        FOURTH = 4, _("fourth")
        LAST = -1, _("last")

    class Weekday(models.IntegerChoices):
        MONDAY = 0, _("Monday")
        TUESDAY = 1, _("Tuesday")
        WEDNESDAY = 2, _("Wednesday")
        THURSDAY = 3, _("Thursday")
        FRIDAY = 4, _("Friday")

    frequency = models.CharField(
        _("how often"), max_length=10, choices=Frequency.choices, default=Frequency.MONTHLY
    )
    week_of_month = models.SmallIntegerField(
        _("week of the month"),
        choices=Week.choices,
        default=Week.SECOND,
        help_text=_("For a monthly series."),
    )
    weekday = models.SmallIntegerField(_("day"), choices=Weekday.choices, default=1)
    start_time = models.TimeField(_("starts at"), null=True, blank=True)
    end_time = models.TimeField(_("ends at"), null=True, blank=True)
    first_date = models.DateField(_("first session on or after"), null=True, blank=True)
    until_date = models.DateField(_("last session on or before"), null=True, blank=True)
    time_zone = models.CharField(_("time zone"), max_length=64, default="America/New_York")
    default_format = models.CharField(
        _("format"), max_length=20, choices=Format.choices, default=Format.ONLINE
    )
    default_capacity = models.PositiveIntegerField(
        _("places per session"), null=True, blank=True, help_text=_("Empty: no limit.")
    )

    content_panels = EventPage.content_panels + [
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [FieldPanel("frequency"), FieldPanel("week_of_month"), FieldPanel("weekday")]
                ),
                FieldRowPanel(
                    [FieldPanel("start_time"), FieldPanel("end_time"), FieldPanel("time_zone")]
                ),
                FieldRowPanel([FieldPanel("first_date"), FieldPanel("until_date")]),
                FieldRowPanel([FieldPanel("default_format"), FieldPanel("default_capacity")]),
            ],
            heading=_("Rule for the sessions"),
            help_text=_(
                "Publishing adds the sessions the rule gives that are missing; sessions already "
                "made (and their registrations) are never changed or removed by the rule."
            ),
        ),
    ]
    template = "events/event_page.html"

    class Meta:
        verbose_name = _("event series")

    def clean(self):
        super().clean()
        errors = validate_rule(self)
        if errors:
            raise ValidationError(errors)
