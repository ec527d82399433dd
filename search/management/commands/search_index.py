"""`manage.py search_index rebuild|status`: rebuild the search documents from every provider,
or show what is indexed. A rebuild is also the retry path for failed indexing tasks."""

from django.core.management.base import BaseCommand, CommandError
from django.db.models import Count

from search import indexing
from search.engines import get_engine
from search.models import IndexedDocument

BAR_WIDTH = 30


class Command(BaseCommand):
    help = "Rebuild the search index from every search provider, or show its status."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["rebuild", "status"])

    def handle(self, *args, action, **options):
        if action == "rebuild":
            self.rebuild()
        else:
            self.status()

    def rebuild(self):
        self.stdout.write("Rebuilding the search index…")
        try:
            counts = indexing.rebuild(progress=self.progress)
        except Exception as error:
            raise CommandError(
                f"The rebuild failed and the index was left as it was: {error}"
            ) from error
        removed = counts.pop("removed", 0)
        for name, count in counts.items():
            self.stdout.write(f"  {name}: {count}")
        self.stdout.write(
            self.style.SUCCESS(
                f"Indexed {sum(counts.values())} documents from {len(counts)} providers; "
                f"removed {removed} no longer provided."
            )
        )
        self.report_external_index()

    def report_external_index(self):
        # indexing.rebuild has rebuilt the external index once its transaction committed.
        engine = get_engine()
        count = getattr(engine, "indexed_count", None)
        if not engine.external_index or count is None:
            return
        try:
            self.stdout.write(f"The {engine.name} index holds {count()} documents.")
        except Exception as error:
            raise CommandError(f"The {engine.name} index could not be read: {error}") from error

    def progress(self, name, done, total):
        # Plain lines rather than a redrawn bar: readable in logs and CI as well as terminals.
        if total:
            filled = min(BAR_WIDTH, BAR_WIDTH * done // total)
            bar = "#" * filled + "-" * (BAR_WIDTH - filled)
            self.stdout.write(f"  {name} [{bar}] {done}/{total}")
        else:
            self.stdout.write(f"  {name}: {done}")

    def status(self):
        documents = IndexedDocument.objects.all()
        self.stdout.write(f"{documents.count()} documents in the search index.")
        for label, field in (("By content type", "content_type"), ("By access", "access")):
            self.stdout.write(f"{label}:")
            rows = documents.values_list(field).annotate(n=Count("pk")).order_by(field)
            for value, count in rows:
                self.stdout.write(f"  {value}: {count}")
