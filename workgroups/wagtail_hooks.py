from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import prefetch_related_objects
from django.db.models.signals import post_save
from django.dispatch import receiver
from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.action_menu import ActionMenuItem
from wagtail.admin.widgets import Button
from wagtail.log_actions import LogFormatter
from wagtail.models import Comment, CommentReply, Page, PageLogEntry
from wagtail.signals import task_submitted, workflow_approved, workflow_cancelled, workflow_rejected
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import CreateView, SnippetViewSet

from . import access, draft_editor, drafts, join_requests, listing, membership
from .admin_views import PromoteDraftView
from .demo.loader import load
from .drafts import (
    DRAFT_PROMOTED,
    TOOLKIT_FROM_DRAFT,
    promote_url,
    record_comment,
    record_created,
    record_deleted,
    record_revised,
    record_task_started,
    record_workflow_event,
)
from .listing import toolkit_credits
from .models import DraftToolPage, WorkGroup, WorkGroupIndexPage
from .provisioning import create_work_group
from .search import providers, search_tokens
from .subscriptions import WorkGroupDigestsProvider
from .views.common import private
from .views.join_requests import ask_url
from .viewsets import DraftPageViewSet, SpacePageViewSet


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


# Privacy in the Wagtail admin comes from Wagtail's permission records (each group's editors
# hold permissions on their own space and collection only), the page permission testers of
# the groups' page types (workgroups.page_permissions) and their page viewsets, which answer
# 404 for another group's pages (workgroups.viewsets). Wagtail's page chooser lists every
# page by design: it is limited here to public pages and the user's own groups' spaces.


@hooks.register("register_admin_viewset")
def register_space_viewset():
    return SpacePageViewSet()


@hooks.register("register_admin_viewset")
def register_draft_viewset():
    return DraftPageViewSet()


@hooks.register("construct_page_chooser_queryset")
def limit_page_chooser(pages, request):
    """Public pages for linking, and the user's own groups' spaces; never another group's."""
    return access.admin_pages(request.user, pages)


# Drafts (workgroups.drafts): promotion into toolkits by staff, the activity stream, and
# serving a draft inside the private space.


@hooks.register("register_admin_urls")
def register_promotion_url():

    return [
        path(
            "workgroups/drafts/<int:page_id>/promote/",
            PromoteDraftView.as_view(),
            name="workgroups_promote_draft",
        )
    ]


def _may_promote(page, user):

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

        return promote_url(context["page"])


@hooks.register("register_page_action_menu_item")
def register_promote_draft_menu_item():
    return PromoteDraftMenuItem(order=60)


@hooks.register("register_page_header_buttons")
@hooks.register("register_page_listing_more_buttons")
def promote_draft_button(page, user, next_url=None, view_name=None):
    if _may_promote(page, user):
        yield Button(_("Promote to a toolkit"), promote_url(page), icon_name="upload", priority=70)


@hooks.register("register_log_actions")
def register_promotion_log_actions(actions):

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
    record_created(page, request.user)
    draft_editor.restate_confirmation(request, page, created=True)


@hooks.register("after_edit_page")
def record_draft_revised(request, page):
    record_revised(page, request.user)
    draft_editor.restate_confirmation(request, page)


@hooks.register("construct_page_action_menu")
def draft_actions_in_plain_words(menu_items, request, context):
    draft_editor.relabel_action_menu(menu_items, request, context)


# Workflow steps and comments happen in several admin views (and the demo loader): Wagtail's
# signals catch them all.


@receiver(task_submitted, dispatch_uid="workgroups_draft_task_submitted")
def record_draft_task_submitted(sender, instance, user=None, **kwargs):

    record_task_started(instance, user)


def _workflow_receiver(event):
    def receiver_(sender, instance, user=None, **kwargs):

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


@receiver(post_save, sender=PageLogEntry, dispatch_uid="workgroups_draft_deleted")
def record_draft_deleted(sender, instance, created, raw=False, **kwargs):
    """Every way of deleting a page (the admin's delete view, the page API, bulk actions) logs
    it with the user just before the page goes: the draft's work group is still found."""
    if created and not raw and instance.action == "wagtail.delete" and instance.page_id:
        page = Page.objects.filter(pk=instance.page_id).first()
        if page is not None:
            record_deleted(page, instance.user)


@receiver(post_save, sender=Comment, dispatch_uid="workgroups_draft_comment")
def record_draft_comment(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        record_comment(instance)


@receiver(post_save, sender=CommentReply, dispatch_uid="workgroups_draft_comment_reply")
def record_draft_comment_reply(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        record_comment(instance.comment, reply=instance)


@hooks.register("on_serve_page", order=100)
def serve_work_group_pages(serve):
    """Inside Wagtail's own view restriction check (order 0 comes first): a draft is served
    with its status and links and never cached; the public list gets each group's
    organizations."""

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
                group.participating_organizations = listing.organizations(group)
            response.context_data["work_groups"] = groups
        return response

    return inner


@hooks.register("register_toolkit_credits")
def credit_work_groups(toolkit):

    return toolkit_credits(toolkit)


@hooks.register("load_demo_content")
def load_work_groups_demo_content(site, log):

    load(site, log=log)


@hooks.register("register_account_subscriptions")
def register_work_group_digests():

    return WorkGroupDigestsProvider()


@hooks.register("register_search_providers")
def register_search_providers():

    return providers()


@hooks.register("register_search_access")
def register_search_access(user):

    return search_tokens(user)


def _group_at_path(request):
    """The work group whose space holds the requested address, or None."""
    for work_group in WorkGroup.objects.filter(space__live=True).select_related("space"):
        url = work_group.space.get_url(request)
        if url and request.path.startswith(url):
            return work_group
    return None


@hooks.register("construct_permission_denied_links")
def offer_to_ask_to_join(request, links):
    """Staff of a member organization refused at a group's space may ask to join it; someone
    who already asked is told their request is waiting."""
    if not request.user.is_authenticated:
        return
    work_group = _group_at_path(request)
    if work_group is None:
        return
    if join_requests.may_ask(request.user, work_group):
        links.append(
            {
                "url": ask_url(work_group),
                "text": _("Ask to join the %(group)s work group") % {"group": work_group.name},
            }
        )
    elif join_requests.pending_request(request.user, work_group) is not None:
        links.append(
            {
                "url": ask_url(work_group),
                "text": _("Your request to join %(group)s is waiting for its chairs")
                % {"group": work_group.name},
            }
        )
