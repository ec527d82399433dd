from django.apps import AppConfig


class NewsConfig(AppConfig):
    name = "news"
    verbose_name = "News"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Models and views are imported once the app registry is ready.
        from .models import NewsIndexPage
        from .views import news_feed, news_listing

        # The news index's routes and the views that answer them.
        NewsIndexPage.route_views = {"listing": news_listing, "feed": news_feed}
