"""The work-group pages: the public list, each group's private space, and draft tools.

A space page is restricted to its group's readers (and consortium staff) by a Wagtail view
restriction that workgroups.provisioning sets and keeps; draft tools below it inherit it.
Everything a member sees of the group (home, discussions, meetings, files, members) is served
by the space page's routes, so Wagtail's restriction and the portal's 403 hook guard all of it.
"""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import CommentPanel, FieldPanel, TitleFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from portal.blocks import BaseStreamBlock


class InConsortiumLanguageOnly:
    """Work groups' pages are not translated: a copy in another locale would be a second space
    (or list of spaces, or draft) with no work group behind it. Wagtail's translation copies a
    page with `copy` and its missing parents with `copy_for_translation`; both refuse here,
    whoever asks (simple_translation's permission and `can_edit` are all Wagtail checks)."""

    def copy_for_translation(self, locale, *args, **kwargs):
        raise PermissionDenied(NOT_TRANSLATED)

    def copy(self, *args, update_attrs=None, **kwargs):
        locale = (update_attrs or {}).get("locale")
        if locale is not None and locale != self.locale:
            raise PermissionDenied(NOT_TRANSLATED)
        return super().copy(*args, update_attrs=update_attrs, **kwargs)


NOT_TRANSLATED = _("Work groups' pages are not translated.")


class WorkGroupIndexPage(InConsortiumLanguageOnly, Page):
    """The public list of work groups: name, charge, status, chairs and organizations."""

    introduction = models.TextField(_("introduction"), blank=True, max_length=600)

    content_panels = Page.content_panels + [FieldPanel("introduction")]
    parent_page_types = ["portal.HomePage"]
    subpage_types = ["workgroups.WorkGroupSpacePage"]
    max_count_per_parent = 1
    # The spaces below are private to their groups: this section is not opened to the
    # consortium's Editors (portal.staff_permissions).
    holds_private_areas = True

    class Meta:
        verbose_name = _("work group list")

    def get_context(self, request, *args, **kwargs):
        # workgroups.listing imports these models
        from ..listing import public_work_groups

        context = super().get_context(request, *args, **kwargs)
        context["work_groups"] = public_work_groups()
        return context

    def permissions_for_user(self, user):
        from ..page_permissions import IndexPermissionTester  # it imports these models

        return IndexPermissionTester(user, self)


class WorkGroupSpacePage(InConsortiumLanguageOnly, RoutablePageMixin, Page):
    """A work group's private space. Created with the group; its routes are the group's
    front end (workgroups.views)."""

    welcome = RichTextField(
        _("welcome"), blank=True, features=["bold", "italic", "link", "ol", "ul"]
    )

    content_panels = Page.content_panels + [FieldPanel("welcome")]
    parent_page_types = ["workgroups.WorkGroupIndexPage"]
    subpage_types = ["workgroups.DraftToolPage"]

    class Meta:
        verbose_name = _("work group space")

    def permissions_for_user(self, user):
        from ..page_permissions import SpacePermissionTester  # it imports these models

        return SpacePermissionTester(user, self)

    # Every route hands over to a view in workgroups.views, which asks workgroups.access.
    # (Wagtail's view restriction on this page has already turned away non-members.) The views
    # import these models, so the models name them only: workgroups.apps puts each view here,
    # by name, when the app is ready.
    route_views = {}

    def _view(self, name, request, *args, **kwargs):
        return self.route_views[name](request, self, *args, **kwargs)

    @path("")
    def home(self, request):
        return self._view("home", request)

    @path("discussions/", name="threads")
    def threads(self, request):
        return self._view("thread_list", request)

    @path("discussions/<int:thread_id>/", name="thread")
    def thread(self, request, thread_id):
        return self._view("thread_detail", request, thread_id)

    @path("discussions/posts/<int:post_id>/edit/", name="edit_post")
    def edit_post(self, request, post_id):
        return self._view("edit_post", request, post_id)

    @path("discussions/posts/<int:post_id>/hide/", name="hide_post")
    def hide_post(self, request, post_id):
        return self._view("hide_post", request, post_id)

    @path("meetings/", name="meetings")
    def meetings(self, request):
        return self._view("meeting_list", request)

    @path("meetings/<int:meeting_id>/", name="meeting")
    def meeting(self, request, meeting_id):
        return self._view("meeting_detail", request, meeting_id)

    @path("meetings/<int:meeting_id>/edit/", name="edit_meeting")
    def edit_meeting(self, request, meeting_id):
        return self._view("edit_meeting", request, meeting_id)

    # Wagtail serves only addresses ending in a slash: the file's name is in its headers.
    @path("meetings/<int:meeting_id>/calendar/", name="meeting_calendar")
    def meeting_calendar(self, request, meeting_id):
        return self._view("meeting_calendar", request, meeting_id)

    @path("meetings/<int:meeting_id>/cancel/", name="cancel_meeting")
    def cancel_meeting(self, request, meeting_id):
        return self._view("cancel_meeting", request, meeting_id)

    @path("files/", name="files")
    def files(self, request):
        return self._view("file_list", request)

    @path("files/<int:file_id>/", name="file")
    def file(self, request, file_id):
        return self._view("file_detail", request, file_id)

    @path("drafts/", name="drafts")
    def drafts(self, request):
        return self._view("draft_list", request)

    @path("drafts/<int:draft_id>/", name="draft")
    def draft(self, request, draft_id):
        return self._view("draft_detail", request, draft_id)

    @path("members/", name="members")
    def members(self, request):
        return self._view("member_list", request)

    @path("members/<int:membership_id>/", name="membership")
    def membership(self, request, membership_id):
        return self._view("change_membership", request, membership_id)

    @path("settings/", name="settings")
    def member_settings(self, request):
        return self._view("member_settings", request)


class DraftToolPage(InConsortiumLanguageOnly, Page):
    """A tool a work group drafts together: revisions, comments and a review workflow come
    from Wagtail. Approval (the last workflow step) publishes it inside the private space;
    staff then promote it into a toolkit."""

    summary = models.TextField(_("what it is for and for whom"), max_length=600, blank=True)
    body = StreamField(BaseStreamBlock(), verbose_name=_("draft"), blank=True)

    # A drafter needs the tool's name, its purpose and the tool: no address (made from the
    # title), search-engine or menu fields, and no scheduling (approval publishes a draft).
    content_panels = [
        TitleFieldPanel(
            "title",
            help_text=_(
                "The tool's name as clinicians will know it, for example “Sepsis huddle checklist”."
            ),
        ),
        FieldPanel(
            "summary",
            help_text=_("In a sentence or two: what the tool helps with, and who uses it."),
        ),
        FieldPanel(
            "body",
            help_text=_(
                "The tool itself: its steps, checklists and tables. Your work group reads and "
                "comments on it here; the chairs review it when you send it to them."
            ),
        ),
    ]
    promote_panels = []
    settings_panels = [CommentPanel()]
    search_fields = Page.search_fields + [index.SearchField("summary"), index.SearchField("body")]
    parent_page_types = ["workgroups.WorkGroupSpacePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("draft tool")

    def permissions_for_user(self, user):
        from ..page_permissions import DraftPermissionTester  # it imports these models

        return DraftPermissionTester(user, self)

    @property
    def status_string(self):
        """The admin's status word for the draft: the space's ("Approved", not "live")."""
        from ..draft_editor import status_word  # it imports these models

        return status_word(self) or super().status_string


class Promotion(models.Model):
    """An approved draft made into a toolkit (new, or a new version): the link back to the
    work group that wrote it."""

    draft = models.ForeignKey(DraftToolPage, on_delete=models.PROTECT, related_name="promotions")
    work_group = models.ForeignKey(
        "workgroups.WorkGroup", on_delete=models.PROTECT, related_name="promotions"
    )
    toolkit = models.ForeignKey(
        "toolkits.ToolkitPage", on_delete=models.CASCADE, related_name="work_group_promotions"
    )
    draft_revision = models.ForeignKey(
        "wagtailcore.Revision", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    as_new_version = models.BooleanField(default=False)
    promoted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    promoted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-promoted_at"]

    def __str__(self):
        return f"{self.draft} → {self.toolkit}"
