"""Small builders shared by the toolkits tests."""

from django.core.files.base import ContentFile

from tests.factories import UserFactory
from toolkits.models import ToolkitDocument

PUBLIC_PDF = b"%PDF-1.4\npublic time zero guide\n"
MEMBERS_DOCX = b"PK\x03\x04members-only editable source"


def document(title, data, name, collection):
    return ToolkitDocument.objects.create(
        title=title, file=ContentFile(data, name=name), collection=collection
    )


def make_member(organisation):
    """A user whose work for the organisation the consortium has confirmed."""
    user = UserFactory()
    user.profile.organisation = organisation
    user.profile.save()
    return user


def files(page):
    """The page's current files by title."""
    return {r.document.title: r.document for r in page.resources.select_related("document")}


def body(response):
    return b"".join(response.streaming_content)
