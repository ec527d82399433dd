from django.core.management.base import BaseCommand

from workgroups.models import Membership
from workgroups.tasks import send_digests


class Command(BaseCommand):
    help = (
        "Queue the daily or weekly work-group digests (run it from a scheduler: daily every "
        "morning, weekly once a week). Members with nothing new get no e-mail."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "frequency",
            choices=[Membership.Notifications.DAILY, Membership.Notifications.WEEKLY],
        )

    def handle(self, frequency, **options):
        result = send_digests.enqueue(frequency)
        self.stdout.write(f"Queued the {frequency} digests (task {result.id}).")
