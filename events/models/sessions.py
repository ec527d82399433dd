"""Sessions (an event's occurrences), registrations and evaluation answers.

Sessions are snippets, edited in the admin beside their event page: they carry what is not
page content (places, the joining link, registrations), so publishing a page never touches a
registration, and the joining link is never in a page revision, a search document or a cache.
"""

import datetime
import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.blocks import PageChooserBlock
from wagtail.fields import RichTextField, StreamField
from wagtail.search import index

from ..blocks import AgendaBlock, MaterialBlock, SpeakerBlock
from .pages import EventPage, Format

TIME_ZONES = [
    ("America/New_York", "America/New_York"),
    ("America/Chicago", "America/Chicago"),
    ("America/Denver", "America/Denver"),
    ("America/Los_Angeles", "America/Los_Angeles"),
    ("UTC", "UTC"),
]


class Session(index.Indexed, models.Model):
    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("Scheduled")
        CANCELLED = "cancelled", _("Cancelled")

    event = models.ForeignKey(
        EventPage,
        verbose_name=_("event"),
        on_delete=models.CASCADE,
        related_name="sessions",
        help_text=_("The event page in the site's default language."),
    )
    title = models.CharField(
        _("session title"),
        max_length=200,
        blank=True,
        help_text=_("What this session is about, for a series; empty for a one-off event."),
    )
    date = models.DateField(_("date"))
    start_time = models.TimeField(_("starts at"))
    end_time = models.TimeField(_("ends at"))
    time_zone = models.CharField(
        _("time zone"), max_length=64, choices=TIME_ZONES, default="America/New_York"
    )
    # Made from the four fields above when saved (aware, in UTC in the database).
    starts_at = models.DateTimeField(_("start"), editable=False, db_index=True)
    ends_at = models.DateTimeField(_("end"), editable=False)
    format = models.CharField(_("format"), max_length=20, choices=Format.choices)
    location = models.CharField(
        _("location"), max_length=300, blank=True, help_text=_("For in-person and hybrid.")
    )
    joining_link = models.URLField(
        _("joining link"),
        blank=True,
        help_text=_(
            "For online and hybrid sessions. Shown only to registered people, shortly before "
            "the start; never on the public page."
        ),
    )
    capacity = models.PositiveIntegerField(
        _("places"), null=True, blank=True, help_text=_("Empty: no limit.")
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.SCHEDULED
    )
    agenda = StreamField(AgendaBlock(), verbose_name=_("agenda"), blank=True)
    speakers = StreamField([("speaker", SpeakerBlock())], verbose_name=_("speakers"), blank=True)
    materials = StreamField(
        MaterialBlock(),
        verbose_name=_("slides and recordings"),
        blank=True,
        help_text=_(
            "Files in a members-only collection open only to staff of member organizations."
        ),
    )
    toolkits = StreamField(
        [("toolkit", PageChooserBlock(page_type="toolkits.ToolkitPage", label=_("toolkit")))],
        verbose_name=_("toolkits discussed"),
        blank=True,
    )
    summary_after = RichTextField(
        _("after the session"),
        features=["bold", "italic", "link", "ul"],
        blank=True,
        help_text=_("What was discussed, for people who missed it."),
    )

    panels = [
        FieldPanel("event"),
        FieldPanel("title"),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [FieldPanel("date"), FieldPanel("start_time"), FieldPanel("end_time")]
                ),
                FieldPanel("time_zone"),
            ],
            heading=_("When"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("format"), FieldPanel("capacity")]),
                FieldPanel("location"),
                FieldPanel("joining_link"),
                FieldPanel("status"),
            ],
            heading=_("Where and how many"),
        ),
        FieldPanel("agenda"),
        FieldPanel("speakers"),
        MultiFieldPanel(
            [FieldPanel("materials"), FieldPanel("toolkits"), FieldPanel("summary_after")],
            heading=_("After the session"),
        ),
    ]
    search_fields = [index.SearchField("title"), index.FilterField("starts_at")]

    class Meta:
        ordering = ["starts_at", "pk"]
        verbose_name = _("event session")
        verbose_name_plural = _("event sessions")
        permissions = [
            ("export_attendance", _("Can export attendance and read evaluations")),
        ]

    def __str__(self):
        when = timezone.localtime(self.starts_at, self.zone).strftime("%Y-%m-%d %H:%M")
        name = self.event.title if self.event_id else ""
        return f"{name}{': ' + self.title if self.title else ''} ({when})"

    @property
    def zone(self):
        return zoneinfo.ZoneInfo(self.time_zone)

    def clean(self):
        super().clean()
        errors = {}
        if self.start_time and self.end_time and self.end_time <= self.start_time:
            errors["end_time"] = _("A session ends after it starts.")
        if self.format in (Format.IN_PERSON, Format.HYBRID) and not self.location:
            errors["location"] = _("Say where people meet.")
        if self.time_zone not in zoneinfo.available_timezones():
            errors["time_zone"] = _("Choose a time zone.")
        if self.event_id and self.event.locale_id != self.event.get_default_locale().pk:
            errors["event"] = _("Choose the event page in the site's default language.")
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        zone = self.zone
        self.starts_at = datetime.datetime.combine(self.date, self.start_time, tzinfo=zone)
        self.ends_at = datetime.datetime.combine(self.date, self.end_time, tzinfo=zone)
        super().save(*args, **kwargs)

    @property
    def is_cancelled(self):
        return self.status == self.Status.CANCELLED

    @property
    def is_past(self):
        return self.ends_at < timezone.now()

    @property
    def is_online(self):
        return self.format in (Format.ONLINE, Format.HYBRID)

    def local_start(self):
        return timezone.localtime(self.starts_at, self.zone)

    def local_end(self):
        return timezone.localtime(self.ends_at, self.zone)

    def confirmed_count(self):
        return self.registrations.filter(status=Registration.Status.CONFIRMED).count()


class Registration(models.Model):
    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("Registered")
        WAITING = "waiting", _("On the waiting list")
        CANCELLED = "cancelled", _("Cancelled")

    session = models.ForeignKey(
        Session, verbose_name=_("session"), on_delete=models.PROTECT, related_name="registrations"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="event_registrations",
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices)
    registered_at = models.DateTimeField(_("registered at"), default=timezone.now)
    # When the person last registered: the waiting list's order.
    queued_at = models.DateTimeField(default=timezone.now, editable=False)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    # What has been e-mailed (each at most once: events.emails).
    confirmation_sent_for = models.CharField(max_length=20, blank=True, editable=False)
    reminder_sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    evaluation_sent_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        constraints = [
            models.UniqueConstraint(fields=["session", "user"], name="one_registration_a_person")
        ]
        ordering = ["queued_at", "pk"]

    def __str__(self):
        return f"{self.user} – {self.session}"

    @property
    def is_active(self):
        return self.status != self.Status.CANCELLED


class EvaluationResponse(models.Model):
    """One attendee's answers about one session (one at most: the registration is unique)."""

    class Apply(models.TextChoices):
        YES = "yes", _("Yes")
        MAYBE = "maybe", _("Perhaps")
        NO = "no", _("No")

    registration = models.OneToOneField(
        Registration, on_delete=models.CASCADE, related_name="evaluation"
    )
    usefulness = models.PositiveSmallIntegerField(
        _("How useful was the session to your work?"),
        validators=[MinValueValidator(1), MaxValueValidator(5)],
        help_text=_("1: not useful, 5: very useful"),
    )
    will_apply = models.CharField(
        _("Will you change something in your practice because of it?"),
        max_length=10,
        choices=Apply.choices,
    )
    best = models.TextField(_("What was most useful?"), max_length=2000, blank=True)
    improve = models.TextField(_("What should we change next time?"), max_length=2000, blank=True)
    submitted_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("evaluation answer")
        verbose_name_plural = _("evaluation answers")

    def __str__(self):
        return str(self.registration)
