"""Setting up a work group: its Django groups, private space, file collection, permissions and
review workflow, all in one transaction; and keeping a user's Django groups in step with their
membership.

The space page and the collection are restricted to the group's readers and consortium staff
(Wagtail's own view restrictions, so every page and document it serves is checked). The
group's editors (members and chairs) may add and edit pages in the space, never publish; drafts
go through "work group review" (the chairs) and then "consortium approval" (Moderators), whose
approval publishes them inside the space. In the collection they may only choose documents (to
link the group's files from drafts): files are uploaded through the space's own pages, which keep
every version, so Wagtail's document admin must not replace or delete them.
"""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.models import (
    Collection,
    CollectionViewRestriction,
    GroupCollectionPermission,
    GroupPagePermission,
    PageViewRestriction,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from .access import STAFF_GROUP_NAMES
from .models import (
    ConsortiumApprovalTask,
    Membership,
    WorkGroup,
    WorkGroupReviewTask,
    WorkGroupSpacePage,
)

CONSORTIUM_APPROVAL_TASK = "Consortium approval"
EDITOR_PAGE_PERMISSIONS = ("add_page", "change_page")
EDITOR_DOCUMENT_PERMISSIONS = ("choose_document",)


def _permission(app_label, codename):
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def group_names(name):
    return {
        "readers": f"Work group: {name} (all members)",
        "editors": f"Work group: {name} (editors)",
        "chairs": f"Work group: {name} (chairs)",
    }


def staff_groups():
    return list(Group.objects.filter(name__in=STAFF_GROUP_NAMES))


@transaction.atomic
def create_work_group(index_page, *, name, slug, charge, status=WorkGroup.Status.ACTIVE):
    """A new work group with everything it needs; nothing is left half made on error."""
    groups = {key: Group.objects.create(name=value) for key, value in group_names(name).items()}
    collection = Collection.get_first_root_node().add_child(name=f"Work group: {name}")
    restriction = CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=CollectionViewRestriction.GROUPS
    )
    restriction.groups.set([groups["readers"], *staff_groups()])

    space = WorkGroupSpacePage(title=name, slug=slug)
    index_page.add_child(instance=space)
    space.save_revision().publish()
    page_restriction = PageViewRestriction.objects.create(
        page=space, restriction_type=PageViewRestriction.GROUPS
    )
    page_restriction.groups.set([groups["readers"], *staff_groups()])

    editors = groups["editors"]
    editors.permissions.add(_permission("wagtailadmin", "access_admin"))
    for codename in EDITOR_PAGE_PERMISSIONS:
        GroupPagePermission.objects.create(
            group=editors,
            page=space,
            permission=_permission("wagtailcore", codename),
        )
    for codename in EDITOR_DOCUMENT_PERMISSIONS:
        GroupCollectionPermission.objects.create(
            group=editors,
            collection=collection,
            # Wagtail checks document permissions on its own Document model, even when the
            # portal's document model replaces it.
            permission=_permission("wagtaildocs", codename),
        )
    # Chairs review in the admin too, so they need to reach it.
    groups["chairs"].permissions.add(_permission("wagtailadmin", "access_admin"))
    attach_workflow(space, name, groups["chairs"])

    return WorkGroup.objects.create(
        name=name,
        slug=slug,
        charge=charge,
        status=status,
        space=space,
        collection=collection,
        **groups,
    )


def attach_workflow(space, name, chairs):
    review = WorkGroupReviewTask.objects.create(
        name=_("Work group review: %(name)s") % {"name": name}
    )
    review.groups.set([chairs])
    approval = ConsortiumApprovalTask.objects.filter(name=CONSORTIUM_APPROVAL_TASK).first()
    if approval is None:
        approval = ConsortiumApprovalTask.objects.create(name=CONSORTIUM_APPROVAL_TASK)
        approval.groups.set(staff_groups())
    workflow = Workflow.objects.create(name=_("Drafts of %(name)s") % {"name": name})
    WorkflowTask.objects.create(workflow=workflow, task=review.task_ptr, sort_order=0)
    WorkflowTask.objects.create(workflow=workflow, task=approval.task_ptr, sort_order=1)
    WorkflowPage.objects.create(workflow=workflow, page=space)
    return workflow


def rename_groups(work_group):
    """Keep the Django groups' names in step with the work group's."""
    for key, value in group_names(work_group.name).items():
        group = getattr(work_group, key)
        if group.name != value:
            group.name = value
            group.save(update_fields=["name"])


def sync_user(work_group, user):
    """Put the user in exactly the Django groups their role in this work group calls for.
    An archived group's members keep reading but lose editing."""
    role = (
        Membership.objects.filter(work_group=work_group, user=user)
        .values_list("role", flat=True)
        .first()
    )
    wanted = set()
    if role is not None:
        wanted.add(work_group.readers_id)
        if not work_group.is_archived and role in {Membership.Role.CHAIR, Membership.Role.MEMBER}:
            wanted.add(work_group.editors_id)
        # The chairs' group grants the admin for reviewing drafts: an archived group has none.
        if not work_group.is_archived and role == Membership.Role.CHAIR:
            wanted.add(work_group.chairs_id)
    managed = {work_group.readers_id, work_group.editors_id, work_group.chairs_id}
    user.groups.remove(*(managed - wanted))
    user.groups.add(*wanted)


def sync_all(work_group):
    for membership in work_group.memberships.select_related("user"):
        sync_user(work_group, membership.user)
