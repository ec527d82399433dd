"""Pool the collaborative's submitted months again (collaborative.pooling), after figures were
changed outside the portal's own paths (a database shell, a restore of part of a table)."""

from django.core.management.base import BaseCommand

from collaborative import pooling
from collaborative.models import PooledFigure


class Command(BaseCommand):
    help = "Pool every submitted month of the improvement collaborative again."

    def handle(self, *args, **options):
        pooling.refresh()
        rows = PooledFigure.objects.count()
        self.stdout.write(f"Pooled figures refreshed: {rows} months and strata.")
