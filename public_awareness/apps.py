from django.apps import AppConfig


class PublicAwarenessConfig(AppConfig):
    name = "public_awareness"
    verbose_name = "Public awareness"
    default_auto_field = "django.db.models.BigAutoField"
