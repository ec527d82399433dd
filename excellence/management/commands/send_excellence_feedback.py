from django.core.management.base import BaseCommand

from excellence.feedback import enqueue_unsent


class Command(BaseCommand):
    help = (
        "Enqueue the feedback e-mail of every approved excellence report not yet sent (a "
        "failed send is tried again). Schedule it hourly; a second run sends nothing twice."
    )

    def handle(self, *args, **options):
        count = enqueue_unsent()
        self.stdout.write(f"{count} feedback e-mails enqueued.")
