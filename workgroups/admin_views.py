"""Promoting an approved draft into a toolkit, in the Wagtail admin, for consortium staff.

The view only asks and reports; workgroups.drafts.promote decides and does the work.
"""

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from portal.views import Forbidden403Mixin
from toolkits import promotion

from . import access, drafts
from .models import DraftToolPage, Promotion


class PromotionForm(forms.Form):
    NEW = "new"
    VERSION = "version"

    target = forms.ChoiceField(
        label=gettext_lazy("Make it into"),
        choices=[
            (NEW, gettext_lazy("A new toolkit")),
            (VERSION, gettext_lazy("A new version of an existing toolkit")),
        ],
        initial=NEW,
        widget=forms.RadioSelect,
    )
    toolkit = forms.ModelChoiceField(
        label=gettext_lazy("Toolkit"),
        queryset=None,
        required=False,
        help_text=gettext_lazy("For a new version: the toolkit it replaces."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["toolkit"].queryset = promotion.toolkits()

    def clean(self):
        data = super().clean()
        if data.get("target") == self.VERSION and not data.get("toolkit"):
            self.add_error("toolkit", _("Choose the toolkit this draft is a new version of."))
        if data.get("target") == self.NEW:
            data["toolkit"] = None
        return data


class PromoteDraftView(Forbidden403Mixin, WagtailAdminTemplateMixin, FormView):
    form_class = PromotionForm
    template_name = "workgroups/admin/promote.html"
    header_icon = "upload"
    page_title = gettext_lazy("Promote to a toolkit")

    permission_denied_reason = gettext_lazy("Only consortium staff promote drafts into toolkits.")

    def check_access(self, request, page_id):
        if not access.is_staff(request.user):
            raise PermissionDenied
        self.draft = DraftToolPage.objects.filter(pk=page_id).first()
        if self.draft is None:
            raise Http404
        self.work_group = drafts.work_group_of(self.draft)

    def get_page_subtitle(self):
        return self.draft.get_admin_display_title()

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {
                "url": reverse("wagtailadmin_pages:edit", args=[self.draft.pk]),
                "label": self.draft.get_admin_display_title(),
            },
            {"url": "", "label": self.get_page_title()},
        ]

    def refusal(self):
        if not self.draft.live:
            return _(
                "“%(title)s” has not been approved yet. A draft can be promoted once it has "
                "passed work group review and consortium approval."
            ) % {"title": self.draft.get_admin_display_title()}
        return None

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            draft=self.draft,
            work_group=self.work_group,
            refusal=self.refusal(),
            earlier=Promotion.objects.filter(draft=self.draft).select_related(
                "toolkit", "promoted_by"
            ),
            action_url=reverse("workgroups_promote_draft", args=[self.draft.pk]),
            submit_button_label=_("Promote"),
            submit_button_active_label=_("Promoting…"),
            **kwargs,
        )

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        if self.refusal():
            response.status_code = 400
        return response

    def form_valid(self, form):
        try:
            result = drafts.promote(
                self.draft, user=self.request.user, toolkit=form.cleaned_data["toolkit"]
            )
        except drafts.PromotionError as error:
            form.add_error(None, str(error))
            return self.form_invalid(form, status=400)
        toolkit = result.toolkit
        edit_url = reverse("wagtailadmin_pages:edit", args=[toolkit.pk])
        if result.promotion.as_new_version:
            message = _(
                "Version %(version)s of “%(title)s” is ready as a draft. Check it and publish "
                "it when it is ready."
            )
        else:
            message = _(
                "“%(title)s” is a new toolkit, not yet published. Fill in its care settings, "
                "audiences, recommendation and rationale and add its files, then publish it."
            )
        messages.success(
            self.request,
            message % {"title": toolkit.title, "version": toolkit.version},
            buttons=[messages.button(edit_url, _("Edit"))],
        )
        if result.private_documents:
            messages.warning(
                self.request,
                _(
                    "It links to files in the work group's private collection, which the "
                    "toolkit's readers cannot open: %(files)s. Move them to a toolkit "
                    "collection."
                )
                % {"files": ", ".join(document.title for document in result.private_documents)},
            )
        return redirect(edit_url)

    def form_invalid(self, form, status=200):
        return TemplateResponse(
            self.request,
            self.template_name,
            self.get_context_data(form=form),
            status=status,
        )
