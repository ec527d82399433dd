from django.apps import AppConfig


class WorkgroupsConfig(AppConfig):
    name = "workgroups"
    verbose_name = "Work groups"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from wagtail.models import ReferenceIndex

        from . import signals  # noqa: F401 - keeps Django groups in step with memberships
        from .models import FileVersion

        # A shared file's versions protect their documents: Wagtail's delete views say so.
        ReferenceIndex.register_model(FileVersion)
