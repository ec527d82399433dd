from django.apps import AppConfig


class ExcellenceConfig(AppConfig):
    """Learning from excellence: reports of good sepsis practice, the positive feedback they
    bring the people named, appreciative-inquiry interviews, and the published stories."""

    name = "excellence"
    verbose_name = "Learning from excellence"
    default_auto_field = "django.db.models.BigAutoField"
