"""Wagtail admin views that show a page or a document before checking that the user may see
it, each replaced by a subclass that checks first.

Everything else in the admin follows Wagtail's permission records and page permission testers
(portal.staff_permissions, and the private areas' own testers). These views do not:

- the page chooser's browsing shows the parent page asked for by id, and its look-up of chosen
  pages returns any page's title by id: both now apply the `construct_page_chooser_queryset`
  hooks, which Wagtail applies only to the pages listed under the parent and to searches;
- the page types report names the last edited page of each type, whoever may see it: a page
  the user may not explore is left out;
- bulk actions list the objects asked for by id, with or without permission: an id of a page
  the user may not explore, or of a document in a collection they hold no permission on, is
  404 (asking for "all" lists only what they may see);
- the move confirmation shows both pages before any check (portal.wagtail_hooks refuses a
  move the page's permission tester does not allow).

The URLs are Wagtail's own, resolved here first (portal.urls); their names stay Wagtail's. The
bulk actions are registered after Wagtail's (portal.wagtail_hooks), which they replace.
"""

from django.http import Http404
from django.urls import path
from django.views.decorators.cache import never_cache
from wagtail import hooks
from wagtail.admin.auth import require_admin_access
from wagtail.admin.views import chooser
from wagtail.admin.views.pages.bulk_actions.delete import DeleteBulkAction
from wagtail.admin.views.pages.bulk_actions.move import MoveBulkAction
from wagtail.admin.views.pages.bulk_actions.publish import PublishBulkAction
from wagtail.admin.views.pages.bulk_actions.unpublish import UnpublishBulkAction
from wagtail.admin.views.reports.page_types_usage import PageTypesUsageReportView
from wagtail.documents.views.bulk_actions.add_tags import AddTagsBulkAction
from wagtail.documents.views.bulk_actions.add_to_collection import AddToCollectionBulkAction
from wagtail.documents.views.bulk_actions.delete import DeleteBulkAction as DocumentDelete
from wagtail.models import Page
from wagtail.permissions import policy_registry
from wagtail.utils.urlpatterns import decorate_urlpatterns

DOCUMENT_ACTIONS = ["add", "change", "delete", "choose"]


def explorable_pages(user):
    return policy_registry.get_by_type(Page).explorable_instances(user)


def chooser_pages(request, pages):
    """The pages the page chooser may show this user (Wagtail's chooser hooks)."""
    for hook in hooks.get_hooks("construct_page_chooser_queryset"):
        pages = hook(pages, request)
    return pages


def require_in_chooser(request, ids):
    try:
        wanted = Page.objects.filter(pk__in=[int(pk) for pk in ids])
    except (TypeError, ValueError) as error:
        raise Http404 from error
    if chooser_pages(request, wanted).count() != wanted.count():
        raise Http404


class ChooserBrowseView(chooser.BrowseView):
    def get(self, request, parent_page_id=None):
        if parent_page_id is not None:
            require_in_chooser(request, [parent_page_id])
        return super().get(request, parent_page_id)


class ChooserChosenMultipleView(chooser.ChosenMultipleView):
    def get(self, request):
        require_in_chooser(request, request.GET.getlist("id"))
        return super().get(request)


class PageTypesUsageView(PageTypesUsageReportView):
    def decorate_paginated_queryset(self, page_types):
        page_types = super().decorate_paginated_queryset(page_types)
        shown = {item.last_edited_page.pk for item in page_types if item.last_edited_page}
        visible = set(
            explorable_pages(self.request.user).filter(pk__in=shown).values_list("pk", flat=True)
        )
        for item in page_types:
            if item.last_edited_page and item.last_edited_page.pk not in visible:
                item.last_edited_page = None
        return page_types


class VisibleObjectsOnly:
    """A bulk action that lists and acts on only the objects this user may see."""

    def visible(self, queryset):
        raise NotImplementedError

    def get_actionable_objects(self):
        objects, context = super().get_actionable_objects()
        everything = objects + context["items_with_no_access"]
        visible = set(
            self.visible(self.model.objects.filter(pk__in=[o.pk for o in everything])).values_list(
                "pk", flat=True
            )
        )
        if "all" not in self.request.GET.getlist("id") and len(visible) < len(everything):
            raise Http404
        objects = [o for o in objects if o.pk in visible]
        context["items_with_no_access"] = [
            o for o in context["items_with_no_access"] if o.pk in visible
        ]
        return objects, context


class VisiblePagesOnly(VisibleObjectsOnly):
    def visible(self, queryset):
        return queryset.filter(pk__in=explorable_pages(self.request.user).values("pk"))


class VisibleDocumentsOnly(VisibleObjectsOnly):
    def visible(self, queryset):
        policy = policy_registry.get_by_type(self.model)
        permitted = policy.instances_user_has_any_permission_for(
            self.request.user, DOCUMENT_ACTIONS
        )
        return queryset.filter(pk__in=permitted.values("pk"))


def _guarded(action_class, mixin):
    return type(action_class.__name__, (mixin, action_class), {"__module__": __name__})


# Registered after Wagtail's own (a later registration of the same action replaces it).
BULK_ACTIONS = [
    *(
        _guarded(action, VisiblePagesOnly)
        for action in (DeleteBulkAction, MoveBulkAction, PublishBulkAction, UnpublishBulkAction)
    ),
    *(
        _guarded(action, VisibleDocumentsOnly)
        for action in (DocumentDelete, AddTagsBulkAction, AddToCollectionBulkAction)
    ),
]

# Below the admin's prefix, decorated as Wagtail decorates its own.
urlpatterns = decorate_urlpatterns(
    [
        path("choose-page/<int:parent_page_id>/", ChooserBrowseView.as_view()),
        path("choose-page/chosen-multiple/", ChooserChosenMultipleView.as_view()),
        path("reports/page-types-usage/", PageTypesUsageView.as_view()),
        path("reports/page-types-usage/results/", PageTypesUsageView.as_view(results_only=True)),
    ],
    lambda view: never_cache(require_admin_access(view)),
)
