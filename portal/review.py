"""Which pages are overdue for their content review."""

from django.db.models import Q
from django.utils import timezone
from wagtail.models import Page, get_page_models

from .models.mixins import ReviewedContentMixin

# Readers are told a page may be out of date once its review is this late.
READER_NOTICE_AFTER_DAYS = 90


def reviewed_page_models():
    return [model for model in get_page_models() if issubclass(model, ReviewedContentMixin)]


def overdue_review_pages(today=None):
    """Pages of every reviewed type whose next review date has passed (one query)."""
    today = today or timezone.localdate()
    condition = Q()
    for model in reviewed_page_models():
        condition |= Q(pk__in=model.objects.filter(next_review_due__lt=today).values("pk"))
    if not condition:
        return Page.objects.none()
    return Page.objects.filter(condition)
