"""Toolkit update e-mails on the account's subscriptions page (portal.accounts.subscriptions):
every toolkit a person chose (or, before the portal asked, a download chose) to hear about."""

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal.accounts.subscriptions import Subscription

from . import updates
from .models import ToolkitSubscription

ON, OFF = "on", "off"


class ToolkitUpdatesProvider:
    name = "toolkits"
    heading = gettext_lazy("New versions of toolkits")
    empty_text = gettext_lazy(
        "You are not e-mailed about any toolkit. Each toolkit's page has a button to start."
    )

    def subscriptions(self, user):
        rows = (
            ToolkitSubscription.objects.filter(user=user, toolkit__live=True)
            .select_related("toolkit")
            .order_by("toolkit__title")
        )
        return [self.subscription(row) for row in rows]

    def subscription(self, row):
        note = ""
        if row.source == ToolkitSubscription.Source.DOWNLOAD:
            note = _(
                "This began with your download on %(date)s, before the portal asked whether "
                "you wanted these e-mails. It stays on until you stop it."
            ) % {"date": date_format(row.created_at, "DATE_FORMAT")}
        if row.active:
            state = _("E-mailed when a new version is published")
            choices = [(OFF, _("Stop e-mails"))]
        else:
            state, note = _("Not e-mailed: you stopped these e-mails"), ""
            choices = [(ON, _("E-mail me again"))]
        return Subscription(
            key=str(row.toolkit_id),
            title=row.toolkit.title,
            url=row.toolkit.url or "",
            state=ON if row.active else OFF,
            state_label=state,
            choices=choices,
            note=note,
        )

    def change(self, user, key, value):
        row = (
            ToolkitSubscription.objects.filter(user=user, toolkit__live=True, toolkit_id=key)
            .select_related("toolkit")
            .first()
            if key.isdigit()
            else None
        )
        if row is None or value not in (ON, OFF):
            raise ValueError("not one of the user's toolkit subscriptions")
        toolkit = row.toolkit
        if value == ON:
            updates.subscribe(user, toolkit)
            return _("You will be e-mailed about new versions of %(title)s.") % {
                "title": toolkit.title
            }
        updates.unsubscribe(user, toolkit)
        return _("You will no longer be e-mailed about %(title)s.") % {"title": toolkit.title}
