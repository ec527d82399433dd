from django.core.management.base import BaseCommand

from news import digests
from news.tasks import send_news_digest


class Command(BaseCommand):
    help = (
        "Queue the news digest of every confirmed subscriber who has had none this period "
        "(weekly: since Monday; daily: today). Run it daily; running it again sends nothing twice."
    )

    def handle(self, *args, **options):
        due = digests.due()
        for subscription_id, period in due:
            send_news_digest.enqueue(subscription_id, period.isoformat())
        self.stdout.write(f"Queued {len(due)} news digests.")
