"""The moderators' own admin views: approving or declining a report, and drafting a story from
an approved, shareable one. The views ask and report; excellence.moderation decides and acts."""

from django import forms
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from portal.views import Forbidden403Mixin

from . import access, moderation
from .models import ExcellenceReport


class ModerationForm(forms.Form):
    decision = forms.ChoiceField(
        label=gettext_lazy("Decision"),
        choices=[
            ("approve", gettext_lazy("Approve: e-mail the feedback to the people named")),
            ("decline", gettext_lazy("Decline")),
        ],
        widget=forms.RadioSelect,
    )
    notes = forms.CharField(
        label=gettext_lazy("Notes"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy("For the moderators only (required to decline)."),
    )


class ReportAdminView(Forbidden403Mixin, WagtailAdminTemplateMixin, FormView):
    permission_denied_reason = gettext_lazy("Only the consortium's moderators handle reports.")
    header_icon = "pick"

    def check_access(self, request, pk):
        if not access.may_moderate(request.user):
            raise PermissionDenied
        self.report = get_object_or_404(
            ExcellenceReport.objects.select_related("organization", "reporter"), pk=pk
        )

    def get_page_subtitle(self):
        return str(self.report)

    def edit_url(self):
        return reverse("excellence_reports:edit", args=[self.report.pk])

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("excellence_reports:index"), "label": _("Excellence reports")},
            {"url": self.edit_url(), "label": str(self.report)},
            {"url": "", "label": self.get_page_title()},
        ]

    def form_invalid(self, form, status=400):
        return TemplateResponse(
            self.request, self.template_name, self.get_context_data(form=form), status=status
        )


class ModerateReportView(ReportAdminView):
    form_class = ModerationForm
    template_name = "excellence/admin/moderate.html"
    page_title = gettext_lazy("Moderate an excellence report")

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            report=self.report,
            action_url=reverse("excellence_reports:moderate", args=[self.report.pk]),
            submit_button_label=_("Save the decision"),
            **kwargs,
        )

    def form_valid(self, form):
        notes = form.cleaned_data["notes"]
        try:
            if form.cleaned_data["decision"] == "approve":
                moderation.approve(self.report, self.request.user, notes)
                message = _("Report approved. The feedback is on its way to %(email)s.") % {
                    "email": self.report.recognized_email
                }
            else:
                moderation.decline(self.report, self.request.user, notes)
                message = _("Report declined.")
        except moderation.ModerationError as error:
            form.add_error(None, str(error))
            return self.form_invalid(form)
        messages.success(self.request, message)
        return redirect("excellence_reports:index")


class DraftStoryView(ReportAdminView):
    form_class = forms.Form
    template_name = "excellence/admin/draft_story.html"
    page_title = gettext_lazy("Draft a story")

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            report=self.report,
            named=self.report.story_may_name,
            action_url=reverse("excellence_reports:draft_story", args=[self.report.pk]),
            submit_button_label=_("Draft the story"),
            **kwargs,
        )

    def form_valid(self, form):
        index = moderation.story_index()
        if (
            index is not None
            and not index.permissions_for_user(self.request.user).can_add_subpage()
        ):
            form.add_error(
                None, _("You may not add pages below “%(title)s”.") % {"title": index.title}
            )
            return self.form_invalid(form, status=403)
        try:
            story = moderation.draft_story(self.report, index, self.request.user)
        except moderation.ModerationError as error:
            form.add_error(None, str(error))
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("The story is a draft. Check that it names no patient, edit it, then publish it."),
        )
        return redirect("wagtailadmin_pages:edit", story.pk)
