from django.apps import AppConfig


class CollaborativeConfig(AppConfig):
    """The improvement collaborative: member hospitals report their sepsis measures monthly and
    learn from their run and control charts beside the collaborative's."""

    name = "collaborative"
    verbose_name = "Improvement collaborative"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import signals  # noqa: F401 - keeps the pooled months in step with the sites
