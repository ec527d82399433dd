from django.core.management.base import BaseCommand, CommandError
from django.tasks import TaskResultStatus

from collaborative import periods
from collaborative.tasks import send_monthly_reports


class Command(BaseCommand):
    help = (
        "Queue the month's reports of the improvement collaborative: each site's, e-mailed to "
        "its people, and the collaborative's, e-mailed to the coaches. Run it monthly from a "
        "scheduler, after the due day (COLLABORATIVE_DUE_DAY); running it again sends nothing "
        "twice and finishes a run that stopped."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--month",
            help="The month to report (YYYY-MM); by default the latest whose data are due.",
        )

    def handle(self, month=None, **options):
        period = None
        if month:
            period = periods.parse_period(month)
            if period is None or month != f"{period:%Y-%m}":
                raise CommandError(f"--month: {month!r} is not a month like 2026-04.")
        result = send_monthly_reports.enqueue(period.isoformat() if period else None)
        if result.status == TaskResultStatus.SUCCESSFUL:  # a backend that runs it at once
            run = result.return_value
            self.stdout.write(
                f"Reports of {run['period'][:7]}: {run['made']} made, {run['sent']} sent "
                f"({run['emails']} e-mails)."
            )
        else:
            self.stdout.write(f"Queued the monthly reports (task {result.id}).")
