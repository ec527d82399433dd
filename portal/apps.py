from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = "Portal"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Receivers are imported once the app registry is ready.
        from . import signals  # noqa: F401
        from .accounts import mfa_session  # noqa: F401 - marks sessions that set up MFA
        from .page_cache import purge_receivers

        purge_receivers.connect()
