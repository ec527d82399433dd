from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    label = "search"
    verbose_name = _("Search")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Providers are registered through Wagtail hooks, which are loaded once every app is
        # ready; sync connects its receivers lazily from there (see search.sync).
        from . import sync

        sync.connect()
