"""Admin screens for the member directory and the people who belong to it."""

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView
from wagtail.admin import messages
from wagtail.admin.panels import FieldPanel, HelpPanel
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.models import IndexView
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import MenuItem
from wagtail.permission_policies.base import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.views.snippets import SnippetViewSet

from . import organization_requests
from .models import MemberOrganization, OrganizationCategory, OrganizationRequest, UserProfile
from .views import Forbidden403Mixin


class MemberOrganizationViewSet(SnippetViewSet):
    model = MemberOrganization
    icon = "group"
    list_display = ["name", "category", "city", "is_active"]
    list_filter = ["category", "is_active"]
    search_fields = ["name"]
    menu_label = gettext_lazy("Organizations")


class OrganizationCategoryViewSet(SnippetViewSet):
    model = OrganizationCategory
    icon = "folder-open-inverse"
    list_display = ["name", "sort_order"]
    menu_label = gettext_lazy("Categories")


class ProfilePermissionPolicy(ModelPermissionPolicy):
    """Profiles come and go with their users: staff may only change them."""

    def user_has_permission(self, user, action):
        return action not in ("add", "delete") and super().user_has_permission(user, action)

    def users_with_any_permission(self, actions):
        actions = [a for a in actions if a not in ("add", "delete")]
        if not actions:
            return get_user_model().objects.none()
        return super().users_with_any_permission(actions)


register_permission_policy(UserProfile, ProfilePermissionPolicy(UserProfile))


class UserProfileViewSet(ModelViewSet):
    """Staff confirm which member organization each user belongs to."""

    model = UserProfile
    icon = "user"
    menu_label = gettext_lazy("People")
    add_to_admin_menu = False
    exclude_form_fields = []
    copy_view_enabled = False
    list_display = ["__str__", "email", "organization", "requested_organization", "job_title"]
    list_filter = ["organization"]
    search_fields = ["user__email", "user__first_name", "user__last_name"]
    panels = [
        HelpPanel(
            content=gettext_lazy(
                "Confirm a person's member organization only once you know they work there: "
                "it opens members-only material to them."
            )
        ),
        FieldPanel("organization"),
        FieldPanel("requested_organization", read_only=True),
        FieldPanel("job_title"),
    ]
    inspect_view_enabled = True

    def get_queryset(self, request):
        return UserProfile.objects.select_related("user", "organization", "requested_organization")


class OrganizationRequestPermissionPolicy(ModelPermissionPolicy):
    """Requests are made by people and answered through the decision view: staff with the
    permission may only list and inspect them here, never add, edit or delete them."""

    def user_has_permission(self, user, action):
        return action == "view" and organization_requests.may_decide(user)

    def users_with_any_permission(self, actions):
        if "view" not in actions:
            return get_user_model().objects.none()
        return get_user_model().objects.with_perm(organization_requests.DECIDE_PERMISSION)


register_permission_policy(
    OrganizationRequest, OrganizationRequestPermissionPolicy(OrganizationRequest)
)


class DecisionForm(forms.Form):
    APPROVE, DECLINE = "approve", "decline"

    decision = forms.ChoiceField(
        label=gettext_lazy("Your answer"),
        choices=[
            (APPROVE, gettext_lazy("Approve: they work there; open members-only material")),
            (DECLINE, gettext_lazy("Decline")),
        ],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=gettext_lazy("Reason, if you decline"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("Sent to the person in the e-mail that tells them the answer."),
    )

    def clean(self):
        data = super().clean()
        if data.get("decision") == self.APPROVE and data.get("reason", "").strip():
            self.add_error("reason", gettext_lazy("A reason goes with a decline only."))
        return data


class DecideOrganizationRequestView(Forbidden403Mixin, WagtailAdminTemplateMixin, FormView):
    """Approve or decline one request; organization_requests decides and e-mails."""

    form_class = DecisionForm
    template_name = "portal/admin/decide_organization_request.html"
    header_icon = "group"
    page_title = gettext_lazy("Organization request")
    permission_denied_reason = gettext_lazy(
        "Only consortium staff with the permission answer organization requests."
    )

    def check_access(self, request, pk):
        if not organization_requests.may_decide(request.user):
            raise PermissionDenied
        self.record = get_object_or_404(
            OrganizationRequest.objects.select_related("user", "organization", "decided_by"),
            pk=pk,
        )
        if self.record.user_id == request.user.pk:
            raise PermissionDenied(
                gettext_lazy("Someone else on the consortium staff must answer your request.")
            )

    def get_page_subtitle(self):
        return str(self.record)

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("organization_requests:index"), "label": _("Organization requests")},
            {"url": "", "label": str(self.record)},
        ]

    def get_context_data(self, **kwargs):
        user = self.record.user
        return super().get_context_data(
            record=self.record,
            profile=user.profile,
            action_url=reverse("organization_requests:decide", args=[self.record.pk]),
            submit_button_label=_("Send the answer"),
            submit_button_active_label=_("Sending…"),
            **kwargs,
        )

    def form_valid(self, form):
        decide = form.cleaned_data["decision"]
        try:
            if decide == DecisionForm.APPROVE:
                organization_requests.approve(self.record.pk, self.request.user)
                message = _("%(person)s is confirmed as staff of %(organization)s; e-mailed.")
            else:
                organization_requests.decline(
                    self.record.pk, self.request.user, form.cleaned_data["reason"]
                )
                message = _("The request of %(person)s for %(organization)s is declined; e-mailed.")
        except organization_requests.AlreadyAnswered:
            messages.warning(
                self.request, _("This request was already answered; nothing was changed.")
            )
            return redirect("organization_requests:index")
        messages.success(
            self.request,
            message
            % {
                "person": self.record.user.get_full_name() or self.record.user.email,
                "organization": self.record.organization.name,
            },
        )
        return redirect("organization_requests:index")


class OrganizationRequestIndexView(IndexView):
    """The queue: the title and an "Approve or decline" item lead to the decision."""

    def get_edit_url(self, instance):
        if instance.is_pending and instance.user_id != self.request.user.pk:
            return reverse("organization_requests:decide", args=[instance.pk])
        return None

    def get_list_more_buttons(self, instance):
        buttons = []
        if decide_url := self.get_edit_url(instance):
            buttons.append(
                MenuItem(_("Approve or decline"), url=decide_url, icon_name="check", priority=10)
            )
        if inspect_url := self.get_inspect_url(instance):
            buttons.append(MenuItem(_("Inspect"), url=inspect_url, icon_name="info-circle"))
        return buttons


class OrganizationRequestViewSet(ModelViewSet):
    """Consortium staff answer people who named a member organization."""

    model = OrganizationRequest
    name = "organization_requests"
    url_prefix = "organization-requests"
    icon = "mail"
    menu_label = gettext_lazy("Organization requests")
    add_to_admin_menu = False
    index_view_class = OrganizationRequestIndexView
    form_fields = ["reason"]
    copy_view_enabled = False
    inspect_view_enabled = True
    list_display = ["__str__", "organization", "requested_at", "status", "decided_by"]
    list_filter = ["status", "organization"]
    search_fields = ["user__email", "user__first_name", "user__last_name"]
    ordering = ["-requested_at"]

    def get_queryset(self, request):
        return OrganizationRequest.objects.select_related("user", "organization", "decided_by")

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("<int:pk>/decide/", DecideOrganizationRequestView.as_view(), name="decide"),
        ]


class MembersViewSetGroup(ViewSetGroup):
    menu_label = gettext_lazy("Members")
    menu_icon = "group"
    menu_order = 250
    items = (
        OrganizationRequestViewSet,
        MemberOrganizationViewSet,
        OrganizationCategoryViewSet,
        UserProfileViewSet,
    )
