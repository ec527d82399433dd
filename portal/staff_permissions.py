"""Where the consortium's two staff groups hold their Wagtail permissions.

Wagtail's first migration gives Editors and Moderators their page permissions on the root page
and their document permissions on the root collection. Permissions are inherited down both
trees, so that would cover every private area below them too (a work group's space and files):
Wagtail's listings, searches, reports and its page API all follow these records.

- Moderators (consortium staff) keep the root page: they oversee every part of the site.
- Editors hold their page permissions on each *section* (each child of a language's home
  page), except sections that hold private areas: page types that say
  `holds_private_areas = True` (the work-group list, whose spaces belong to each group).
  A new section is opened to Editors when it is created (portal.signals).
- For documents, both groups hold their permissions on collections that are open to them:
  a top-level collection whose view restriction (if any) names Editors. A work group's
  collection is restricted to its members and Moderators, so it stays closed. Images are
  never private, so their permissions stay on the root collection.

The records are plain Wagtail permissions: *Settings → Groups* shows and changes them. Give
Editors nothing on the root page, a home page, the work-group list or a work group's
collection: everything below would open to them.
"""

from django.contrib.auth.models import Group, Permission
from wagtail.models import (
    Collection,
    CollectionViewRestriction,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
)
from wagtail.permissions import policy_registry

EDITORS = "Editors"
MODERATORS = "Moderators"
EDITOR_PAGE_PERMISSIONS = ("add_page", "change_page")
STAFF_DOCUMENT_PERMISSIONS = ("add_document", "change_document", "choose_document")
# The depth of a section: Wagtail's root is 1, each language's home page 2.
SECTION_DEPTH = 3


def holds_private_areas(page):
    """Whether a page's subtree holds areas closed to the consortium's editors."""
    return bool(getattr(page.specific_class, "holds_private_areas", False))


def _permissions(app_label, codenames):
    return list(
        Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames)
    )


def open_section_to_editors(page):
    """Give Editors their page permissions on a section, unless it holds private areas."""
    if page.depth != SECTION_DEPTH or holds_private_areas(page):
        return
    editors = Group.objects.filter(name=EDITORS).first()
    if editors is None:
        return
    for permission in _permissions("wagtailcore", EDITOR_PAGE_PERMISSIONS):
        GroupPagePermission.objects.get_or_create(group=editors, page=page, permission=permission)


def is_open_to_editors(collection):
    """A top-level collection with no group restriction, or one that names Editors."""
    restrictions = CollectionViewRestriction.objects.filter(
        collection=collection, restriction_type=CollectionViewRestriction.GROUPS
    )
    return all(restriction.groups.filter(name=EDITORS).exists() for restriction in restrictions)


def open_collection_to_staff(collection):
    """Give Editors and Moderators their document permissions on a collection. Refused for the
    root (it holds every collection) and for collections restricted to other groups."""
    if collection.is_root() or not is_open_to_editors(collection):
        raise ValueError(f"The collection “{collection}” is not open to the consortium's staff.")
    permissions = _permissions("wagtaildocs", STAFF_DOCUMENT_PERMISSIONS)
    for group in Group.objects.filter(name__in=(EDITORS, MODERATORS)):
        for permission in permissions:
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=collection, permission=permission
            )


def public_collections():
    """The top-level collections open to the consortium's staff."""
    root = Collection.get_first_root_node()
    return [collection for collection in root.get_children() if is_open_to_editors(collection)]


def works_only_in_private_areas(user):
    """Whether every page permission the user holds lies inside a private area (a work group's
    editors): the admin's site-wide reports have nothing of theirs to show."""
    if not user.is_authenticated or user.is_superuser:
        return False
    permissions = policy_registry.get_by_type(Page).get_cached_permissions_for_user(user)
    if not permissions:
        return False
    private = [
        section.path
        for section in Page.objects.filter(depth=SECTION_DEPTH).defer_streamfields()
        if holds_private_areas(section)
    ]
    return all(
        any(permission.page.path.startswith(path) for path in private) for permission in permissions
    )
