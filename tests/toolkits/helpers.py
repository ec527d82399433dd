"""Small builders shared by the toolkits tests."""

from django.core.files.base import ContentFile

from documents.models import PortalDocument
from tests.factories import UserFactory

PUBLIC_PDF = b"%PDF-1.4\npublic time zero guide\n"
MEMBERS_DOCX = b"PK\x03\x04members-only editable source"


def document(title, data, name, collection):
    return PortalDocument.objects.create(
        title=title, file=ContentFile(data, name=name), collection=collection
    )


def make_member(organization):
    """A user whose work for the organization the consortium has confirmed."""
    user = UserFactory()
    user.profile.organization = organization
    user.profile.save()
    return user


def files(page):
    """The page's current files by title."""
    return {r.document.title: r.document for r in page.resources.select_related("document")}


def body(response):
    return b"".join(response.streaming_content)


def edit_form_data(client, page):
    """What the browser would post from the page's edit form, unchanged (read from its HTML)."""
    from bs4 import BeautifulSoup
    from django.urls import reverse

    html = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content
    form = BeautifulSoup(html, "html.parser").find("form", id="page-edit-form")
    data = {}
    for field in form.find_all(["input", "textarea", "select"]):
        name, kind = field.get("name"), field.get("type", "text")
        if not name or kind in ("submit", "button", "file"):
            continue
        if field.name == "select":
            chosen = [o.get("value", o.text) for o in field.find_all("option", selected=True)]
            if field.has_attr("multiple"):
                data[name] = chosen
            elif chosen:
                data[name] = chosen[0]
        elif field.name == "textarea":
            data[name] = field.text
        elif kind == "checkbox":
            if field.has_attr("checked"):
                data.setdefault(name, []).append(field.get("value", "on"))
        elif kind == "radio":
            if field.has_attr("checked"):
                data[name] = field.get("value", "on")
        else:
            data[name] = field.get("value", "")
    return data
