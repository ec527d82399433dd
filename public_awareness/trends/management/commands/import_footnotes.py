from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from public_awareness.trends.importing import import_footnotes


class Command(BaseCommand):
    help = (
        "Load the meaning of publishers' footnote codes from a CMS footnote crosswalk CSV "
        "(columns 'Footnote' and 'Footnote Text'). Existing codes are updated."
    )

    def add_arguments(self, parser):
        parser.add_argument("path")

    def handle(self, path, **options):
        file = Path(path)
        if not file.is_file():
            raise CommandError(f"No such file: {path}")
        created, updated, errors = import_footnotes(file.read_bytes())
        if errors:
            raise CommandError(
                f"{file.name} was not imported; nothing changed.\n"
                + "\n".join(str(error) for error in errors[:50])
            )
        self.stdout.write(f"Footnotes from {file.name}: {created} new, {updated} updated.")
