"""Publishing a series adds the sessions its rule gives (events.series)."""

from django.dispatch import receiver
from wagtail.signals import page_published

from .models import EventSeriesPage
from .series import add_missing_sessions


@receiver(page_published, sender=EventSeriesPage)
def add_series_sessions(sender, instance, **kwargs):
    add_missing_sessions(instance)
