"""`manage.py prune_search_queries`: forget search counts older than WAGTAILSEARCH_HITS_MAX_AGE
days (run it daily). Wagtail's own counts and this project's zero-result counts go together,
then queries with no counts left and no promoted result."""

import datetime

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone
from wagtail.contrib.search_promotions.models import Query, QueryDailyHits

from search.models import ZeroResultHits


class Command(BaseCommand):
    help = "Delete search query counts older than WAGTAILSEARCH_HITS_MAX_AGE days."

    def handle(self, *args, **options):
        days = settings.WAGTAILSEARCH_HITS_MAX_AGE
        before = timezone.localdate() - datetime.timedelta(days=days)
        with transaction.atomic():
            zero, _ = ZeroResultHits.objects.filter(date__lt=before).delete()
            QueryDailyHits.garbage_collect(days=days)
            queries = Query.objects.filter(daily_hits__isnull=True, editors_picks__isnull=True)
            forgotten, _ = queries.delete()
        self.stdout.write(
            f"Kept the last {days} days of search counts; removed {zero} zero-result days "
            f"and {forgotten} rows of queries no longer searched or promoted."
        )
