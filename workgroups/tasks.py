"""Background work of work groups: notification e-mails and meeting invitations."""

from django.tasks import task

from . import meeting_invitations, notifications


@task
def notify_activity(activity_id):
    return notifications.notify_activity(activity_id)


@task
def send_digests(frequency):
    return notifications.send_digests(frequency)


@task
def announce_meeting(meeting_id, sequence, actor_id=None):
    return meeting_invitations.announce(meeting_id, sequence, actor_id)
