"""What publishing a toolkit does: keep a record of each version with its change log and files."""

from django.dispatch import receiver
from django.utils.html import strip_tags
from wagtail.signals import page_published

from .models import ToolkitPage, ToolkitVersion


def record_version(page):
    """The page's current version as a ToolkitVersion; a republished version is updated."""
    version, created = ToolkitVersion.objects.update_or_create(
        page=page,
        version=page.version,
        defaults={
            "release_date": page.release_date,
            "change_log": strip_tags(page.change_log or "").strip(),
        },
    )
    version.documents.set([resource.document_id for resource in page.resources.all()])
    return version, created


@receiver(page_published, sender=ToolkitPage)
def toolkit_published(sender, instance, **kwargs):
    record_version(instance)
