from django import template
from django.conf import settings

register = template.Library()

LANGUAGE_NAMES = dict(settings.LANGUAGES)


def _items(resources_or_documents):
    """(document, description) pairs, each with what the file list shows."""
    items = []
    members_only = {}  # by collection: files share a few collections
    for entry in resources_or_documents:
        document = getattr(entry, "document", entry)
        if document.collection_id not in members_only:
            members_only[document.collection_id] = document.members_only
        items.append(
            {
                "document": document,
                "description": getattr(entry, "description", ""),
                "language_name": LANGUAGE_NAMES.get(document.language, document.language),
                "members_only": members_only[document.collection_id],
            }
        )
    return items


@register.inclusion_tag("toolkits/includes/resource_list.html")
def resource_list(resources):
    return {"items": _items(resources.select_related("document", "document__collection"))}


@register.inclusion_tag("toolkits/includes/resource_list.html")
def document_list(documents, superseded=False):
    return {"items": _items(documents.select_related("collection")), "superseded": superseded}


@register.simple_tag(takes_context=True)
def cite_toolkit(context, page, consortium_name):
    return page.how_to_cite(context.get("request"), consortium_name or "")


@register.simple_tag
def with_extraction_warning(documents):
    """The documents (of a listing's page) whose text extraction left a warning."""
    return [document for document in documents if getattr(document, "extraction_warning", "")]
