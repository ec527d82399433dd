from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = "Events"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Views import the models: the pages' routes get their views once the registry is ready.
        from . import signals  # noqa: F401 - a series page's sessions follow its rule
        from .models import EventPage
        from .views import page_routes

        EventPage.route_views = page_routes()
