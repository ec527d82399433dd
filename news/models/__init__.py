from .pages import NewsIndexPage, NewsItemPage
from .subscriptions import NewsDigest, NewsSubscription

__all__ = ["NewsDigest", "NewsIndexPage", "NewsItemPage", "NewsSubscription"]
