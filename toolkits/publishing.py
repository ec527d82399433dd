"""What publishing a toolkit does: keep each version with its change log and files, and tell
subscribers when it is a new version."""

from functools import partial

from django.db import transaction
from django.dispatch import receiver
from wagtail.signals import page_published

from .models import ToolkitPage, ToolkitVersion
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
    version.documents.set([resource.document_id for resource in page.resources.all()])
    return version, created


@receiver(page_published, sender=ToolkitPage)
def toolkit_published(sender, instance, **kwargs):
    version, created = record_version(instance)
    # A new version number means news for subscribers; republishing a version (a typo fixed)
    # does not. The first version has no subscribers yet: nobody could download it before.
    if created and ToolkitVersion.objects.filter(page=instance).exclude(pk=version.pk).exists():
        transaction.on_commit(partial(send_version_notices.enqueue, version.pk), robust=True)
