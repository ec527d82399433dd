"""Who may see and import data releases, decided here for every admin view and menu item.

A release only ever comes from an import, so nobody, not even a superuser, adds, edits or
deletes one through a form: the only actions are "view" (the listing and a release's details)
and "import" (upload, preview, confirm, cancel).
"""

from django.contrib.auth import get_user_model
from wagtail.permission_policies.base import BaseDjangoAuthPermissionPolicy

IMPORT_PERMISSION = "trends.import_release"

#: The permission codenames (any one of them) that allow each action.
ACTION_CODENAMES = {
    "view": ("view_datarelease", "import_release"),
    "import": ("import_release",),
}


class DataReleasePermissionPolicy(BaseDjangoAuthPermissionPolicy):
    def user_has_permission(self, user, action):
        return any(
            user.has_perm(f"{self.app_label}.{codename}")
            for codename in ACTION_CODENAMES.get(action, ())
        )

    def users_with_any_permission(self, actions):
        codenames = {c for action in actions for c in ACTION_CODENAMES.get(action, ())}
        if not codenames:
            return get_user_model().objects.none()
        return self._get_users_with_any_permission_codenames(codenames)
