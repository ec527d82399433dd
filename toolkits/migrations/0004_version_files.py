"""Versions' files through a model of their own, so that Wagtail's reference index can record
them (it does not follow plain many-to-many fields) and a version's file cannot be deleted."""

import uuid

import django.db.models.deletion
from django.db import migrations, models

# Wagtail's namespace for ReferenceIndex.content_path_hash (ReferenceIndex._get_content_path_hash).
CONTENT_PATH_NAMESPACE = uuid.UUID("bdc70d8b-e7a2-4c2a-bf43-2a3e3fcbbe86")


def copy_files(apps, schema_editor):
    ToolkitVersion = apps.get_model("toolkits", "ToolkitVersion")
    ToolkitVersionFile = apps.get_model("toolkits", "ToolkitVersionFile")
    through = ToolkitVersion.documents.through
    ToolkitVersionFile.objects.bulk_create(
        ToolkitVersionFile(version_id=row.toolkitversion_id, document_id=row.toolkitdocument_id)
        for row in through.objects.iterator()
    )


def index_references(apps, schema_editor):
    """The rows Wagtail's reference index would record for each file of a version (the signal
    handlers that do this for new rows are disconnected while migrations run)."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    ReferenceIndex = apps.get_model("wagtailcore", "ReferenceIndex")
    ToolkitVersionFile = apps.get_model("toolkits", "ToolkitVersionFile")
    source, _ = ContentType.objects.get_or_create(app_label="toolkits", model="toolkitversionfile")
    target, _ = ContentType.objects.get_or_create(app_label="toolkits", model="toolkitdocument")
    ReferenceIndex.objects.bulk_create(
        (
            ReferenceIndex(
                content_type=source,
                base_content_type=source,
                object_id=str(row.pk),
                to_content_type=target,
                to_object_id=str(row.document_id),
                model_path="document",
                content_path="document",
                content_path_hash=uuid.uuid5(CONTENT_PATH_NAMESPACE, "document"),
            )
            for row in ToolkitVersionFile.objects.iterator()
        ),
        ignore_conflicts=True,
    )


class Migration(migrations.Migration):
    dependencies = [
        ("toolkits", "0003_version_change_log_rich_text"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.CreateModel(
            name="ToolkitVersionFile",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "document",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="toolkits.toolkitdocument",
                        verbose_name="file",
                    ),
                ),
                (
                    "version",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="files",
                        to="toolkits.toolkitversion",
                    ),
                ),
            ],
            options={
                "verbose_name": "file of a toolkit version",
                "verbose_name_plural": "files of toolkit versions",
            },
        ),
        migrations.AddConstraint(
            model_name="toolkitversionfile",
            constraint=models.UniqueConstraint(
                fields=("version", "document"), name="toolkits_one_row_per_version_file"
            ),
        ),
        # Django cannot give an existing many-to-many field a through model: copy, then
        # replace the field.
        migrations.RunPython(copy_files, migrations.RunPython.noop),
        migrations.RemoveField(model_name="toolkitversion", name="documents"),
        migrations.AddField(
            model_name="toolkitversion",
            name="documents",
            field=models.ManyToManyField(
                blank=True,
                related_name="toolkit_versions",
                through="toolkits.ToolkitVersionFile",
                to="toolkits.toolkitdocument",
            ),
        ),
        migrations.RunPython(index_references, migrations.RunPython.noop),
    ]
