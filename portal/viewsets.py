"""Admin screens for the member directory and the people who belong to it."""

from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, HelpPanel
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies.base import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import MemberOrganization, OrganizationCategory, UserProfile


class MemberOrganizationViewSet(SnippetViewSet):
    model = MemberOrganization
    icon = "group"
    list_display = ["name", "category", "city", "is_active"]
    list_filter = ["category", "is_active"]
    search_fields = ["name"]
    menu_label = _("Organizations")


class OrganizationCategoryViewSet(SnippetViewSet):
    model = OrganizationCategory
    icon = "folder-open-inverse"
    list_display = ["name", "sort_order"]
    menu_label = _("Categories")


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
    menu_label = _("People")
    add_to_admin_menu = False
    exclude_form_fields = []
    copy_view_enabled = False
    list_display = ["__str__", "email", "organization", "requested_organization", "job_title"]
    list_filter = ["organization"]
    search_fields = ["user__email", "user__first_name", "user__last_name"]
    panels = [
        HelpPanel(
            content=_(
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


class MembersViewSetGroup(ViewSetGroup):
    menu_label = _("Members")
    menu_icon = "group"
    menu_order = 250
    items = (MemberOrganizationViewSet, OrganizationCategoryViewSet, UserProfileViewSet)
