"""Background work of work groups: notification e-mails."""

from django.tasks import task

from . import notifications


@task
def notify_activity(activity_id):
    return notifications.notify_activity(activity_id)


@task
def send_digests(frequency):
    return notifications.send_digests(frequency)
