"""The admin's screens for excellence reports and appreciative-inquiry interviews, for the
consortium's moderators (the models' permissions; the Moderators group holds them).

Reports come from members' form, never from the admin: the permission policy offers no "add".
Moderators correct a report (an address, a word that identifies someone), approve or decline
it with notes, record interviews, and draft a story from an approved, shareable report.
"""

from django.contrib.auth import get_user_model
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, HelpPanel, MultiFieldPanel
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import Button
from wagtail.permission_policies.base import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from .admin_views import DraftStoryView, ModerateReportView
from .models import AppreciativeInquiry, ExcellenceReport
from .models.interviews import standard_questions


class ReportPermissionPolicy(ModelPermissionPolicy):
    """Reports are written by members on the site: the admin only changes and removes them."""

    def user_has_permission(self, user, action):
        return action != "add" and super().user_has_permission(user, action)

    def users_with_any_permission(self, actions):
        actions = [action for action in actions if action != "add"]
        if not actions:
            return get_user_model().objects.none()
        return super().users_with_any_permission(actions)


register_permission_policy(ExcellenceReport, ReportPermissionPolicy(ExcellenceReport))


def report_buttons(report, user):
    """The moderators' actions on one report, as it stands."""
    buttons = []
    if report.status != ExcellenceReport.Status.APPROVED:
        buttons.append(
            Button(
                _("Moderate"),
                url=reverse("excellence_reports:moderate", args=[report.pk]),
                icon_name="tick-inverse",
                priority=5,
            )
        )
    if report.is_approved:
        buttons.append(
            Button(
                _("Record an interview"),
                url=reverse("excellence_interviews:add") + f"?report={report.pk}",
                icon_name="help",
                priority=6,
            )
        )
    if report.may_become_story:
        buttons.append(
            Button(
                _("Edit the story") if report.story_id else _("Draft a story"),
                url=(
                    reverse("wagtailadmin_pages:edit", args=[report.story_id])
                    if report.story_id
                    else reverse("excellence_reports:draft_story", args=[report.pk])
                ),
                icon_name="doc-full",
                priority=7,
            )
        )
    return buttons


class ReportIndexView(generic.IndexView):
    def get_list_more_buttons(self, instance):
        return report_buttons(instance, self.request.user) + super().get_list_more_buttons(instance)


class ReportEditView(generic.EditView):
    @property
    def header_more_buttons(self):
        return report_buttons(self.object, self.request.user) + super().header_more_buttons


class ExcellenceReportViewSet(ModelViewSet):
    model = ExcellenceReport
    icon = "pick"
    menu_label = _("Excellence reports")
    url_prefix = "excellence/reports"
    name = "excellence_reports"
    copy_view_enabled = False
    inspect_view_enabled = True
    index_view_class = ReportIndexView
    edit_view_class = ReportEditView
    list_display = [
        "recognized_name",
        "organization",
        Column("status", label=_("Status"), accessor="get_status_display"),
        DateColumn("created_at", label=_("Reported")),
        DateColumn("feedback_sent_at", label=_("Feedback e-mailed")),
    ]
    list_filter = ["status", "organization", "may_be_shared"]
    search_fields = ["recognized_name", "unit", "what_they_did"]
    ordering = ["-created_at"]
    panels = [
        HelpPanel(
            content=_(
                "Correct what needs it (a mistyped address, a word that could identify a "
                "patient), then approve or decline the report with “Moderate”."
            )
        ),
        MultiFieldPanel(
            [
                FieldPanel("recognized_kind"),
                FieldRowPanel([FieldPanel("recognized_name"), FieldPanel("recognized_email")]),
                FieldRowPanel([FieldPanel("organization"), FieldPanel("unit")]),
            ],
            heading=_("Who and where"),
        ),
        FieldPanel("what_they_did"),
        FieldPanel("why_it_mattered"),
        FieldPanel("themes"),
        MultiFieldPanel(
            [
                FieldPanel("reporter", read_only=True),
                FieldPanel("reporter_may_be_named", read_only=True),
                FieldPanel("may_be_shared", read_only=True),
                FieldPanel("recognized_may_be_named", read_only=True),
            ],
            heading=_("Consent (the reporter's and the recognized people's own choices)"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("status", read_only=True),
                FieldPanel("moderation_notes"),
                FieldPanel("feedback_sent_at", read_only=True),
                FieldPanel("feedback_attempts", read_only=True),
                FieldPanel("feedback_error", read_only=True),
            ],
            heading=_("Moderation"),
        ),
    ]

    def get_queryset(self, request):
        return ExcellenceReport.objects.select_related("organization", "reporter")

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("moderate/<int:pk>/", ModerateReportView.as_view(), name="moderate"),
            path("draft-story/<int:pk>/", DraftStoryView.as_view(), name="draft_story"),
        ]


class InterviewCreateView(generic.CreateView):
    def get_initial(self):
        initial = super().get_initial()
        if self.request.GET.get("report", "").isdigit():
            initial["report"] = self.request.GET["report"]
        initial.setdefault("interviewer", self.request.user.pk)
        conversation = AppreciativeInquiry._meta.get_field("conversation")
        initial["conversation"] = conversation.stream_block.to_python(
            [{"type": name, "value": value} for name, value in standard_questions()]
        )
        return initial


class AppreciativeInquiryViewSet(ModelViewSet):
    model = AppreciativeInquiry
    icon = "help"
    menu_label = _("Appreciative inquiry")
    url_prefix = "excellence/interviews"
    name = "excellence_interviews"
    copy_view_enabled = False
    add_view_class = InterviewCreateView
    list_display = ["interviewee", "report", "interviewed_on", "publish_insights"]
    ordering = ["-interviewed_on"]
    panels = [
        HelpPanel(
            content=_(
                "A short conversation (ten to fifteen minutes) about what made the good "
                "practice possible. Start from the standard questions; reword, remove or add "
                "as the conversation goes. No patient information."
            )
        ),
        FieldPanel("report"),
        FieldRowPanel([FieldPanel("interviewee"), FieldPanel("interviewed_on")]),
        FieldPanel("interviewer"),
        FieldPanel("conversation"),
        FieldPanel("insights"),
        FieldPanel("publish_insights"),
    ]

    def get_queryset(self, request):
        return AppreciativeInquiry.objects.select_related("report")


class ExcellenceViewSetGroup(ViewSetGroup):
    menu_label = _("Learning from excellence")
    menu_icon = "pick"
    menu_order = 280
    items = (ExcellenceReportViewSet, AppreciativeInquiryViewSet)
