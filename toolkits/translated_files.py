"""The public files of live toolkits in one language: what a page that is not translated yet
offers a reader of that language instead (portal asks through a hook)."""

from django.utils.translation import gettext as _

from portal.access import public_documents

from .models import ToolkitPage, ToolkitResource

MAX_FILES = 8


def public_files_in(language_code, limit=MAX_FILES):
    """[{"title", "url", "description", "toolkit"}] of current files in `language_code` that
    anyone may download: on live public toolkit pages, outside members-only collections."""
    resources = (
        ToolkitResource.objects.filter(
            page__in=ToolkitPage.objects.live().public(),
            document__in=public_documents().filter(language=language_code),
        )
        .select_related("document", "page")
        .order_by("document__title")
    )
    files, seen = [], set()
    for resource in resources:
        document = resource.document
        if document.pk in seen:
            continue
        seen.add(document.pk)
        files.append(
            {
                "title": document.title,
                "url": document.url,
                "description": _("%(format)s, %(size)s")
                % {"format": document.format_name, "size": document.size_label},
                "toolkit": resource.page.title,
            }
        )
        if len(files) == limit:
            break
    return files
