"""Toolkits' side of the search contract: toolkit pages ("toolkit", with care-setting and
audience facets), the catalog page ("page"), and the files offered on live toolkits ("file",
searched by their extracted text; members-only files carry the members token)."""

from wagtail.documents import get_document_model

from search.contract import MAX_BODY_CHARS, SearchDocument
from search.pages import (
    PageProvider,
    collection_access_map,
    is_under,
    model_key,
    plain_text,
    restricted_page_paths,
)

from .models import Audience, CareSetting, ToolkitIndexPage, ToolkitPage, ToolkitResource


def toolkit_facets(toolkits):
    """Care settings and audiences of one or more toolkits (their terms prefetched)."""
    care_settings, audiences = set(), set()
    for toolkit in toolkits:
        care_settings.update(term.slug for term in toolkit.care_settings.all())
        audiences.update(term.slug for term in toolkit.audiences.all())
    return {"care_setting": tuple(sorted(care_settings)), "audience": tuple(sorted(audiences))}


def facet_labels():
    """The names editors gave the care settings and audiences the facets carry as slugs."""

    return {
        "care_setting": dict(CareSetting.objects.values_list("slug", "name")),
        "audience": dict(Audience.objects.values_list("slug", "name")),
    }


class ToolkitPageProvider(PageProvider):
    def queryset(self, model):
        return super().queryset(model).prefetch_related("care_settings", "audiences")

    def facets(self, page):
        return toolkit_facets([page])


class ToolkitFileProvider:
    """One document per file used on at least one live, unrestricted toolkit; its facets are
    those of every such toolkit."""

    name = "toolkits.files"

    def __init__(self):

        self.models = (settings_document_model(),)
        # A file's document changes when a toolkit offering it is published, unpublished,
        # moved, made private or deleted, and when it is added to or taken off a toolkit.
        self.depends_on = (ToolkitPage, ToolkitResource)

    def dependents(self, instance):

        if isinstance(instance, ToolkitResource):
            ids = [instance.document_id]
        else:
            ids = ToolkitResource.objects.filter(page_id=instance.pk).values_list(
                "document_id", flat=True
            )
        return settings_document_model().objects.filter(pk__in=list(ids))

    def _resources(self):

        return (
            ToolkitResource.objects.filter(page__live=True)
            .select_related("document", "page")
            .prefetch_related("page__care_settings", "page__audiences")
            .order_by("document_id", "page__path", "sort_order")
        )

    def documents(self):
        yield from self._build(self._resources())

    def document_for(self, instance):
        found = list(self._build(self._resources().filter(document_id=instance.pk)))
        return found[0] if found else None

    def key_for(self, instance):
        return model_key(settings_document_model(), instance.pk)

    def _build(self, resources):
        restricted = restricted_page_paths()
        access = collection_access_map()
        by_document = {}
        for resource in resources:
            if is_under(resource.page.path, restricted):
                continue
            by_document.setdefault(resource.document_id, []).append(resource)
        for used in by_document.values():
            document = used[0].document
            token = access.get(document.collection_id)
            if token is None:
                continue  # a restriction other than members-only: not guessed
            toolkits = list({resource.page_id: resource.page for resource in used}.values())
            descriptions = [plain_text(resource.description) for resource in used]
            body = " ".join([*dict.fromkeys(d for d in descriptions if d), document.extracted_text])
            yield SearchDocument(
                key=model_key(type(document), document.pk),
                title=document.title,
                url=document.url,
                content_type="file",
                access=token,
                body=body[:MAX_BODY_CHARS],
                language=document.language,
                facets=toolkit_facets(toolkits),
                published_at=document.created_at,
            )


def settings_document_model():

    return get_document_model()


def providers():

    return [
        ToolkitPageProvider("toolkits.toolkits", (ToolkitPage,), "toolkit"),
        PageProvider("toolkits.catalog", (ToolkitIndexPage,), "page"),
        ToolkitFileProvider(),
    ]
