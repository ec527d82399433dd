from django.apps import AppConfig


class ToolkitsConfig(AppConfig):
    name = "toolkits"
    verbose_name = "Toolkits"
    default_auto_field = "django.db.models.BigAutoField"
