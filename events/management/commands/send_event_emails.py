"""Enqueue the events' e-mails that are due: confirmations not yet sent (a failed send is
tried again), reminders of tomorrow's sessions, evaluation requests after a session. Run it
every hour or so. It only enqueues: each task sends its e-mail at most once (events.emails),
so running it twice sends nothing twice."""

from django.core.management.base import BaseCommand

from events import tasks
from events.emails import due_registrations


class Command(BaseCommand):
    help = "Enqueue the due event e-mails: confirmations, reminders, evaluation requests."

    def handle(self, *args, **options):
        confirmations, reminders, evaluations = due_registrations()
        for registration_id in confirmations:
            tasks.send_registration_email.enqueue(registration_id)
        for registration_id in reminders:
            tasks.send_reminder.enqueue(registration_id)
        for registration_id in evaluations:
            tasks.send_evaluation_request.enqueue(registration_id)
        self.stdout.write(
            f"Enqueued {len(confirmations)} confirmations, {len(reminders)} reminders and "
            f"{len(evaluations)} evaluation requests."
        )
