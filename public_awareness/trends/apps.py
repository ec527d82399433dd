from django.apps import AppConfig


class TrendsConfig(AppConfig):
    name = "public_awareness.trends"
    label = "trends"
    verbose_name = "Sepsis trends"
    default_auto_field = "django.db.models.BigAutoField"
