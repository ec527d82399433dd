"""What publishing a toolkit does: keep each version with its change log and files, and tell
subscribers when it is a new version."""

from functools import partial

from django.db import transaction
from django.dispatch import receiver
from wagtail.models import ReferenceIndex
from wagtail.signals import page_published

from .models import ToolkitPage, ToolkitVersion, ToolkitVersionFile
from .tasks import send_version_notices


def record_version(page):
    """The page's current version as a ToolkitVersion; a republished version is updated."""
    version, created = ToolkitVersion.objects.update_or_create(
        page=page,
        version=page.version,
        defaults={
            "release_date": page.release_date,
            # As rich text: its paragraphs and lists are what the e-mail and history show.
            "change_log": (page.change_log or "").strip(),
        },
    )
    set_files(version, [resource.document_id for resource in page.resources.all()])
    return version, created


def set_files(version, document_ids):
    """The version's files, each recorded in Wagtail's reference index at once (not by a
    background task), so that the admin refuses to delete them from now on."""
    version.files.exclude(document_id__in=document_ids).delete()  # unindexed by Wagtail
    kept = set(version.files.values_list("document_id", flat=True))
    # bulk_create sends no post_save, so Wagtail queues no indexing task of its own.
    rows = ToolkitVersionFile.objects.bulk_create(
        ToolkitVersionFile(version=version, document_id=document_id)
        for document_id in dict.fromkeys(document_ids)
        if document_id not in kept
    )
    for row in rows:
        ReferenceIndex.create_or_update_for_object(row)


@receiver(page_published, sender=ToolkitPage)
def toolkit_published(sender, instance, **kwargs):
    version, created = record_version(instance)
    # A new version number means news for subscribers; republishing a version (a typo fixed)
    # does not. The first version has no subscribers yet: nobody could download it before.
    if created and ToolkitVersion.objects.filter(page=instance).exclude(pk=version.pk).exists():
        transaction.on_commit(partial(send_version_notices.enqueue, version.pk), robust=True)
