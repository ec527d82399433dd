from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.log_actions import LogFormatter
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import CreateView, SnippetViewSet

from . import membership
from .models import WorkGroup, WorkGroupIndexPage
from .provisioning import create_work_group


class CreateWorkGroupView(CreateView):
    """Creating a work group also makes its groups, private space, collection and workflow."""

    def save_instance(self):
        index = WorkGroupIndexPage.objects.first()
        if index is None:
            raise ValidationError(_("Add the work group list page to the site first."))
        data = self.form.cleaned_data
        self.form.instance = create_work_group(
            index,
            name=data["name"],
            slug=data["slug"],
            charge=data["charge"],
            status=data["status"],
        )
        return self.form.instance

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)


class WorkGroupViewSet(SnippetViewSet):
    model = WorkGroup
    icon = "group"
    menu_label = _("Work groups")
    menu_order = 250
    add_to_admin_menu = True
    add_view_class = CreateWorkGroupView
    list_display = ["name", "status", "created_at"]
    list_filter = ["status"]


register_snippet(WorkGroupViewSet)


@hooks.register("register_log_actions")
def register_membership_log_actions(actions):
    class MembershipFormatter(LogFormatter):
        def format_message(self, log_entry):
            data = log_entry.data or {}
            return self.message % {
                "member": data.get("member", "?"),
                "role": data.get("role", ""),
                "from": data.get("from", ""),
                "to": data.get("to", ""),
                "email": data.get("email", ""),
            }

    for action, label, message in (
        (membership.JOINED, _("Member joined"), _("%(member)s joined as %(role)s")),
        (
            membership.ROLE_CHANGED,
            _("Role changed"),
            _("%(member)s changed from %(from)s to %(to)s"),
        ),
        (membership.REMOVED, _("Member removed"), _("%(member)s (%(role)s) removed")),
        (membership.INVITED, _("Invitation sent"), _("%(email)s invited as %(role)s")),
        (
            membership.INVITATION_REVOKED,
            _("Invitation revoked"),
            _("Invitation to %(email)s revoked"),
        ),
    ):
        formatter = type(
            "MembershipActionFormatter",
            (MembershipFormatter,),
            {"label": label, "message": message},
        )
        actions.register_action(action)(formatter)
