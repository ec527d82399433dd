"""Background work of events: their e-mails (events.emails), each sent at most once. A failed
send fails its task (the backend keeps it) and the next `send_event_emails` tries again."""

from django.tasks import task

from . import emails


@task
def send_registration_email(registration_id):
    return emails.send_registration_email(registration_id)


@task
def send_reminder(registration_id):
    return emails.send_reminder(registration_id)


@task
def send_evaluation_request(registration_id):
    return emails.send_evaluation_request(registration_id)
