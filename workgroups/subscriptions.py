"""Each work group's e-mail setting on the account's subscriptions page
(portal.accounts.subscriptions): the same choice as the group's own settings page."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal.accounts.subscriptions import Subscription

from .models import Membership


class WorkGroupDigestsProvider:
    name = "work-groups"
    heading = gettext_lazy("Work groups")
    empty_text = gettext_lazy("You are not a member of any work group.")

    def memberships(self, user):
        return Membership.objects.filter(user=user).select_related("work_group__space")

    def subscriptions(self, user):
        found = []
        for membership in self.memberships(user).order_by("work_group__name"):
            space = membership.work_group.space
            found.append(
                Subscription(
                    key=str(membership.work_group_id),
                    title=membership.work_group.name,
                    url=(space.url if space is not None else "") or "",
                    state=membership.notifications,
                    state_label=membership.get_notifications_display(),
                    choices=[
                        (value, label)
                        for value, label in Membership.Notifications.choices
                        if value != membership.notifications
                    ],
                )
            )
        return found

    def change(self, user, key, value):
        membership = (
            self.memberships(user).filter(work_group_id=key).first() if key.isdigit() else None
        )
        if membership is None or value not in Membership.Notifications.values:
            raise ValueError("not one of the user's work groups, or not a setting")
        membership.notifications = value
        membership.save(update_fields=["notifications"])
        return _("E-mail about %(group)s: %(setting)s.") % {
            "group": membership.work_group.name,
            "setting": membership.get_notifications_display(),
        }
