"""Wagtail's Editors held their page permissions on the root page, and Editors and Moderators
their document permissions on the root collection: inherited down both trees, they covered
every work group's space, drafts and files (Wagtail's page API, searches, listings, reports and
document admin all follow these records).

Now (portal.staff_permissions):
- Editors hold add and change on each section (each child of a language's home page) except
  the work-group list; Moderators keep the root page (they oversee every group);
- Editors and Moderators hold add, change and choose of documents on each top-level collection
  that is not a work group's; Moderators keep choose on the root (they see every group's files).
Images are never private: their permissions stay on the root collection.

Reversing gives the root permissions back (the narrower ones they cover are left).
"""

from django.db import migrations

EDITORS, MODERATORS = "Editors", "Moderators"
PAGE_CODENAMES = ("add_page", "change_page")
DOCUMENT_CODENAMES = ("add_document", "change_document", "choose_document")


def _permissions(apps, app_label, codenames):
    Permission = apps.get_model("auth", "Permission")
    return list(
        Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames)
    )


def _closed_pages(apps):
    """The pages below which Editors must hold nothing: the root, the home pages, and the
    work-group lists with their spaces."""
    Page = apps.get_model("wagtailcore", "Page")
    ContentType = apps.get_model("contenttypes", "ContentType")
    index_type = ContentType.objects.filter(app_label="workgroups", model="workgroupindexpage")
    closed = Page.objects.filter(depth__lte=2)
    for index in Page.objects.filter(content_type__in=index_type):
        closed = closed | Page.objects.filter(path__startswith=index.path)
    return closed


def _public_collections(apps):
    Collection = apps.get_model("wagtailcore", "Collection")
    CollectionViewRestriction = apps.get_model("wagtailcore", "CollectionViewRestriction")
    WorkGroup = apps.get_model("workgroups", "WorkGroup")
    private = set(WorkGroup.objects.values_list("collection_id", flat=True))
    for restriction in CollectionViewRestriction.objects.filter(restriction_type="groups"):
        if not restriction.groups.filter(name=EDITORS).exists():
            private.add(restriction.collection_id)
    return Collection.objects.filter(depth=2).exclude(pk__in=private)


def forward(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    editors = Group.objects.filter(name=EDITORS).first()
    moderators = Group.objects.filter(name=MODERATORS).first()

    if editors is not None:
        page_permissions = _permissions(apps, "wagtailcore", PAGE_CODENAMES)
        GroupPagePermission.objects.filter(group=editors, page__in=_closed_pages(apps)).delete()
        sections = Page.objects.filter(depth=3).exclude(pk__in=_closed_pages(apps))
        for section in sections:
            for permission in page_permissions:
                GroupPagePermission.objects.get_or_create(
                    group=editors, page=section, permission=permission
                )

    document_permissions = _permissions(apps, "wagtaildocs", DOCUMENT_CODENAMES)
    public = list(_public_collections(apps))
    for group in (editors, moderators):
        if group is None:
            continue
        on_root = GroupCollectionPermission.objects.filter(
            group=group, collection__depth=1, permission__in=document_permissions
        )
        if group == moderators:
            on_root = on_root.exclude(permission__codename="choose_document")
        on_root.delete()
        for collection in public:
            for permission in document_permissions:
                GroupCollectionPermission.objects.get_or_create(
                    group=group, collection=collection, permission=permission
                )


def backward(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    root_page = Page.objects.filter(depth=1).first()
    root_collection = Collection.objects.filter(depth=1).first()
    editors = Group.objects.filter(name=EDITORS).first()
    if editors is not None and root_page is not None:
        for permission in _permissions(apps, "wagtailcore", PAGE_CODENAMES):
            GroupPagePermission.objects.get_or_create(
                group=editors, page=root_page, permission=permission
            )
    for group in Group.objects.filter(name__in=(EDITORS, MODERATORS)):
        if root_collection is None:
            break
        for permission in _permissions(apps, "wagtaildocs", DOCUMENT_CODENAMES):
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=root_collection, permission=permission
            )


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("workgroups", "0006_consortium_approval_task"),
    ]

    operations = [migrations.RunPython(forward, backward)]
