"""Receivers of the toolkits app: a download of a toolkit's published file is recorded."""

from django.dispatch import receiver
from wagtail.documents.models import document_served

from .downloads import published_version_of, record_download
from .updates import offer_after_download


@receiver(document_served)
def record_served_document(sender, instance, request, **kwargs):
    """Wagtail's document view sends this once every before_serve_document hook has let the
    request through, just before the file goes out. Only files published in a toolkit are
    counted: the reach reports are about toolkits, and other files (work groups' own) are
    nobody's business there."""
    toolkit, version = published_version_of(instance)
    if toolkit is None:
        return
    if record_download(request, instance, toolkit=toolkit, version=version) is not None:
        offer_after_download(request, toolkit)
