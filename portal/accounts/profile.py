"""The user's own profile page: name, job title and the member organization they work for.

Users only *request* an organization (portal.organization_requests); consortium staff answer
in the admin (Members → Organization requests), because it opens members-only material.
"""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.db import transaction
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView
from wagtail import hooks

from .. import organization_requests
from .forms import ProfileForm

PROFILE_SECTIONS_HOOK = "register_profile_sections"


class ProfileView(LoginRequiredMixin, FormView):
    template_name = "account/profile.html"
    form_class = ProfileForm
    success_url = reverse_lazy("account_profile")

    def get_initial(self):
        user, profile = self.request.user, self.request.user.profile
        return {
            "first_name": user.first_name,
            "last_name": user.last_name,
            "job_title": profile.job_title,
            "organization": profile.requested_organization or profile.organization,
        }

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context["profile"] = user.profile
        pending = organization_requests.pending_request(user)
        context["pending_request"] = pending
        context["answer_by"] = organization_requests.answer_by(pending) if pending else None
        context["answer_days"] = organization_requests.answer_days()
        answered = organization_requests.latest_answer(user)
        # A decline is news until the person names an organization again.
        context["declined_request"] = (
            answered
            if answered and answered.status == answered.Status.DECLINED and not pending
            else None
        )
        # What apps show on the page about the user (their news subscription…): each function
        # of the hook returns HTML or nothing.
        context["profile_sections"] = [
            section
            for section in (show(self.request) for show in hooks.get_hooks(PROFILE_SECTIONS_HOOK))
            if section
        ]
        return context

    @transaction.atomic
    def form_valid(self, form):
        user, profile = self.request.user, self.request.user.profile
        user.first_name = form.cleaned_data["first_name"]
        user.last_name = form.cleaned_data["last_name"]
        user.save(update_fields=["first_name", "last_name"])
        profile.job_title = form.cleaned_data["job_title"]
        profile.save(update_fields=["job_title"])
        if organization_requests.name_organization(user, form.cleaned_data["organization"]):
            messages.success(
                self.request,
                _(
                    "Your profile is saved. Consortium staff have been asked to confirm your "
                    "organization."
                ),
            )
        else:
            messages.success(self.request, _("Your profile is saved."))
        return super().form_valid(form)
