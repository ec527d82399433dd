from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    """The files every app keeps (toolkits' resources, work groups' shared files): their text
    extraction and their types."""

    name = "documents"
    verbose_name = "Documents"
    default_auto_field = "django.db.models.BigAutoField"
