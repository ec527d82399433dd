"""Read a file's text as uploads are read: in a child process, within the extraction limits.

    python manage.py extract_text PATH [--extension EXT] [--max-memory-mb N] ...

Prints the text on standard output and exits with status 0; a file that cannot be read (over
a limit, damaged, password-protected) prints the reason on standard error and exits with
status 1. The limits are the settings' (EXTRACTION_MAX_*, ARCHIVE_MAX_*) unless given here.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from documents import extraction, sandbox


class Command(BaseCommand):
    help = (
        "Print the text of a file, read within the extraction limits (exit status 0), or why "
        "it cannot be read (exit status 1)."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="the file to read")
        parser.add_argument(
            "--extension", help="read it as this format (pdf, docx, ...); default: its suffix"
        )
        for option, field, kind in (
            ("--max-memory-mb", "memory_mb", int),
            ("--max-cpu-seconds", "cpu_seconds", int),
            ("--max-wall-seconds", "wall_seconds", float),
            ("--max-text-chars", "max_text_chars", int),
            ("--archive-max-uncompressed-mb", "archive_uncompressed_mb", int),
            ("--archive-max-ratio", "archive_ratio", int),
            ("--archive-max-entries", "archive_entries", int),
        ):
            parser.add_argument(
                option,
                dest=field,
                type=kind,
                help=f"instead of {sandbox.Limits.SETTINGS[field]}",
            )

    def handle(self, *args, path, extension=None, **options):
        file = Path(path)
        if not file.is_file():
            raise CommandError(f"No such file: {path}", returncode=1)
        extension = (extension or file.suffix).lower().lstrip(".")
        if not extension:
            raise CommandError("The file has no suffix: give --extension.", returncode=1)
        try:
            limits = sandbox.Limits.from_settings(
                **{field: options.get(field) for field in sandbox.Limits.SETTINGS}
            )
        except ValueError as error:
            raise CommandError(str(error), returncode=1) from error
        result = sandbox.extract_file(file, extension, limits)
        if result.status == extraction.FAILED:
            raise CommandError(result.warning, returncode=1)
        if result.status == extraction.NOT_APPLICABLE:
            self.stderr.write(f"A .{extension} file has no text to read.")
            return
        if result.text:
            self.stdout.write(result.text)
        details = []
        if result.page_count is not None:
            details.append(f"{result.page_count} pages")
        details.append(f"{len(result.text):,} characters")
        self.stderr.write(", ".join(details) + ".")
        if result.warning:
            self.stderr.write(result.warning)
