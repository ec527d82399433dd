from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    """The files every app keeps (toolkits' resources, work groups' shared files): the document
    model, its upload form, the checks of types by content and the bounded text extraction."""

    name = "documents"
    verbose_name = "Documents"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import signals  # noqa: F401 - extracts each new file's text
