"""News' side of the search contract: live news items ("news") and the news index ("page").
A members-only news item carries the members token; one closed more tightly is not indexed."""

from portal.announcements import PageAudiences
from search.contract import MEMBERS, PUBLIC, SearchDocument
from search.pages import PageProvider, model_key, page_body

from .models import NewsIndexPage, NewsItemPage


class NewsItemProvider(PageProvider):
    def documents(self):
        audiences = PageAudiences()
        for model in self.models:
            for page in self.queryset(model).order_by("path"):
                document = self._news_document(page, audiences)
                if document is not None:
                    yield document

    def document_for(self, instance):
        model = self._model_of(instance)
        if model is None or instance.pk is None:
            return None
        page = self.queryset(model).filter(pk=instance.pk).first()
        return self._news_document(page, PageAudiences()) if page is not None else None

    def _news_document(self, page, audiences):
        audience = audiences.of(page)
        url = page.url
        if audience is None or not url:
            return None
        return SearchDocument(
            key=model_key(type(page), page.pk),
            title=page.title,
            url=url,
            content_type="news",
            access=PUBLIC if audience else MEMBERS,
            body=page_body(page),
            language=page.locale.language_code,
            published_at=page.last_published_at,
        )


def providers():

    return [
        NewsItemProvider("news.items", (NewsItemPage,), "news"),
        PageProvider("news.index", (NewsIndexPage,), "page"),
    ]
