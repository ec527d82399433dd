from datetime import date
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from public_awareness.trends import parsers
from public_awareness.trends.importing import import_release

MAX_ERRORS_SHOWN = 50


class Command(BaseCommand):
    help = (
        "Import a public release of sepsis indicator data (CMS Timely and Effective Care, "
        "NCHS weekly deaths, or the portal's tidy CSV). Without --format the format is "
        "recognized from the header. Prints what changes; with --dry-run changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument("--format", choices=parsers.DIALECTS, dest="dialect")
        parser.add_argument("--dry-run", action="store_true")
        parser.add_argument(
            "--source", default="", help="Publisher and dataset, if not the format's own."
        )
        parser.add_argument(
            "--released-on",
            type=date.fromisoformat,
            help="The publisher's release date, YYYY-MM-DD.",
        )

    def handle(self, path, dialect=None, dry_run=False, source="", released_on=None, **options):
        file = Path(path)
        if not file.is_file():
            raise CommandError(f"No such file: {path}")
        if file.stat().st_size > parsers.MAX_BYTES:
            raise CommandError(
                f"{path} is larger than {parsers.MAX_BYTES // 2**20} MB; split it and import "
                "the parts."
            )
        plan = import_release(
            file.read_bytes(),
            file.name,
            dialect=dialect,
            source=source,
            released_on=released_on,
            dry_run=dry_run,
        )
        if plan.already_imported:
            self.stdout.write(f"{file.name} was imported before: nothing changed.")
            return
        for warning in plan.warnings:
            self.stdout.write(f"Warning: {warning}")
        if plan.errors:
            lines = [str(error) for error in plan.errors[:MAX_ERRORS_SHOWN]]
            if len(plan.errors) > MAX_ERRORS_SHOWN:
                lines.append(f"… and {len(plan.errors) - MAX_ERRORS_SHOWN} more")
            raise CommandError(
                f"{file.name} was not imported; nothing changed.\n" + "\n".join(lines)
            )
        verb = "Would import" if dry_run else "Imported"
        self.stdout.write(
            f"{verb} {file.name} ({plan.dialect}, {plan.rows_read} rows read): "
            f"{len(plan.new)} new, {len(plan.revised)} revised, {plan.unchanged} unchanged."
        )
        for existing, row, values in plan.revised[:20]:
            self.stdout.write(
                f"  revised {row.indicator} {row.geography} {row.period_start}–{row.period_end}: "
                f"{existing.value} → {values['value']}"
            )
        if dry_run:
            self.stdout.write("Dry run: nothing changed.")
