"""Work groups' files are kept by the space's own pages, never by Wagtail's document admin.

- Existing groups' editors keep only "choose" on their collection (to link files from drafts):
  with "add" and "change" they could replace a file version's document in the document admin,
  or delete one they had uploaded.
- Existing file versions are entered in Wagtail's reference index (new ones are by
  workgroups.apps), so that the document admin shows their documents as in use and protected.
"""

from django.db import migrations
from wagtail.models.reference_index import ReferenceIndex as LiveReferenceIndex

REMOVED_CODENAMES = ("add_document", "change_document")


def _removed_permissions(apps):
    Permission = apps.get_model("auth", "Permission")
    # Wagtail checks document permissions on its own Document model (see provisioning).
    return Permission.objects.filter(
        content_type__app_label="wagtaildocs", codename__in=REMOVED_CODENAMES
    )


def remove_document_editing(apps, schema_editor):
    WorkGroup = apps.get_model("workgroups", "WorkGroup")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    permissions = list(_removed_permissions(apps))
    for group in WorkGroup.objects.all():
        GroupCollectionPermission.objects.filter(
            group_id=group.editors_id,
            collection_id=group.collection_id,
            permission__in=permissions,
        ).delete()


def restore_document_editing(apps, schema_editor):
    WorkGroup = apps.get_model("workgroups", "WorkGroup")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    permissions = list(_removed_permissions(apps))
    for group in WorkGroup.objects.all():
        for permission in permissions:
            GroupCollectionPermission.objects.get_or_create(
                group_id=group.editors_id,
                collection_id=group.collection_id,
                permission=permission,
            )


def _content_type(apps, model):
    ContentType = apps.get_model("contenttypes", "ContentType")
    base = (model._meta.get_parent_list() or [model])[-1]
    return ContentType.objects.get_or_create(
        app_label=base._meta.app_label, model=base._meta.model_name
    )[0]


def index_file_versions(apps, schema_editor):
    """The rows Wagtail's ReferenceIndex.create_or_update_for_object writes for a version."""
    FileVersion = apps.get_model("workgroups", "FileVersion")
    ReferenceIndex = apps.get_model("wagtailcore", "ReferenceIndex")
    version_type = _content_type(apps, FileVersion)
    document_type = _content_type(apps, FileVersion._meta.get_field("document").related_model)
    path_hash = LiveReferenceIndex._get_content_path_hash("document")
    ReferenceIndex.objects.bulk_create(
        [
            ReferenceIndex(
                content_type=version_type,
                base_content_type=version_type,
                object_id=str(pk),
                to_content_type=document_type,
                to_object_id=str(document_id),
                model_path="document",
                content_path="document",
                content_path_hash=path_hash,
            )
            for pk, document_id in FileVersion.objects.values_list("pk", "document_id")
        ],
        ignore_conflicts=True,  # versions saved since the app started indexing them
    )


def unindex_file_versions(apps, schema_editor):
    FileVersion = apps.get_model("workgroups", "FileVersion")
    ReferenceIndex = apps.get_model("wagtailcore", "ReferenceIndex")
    ReferenceIndex.objects.filter(base_content_type=_content_type(apps, FileVersion)).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0098_apitoken"),
        ("workgroups", "0003_work_group_review_task"),
    ]

    operations = [
        migrations.RunPython(remove_document_editing, restore_document_editing),
        migrations.RunPython(index_file_versions, unindex_file_versions),
    ]
