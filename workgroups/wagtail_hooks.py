from django.core.exceptions import ValidationError
from django.db.models.signals import post_save
from django.dispatch import receiver
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.action_menu import ActionMenuItem
from wagtail.admin.widgets import Button
from wagtail.log_actions import LogFormatter
from wagtail.models import Comment, CommentReply
from wagtail.signals import task_submitted, workflow_approved, workflow_cancelled, workflow_rejected
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
        (membership.LEFT, _("Member left"), _("%(member)s (%(role)s) left the group")),
        # Wagtail capitalizes a message's first letter: an address must not come first.
        (membership.INVITED, _("Invitation sent"), _("Invited %(email)s as %(role)s")),
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


# Privacy in the Wagtail admin: what Wagtail's page permissions leave visible to a group's
# editors (choosers, menus, reports) is limited as workgroups.access decides; the rest is
# closed by workgroups.admin_scope. And drafts reach publication only through their workflow.


@hooks.register("construct_page_chooser_queryset")
def limit_page_chooser(pages, request):
    """Public pages for linking, and the user's own groups' spaces; never another group's.
    (Browsing into a page the user may not see is 404 before this: workgroups.admin_scope.)"""
    from . import access

    return access.admin_pages(request.user, pages)


@hooks.register("construct_explorer_page_queryset")
def limit_explorer(parent_page, pages, request):
    from . import access

    return access.admin_pages(request.user, pages)


@hooks.register("construct_reports_menu")
def hide_reports_out_of_scope(request, menu_items):
    from .admin_scope import may_open_report_url

    menu_items[:] = [item for item in menu_items if may_open_report_url(request.user, item.url)]


def _is_draft_editor(context):
    """Whether an action menu is for a draft tool (edited, or being added to a space)."""
    from .models import DraftToolPage, WorkGroupSpacePage

    page = context.get("page")
    if page is not None:
        return issubclass(page.specific_class or type(page), DraftToolPage)
    parent = context.get("parent_page")
    return parent is not None and parent.specific_class is WorkGroupSpacePage


@hooks.register("construct_page_action_menu")
def remove_publishing_of_drafts(menu_items, request, context):
    """Staff may publish anywhere, but a draft tool is published only by the final approval
    of its workflow (whose "Approve and publish" item stays)."""
    if _is_draft_editor(context):
        menu_items[:] = [item for item in menu_items if item.name != "action-publish"]


DRAFT_PUBLISH_REFUSED = _(
    "A draft tool is published only when the consortium approves it at the last step of its "
    "review workflow."
)


@hooks.register("before_publish_page")
def refuse_publishing_drafts(request, page):
    """The server side of remove_publishing_of_drafts: a crafted "publish" is refused. The
    edit view has saved the changes as a new revision, unpublished; the add view has already
    created the page live (without a published revision), so it is made the draft it is."""
    from django.contrib import messages
    from django.shortcuts import redirect

    from .models import DraftToolPage

    if not isinstance(page, DraftToolPage):
        return None
    if page.live and page.live_revision_id is None:
        page.live = False
        page.has_unpublished_changes = True
        page.save(update_fields=["live", "has_unpublished_changes"], clean=False)
    messages.error(request, DRAFT_PUBLISH_REFUSED)
    return redirect("wagtailadmin_pages:edit", page.pk)


@hooks.register("before_bulk_action")
def refuse_bulk_publishing_drafts(request, action_type, objects, action_class_instance):
    from django.contrib import messages
    from django.shortcuts import redirect
    from wagtail.models import Page

    from .models import DraftToolPage

    if action_type != "publish" or not issubclass(action_class_instance.model, Page):
        return None
    form = action_class_instance.cleaned_form
    with_descendants = bool(form and form.cleaned_data.get("include_descendants"))
    for page in objects:
        if issubclass(page.specific_class or Page, DraftToolPage) or (
            with_descendants
            and Page.objects.descendant_of(page).type(DraftToolPage).not_live().exists()
        ):
            messages.error(request, DRAFT_PUBLISH_REFUSED)
            return redirect(action_class_instance.next_url)
    return None


# Drafts (workgroups.drafts): promotion into toolkits by staff, the activity stream, and
# serving a draft inside the private space.


@hooks.register("register_admin_urls")
def register_promotion_url():
    from django.urls import path

    from .admin_views import PromoteDraftView

    return [
        path(
            "workgroups/drafts/<int:page_id>/promote/",
            PromoteDraftView.as_view(),
            name="workgroups_promote_draft",
        )
    ]


def _may_promote(page, user):
    from . import access
    from .models import DraftToolPage

    return page.specific_class is DraftToolPage and page.live and access.is_staff(user)


class PromoteDraftMenuItem(ActionMenuItem):
    """In the footer menu of a live draft's edit view, for staff."""

    label = _("Promote to a toolkit")
    name = "action-promote"
    icon_name = "upload"

    def is_shown(self, context):
        page = context.get("page")
        return (
            context["view"] == "edit"
            and page is not None
            and _may_promote(page, context["request"].user)
        )

    def get_url(self, context):
        from .drafts import promote_url

        return promote_url(context["page"])


@hooks.register("register_page_action_menu_item")
def register_promote_draft_menu_item():
    return PromoteDraftMenuItem(order=60)


@hooks.register("register_page_header_buttons")
@hooks.register("register_page_listing_more_buttons")
def promote_draft_button(page, user, next_url=None, view_name=None):
    if _may_promote(page, user):
        from .drafts import promote_url

        yield Button(_("Promote to a toolkit"), promote_url(page), icon_name="upload", priority=70)


@hooks.register("register_log_actions")
def register_promotion_log_actions(actions):
    from .drafts import DRAFT_PROMOTED, TOOLKIT_FROM_DRAFT

    class PromotionFormatter(LogFormatter):
        def format_message(self, log_entry):
            data = log_entry.data or {}
            return self.message % {
                "draft": data.get("draft", "?"),
                "toolkit": data.get("toolkit", "?"),
                "version": data.get("version", ""),
                "work_group": data.get("work_group", "?"),
            }

    for action, label, message in (
        (
            DRAFT_PROMOTED,
            _("Promoted to a toolkit"),
            _("Promoted to the toolkit “%(toolkit)s” (version %(version)s)"),
        ),
        (
            TOOLKIT_FROM_DRAFT,
            _("Made from a work group's draft"),
            _("Version %(version)s made from “%(draft)s” of the %(work_group)s work group"),
        ),
    ):
        formatter = type(
            "PromotionActionFormatter",
            (PromotionFormatter,),
            {"label": label, "message": message},
        )
        actions.register_action(action)(formatter)


@hooks.register("after_create_page")
def record_draft_created(request, page):
    from .drafts import record_created

    record_created(page, request.user)


@hooks.register("after_edit_page")
def record_draft_revised(request, page):
    from .drafts import record_revised

    record_revised(page, request.user)


# Workflow steps and comments happen in several admin views (and the demo loader): Wagtail's
# signals catch them all.


@receiver(task_submitted, dispatch_uid="workgroups_draft_task_submitted")
def record_draft_task_submitted(sender, instance, user=None, **kwargs):
    from .drafts import record_task_started

    record_task_started(instance, user)


def _workflow_receiver(event):
    def receiver_(sender, instance, user=None, **kwargs):
        from .drafts import record_workflow_event

        record_workflow_event(instance, user, event)

    return receiver_


for _signal, _event in (
    (workflow_approved, "approved"),
    (workflow_rejected, "rejected"),
    (workflow_cancelled, "cancelled"),
):
    _signal.connect(
        _workflow_receiver(_event), weak=False, dispatch_uid=f"workgroups_draft_{_event}"
    )


@receiver(post_save, sender=Comment, dispatch_uid="workgroups_draft_comment")
def record_draft_comment(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        from .drafts import record_comment

        record_comment(instance)


@receiver(post_save, sender=CommentReply, dispatch_uid="workgroups_draft_comment_reply")
def record_draft_comment_reply(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        from .drafts import record_comment

        record_comment(instance.comment, reply=instance)


@hooks.register("on_serve_page", order=100)
def serve_work_group_pages(serve):
    """Inside Wagtail's own view restriction check (order 0 comes first): a draft is served
    with its status and links and never cached; the public list gets each group's
    organizations."""
    from django.core.exceptions import PermissionDenied
    from django.db.models import prefetch_related_objects

    from . import access, drafts, listing
    from .models import DraftToolPage, WorkGroupIndexPage
    from .views.common import private

    def inner(page, request, serve_args, serve_kwargs):
        if isinstance(page, DraftToolPage):
            work_group = drafts.work_group_of(page)
            if work_group is None or not access.can_view(request.user, work_group):
                # The space's view restriction normally answers first; this is the backstop.
                raise PermissionDenied
            response = serve(page, request, serve_args, serve_kwargs)
            if getattr(response, "context_data", None) is not None:
                response.context_data.update(
                    space=work_group.space,
                    work_group=work_group,
                    status_label=drafts.Status.labels[drafts.status_of(page, work_group)],
                    edit_url=(
                        drafts.edit_url(page) if drafts.may_edit(request.user, work_group) else ""
                    ),
                    promote_url=(
                        drafts.promote_url(page) if _may_promote(page, request.user) else ""
                    ),
                )
            return private(response)
        response = serve(page, request, serve_args, serve_kwargs)
        if isinstance(page, WorkGroupIndexPage) and getattr(response, "context_data", None):
            groups = list(response.context_data.get("work_groups") or [])
            prefetch_related_objects(groups, "space")  # for the members' links, in one query
            for group in groups:
                group.participating_organisations = listing.organisations(group)
            response.context_data["work_groups"] = groups
        return response

    return inner


@hooks.register("register_toolkit_credits")
def credit_work_groups(toolkit):
    from .listing import toolkit_credits

    return toolkit_credits(toolkit)


@hooks.register("load_demo_content")
def load_work_groups_demo_content(site, log):
    from .demo.loader import load

    load(site, log=log)


@hooks.register("register_search_providers")
def register_search_providers():
    from .search import providers

    return providers()


@hooks.register("register_search_access")
def register_search_access(user):
    from .search import search_tokens

    return search_tokens(user)
