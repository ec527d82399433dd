from django.apps import AppConfig


class ToolkitsConfig(AppConfig):
    name = "toolkits"
    verbose_name = "Toolkits"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Models and views are imported once the app registry is ready.
        from wagtail.models import ReferenceIndex

        from . import signals  # noqa: F401 - records downloads of toolkits' files
        from .models import ToolkitPage, ToolkitVersionFile
        from .views import download_all, subscription

        # Wagtail's reference index does not follow many-to-many fields: record the files of
        # versions through their own rows, so "Usage" and "Delete" in the admin know them.
        ReferenceIndex.register_model(ToolkitVersionFile)

        # A toolkit's routes (ToolkitPage) and the views that answer them.
        ToolkitPage.route_views = {"download_all": download_all, "subscription": subscription}
