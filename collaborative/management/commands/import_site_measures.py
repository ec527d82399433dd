"""manage.py import_site_measures PATH [--site CODE] [--dry-run]: a file of sites' monthly
figures (CSV or XLSX), by the same rules as a data manager's upload (collaborative.importing).
Prints what it changes, every warning and every error with its line and column; imports all of
the file or, on any error, nothing (exit status 1)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from collaborative import uploads
from collaborative.importing import PlanOutdated, apply_import, figure_text, plan_import
from collaborative.models import CollaborativeSite

SHOWN = 50  # changes, warnings and errors printed of each


class Command(BaseCommand):
    help = (
        "Import sites' monthly figures from a CSV or XLSX file (columns site, measure, period, "
        "numerator, denominator, count, category, stratum, text). Prints what would change; "
        "imports everything or, on any error, nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument("--site", help="Accept rows of this site (its code) only.")
        parser.add_argument("--dry-run", action="store_true", help="Change nothing.")

    def handle(self, path, site=None, dry_run=False, **options):
        file = Path(path)
        if not file.is_file():
            raise CommandError(f"No such file: {path}")
        limit = uploads.COMMAND_LIMITS.max_bytes
        if file.stat().st_size > limit:
            raise CommandError(uploads.too_large_message(file.stat().st_size, limit))
        only = None
        if site:
            only = CollaborativeSite.objects.filter(code__iexact=site).first()
            if only is None:
                raise CommandError(f"There is no site with the code {site!r}.")
        plan = plan_import(file.read_bytes(), file.name, site=only, limits=uploads.COMMAND_LIMITS)
        for note in plan.notes:
            self.stdout.write(f"Note: {note}")
        if plan.errors:
            lines = [f"  {error}" for error in plan.errors[:SHOWN]]
            left_out = plan.error_count - len(lines)
            if left_out:
                lines.append(f"  … and {left_out} more")
            raise CommandError(
                f"{file.name} was not imported, nothing changed: {plan.error_count} "
                "errors.\n" + "\n".join(lines)
            )
        self._describe(plan, dry_run)
        if dry_run:
            self.stdout.write("Dry run: nothing changed.")
            return
        try:
            apply_import(plan)
        except PlanOutdated:
            raise CommandError(
                "A month in the file was submitted or started while it was read: nothing "
                "changed. Run the command again."
            ) from None

    def _describe(self, plan, dry_run):
        verb = "Would import" if dry_run else "Imported"
        self.stdout.write(
            f"{verb} {plan.filename} ({plan.format}, {plan.rows_read} rows): "
            f"{len(plan.new)} new, {len(plan.changed)} changed, {plan.unchanged} unchanged; "
            f"{len(plan.drafts)} months started as drafts."
        )
        for figure in plan.changed[:SHOWN]:
            kind, (_pk, *before) = figure.measure.kind, figure.current
            self.stdout.write(
                f"  changed, line {figure.row.line}: {figure.site.code} {figure.period:%Y-%m} "
                f"{figure.measure.code}{_where(figure)}: {figure_text(kind, *before)} → "
                f"{figure_text(kind, *figure.values)}"
            )
        if len(plan.changed) > SHOWN:
            self.stdout.write(f"  … and {len(plan.changed) - SHOWN} more changed")
        for warning in plan.warnings[:SHOWN]:
            self.stdout.write(f"Warning: {warning}")
        if len(plan.warnings) > SHOWN:
            self.stdout.write(f"… and {len(plan.warnings) - SHOWN} more warnings")


def _where(figure):
    parts = [figure.stratum.code if figure.stratum else "", figure.category]
    shown = ", ".join(part for part in parts if part)
    return f" ({shown})" if shown else ""
