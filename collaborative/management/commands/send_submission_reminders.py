import datetime

from django.core.management.base import BaseCommand, CommandError
from django.tasks import TaskResultStatus

from collaborative.tasks import send_submission_reminders


class Command(BaseCommand):
    help = (
        "Queue the e-mails reminding sites' data managers of months due soon or overdue "
        "(COLLABORATIVE_REMINDER_DAYS_BEFORE and _AFTER the due date). Run it daily from a "
        "scheduler; running it again the same day sends nothing twice."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--date",
            help="Act as if today were this day (YYYY-MM-DD), to catch up a missed run.",
        )

    def handle(self, date=None, **options):
        if date:
            try:
                datetime.date.fromisoformat(date)
            except ValueError as error:
                raise CommandError(f"--date: {date!r} is not a date like 2026-04-15.") from error
        result = send_submission_reminders.enqueue(date)
        if result.status == TaskResultStatus.SUCCESSFUL:  # a backend that runs it at once
            self.stdout.write(f"Sent {result.return_value} submission reminders.")
        else:
            self.stdout.write(f"Queued the submission reminders (task {result.id}).")
