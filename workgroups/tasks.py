"""Background work of work groups: notification e-mails and meeting invitations."""

from django.tasks import task

from . import join_request_mail, meeting_invitations, notifications


@task
def notify_activity(activity_id):
    return notifications.notify_activity(activity_id)


@task
def send_digests(frequency):
    return notifications.send_digests(frequency)


@task
def announce_meeting(meeting_id, sequence, actor_id=None):
    return meeting_invitations.announce(meeting_id, sequence, actor_id)


@task
def tell_chairs_of_join_request(request_id):
    return join_request_mail.tell_chairs(request_id)


@task
def tell_requester_of_decision(request_id, reason=""):
    return join_request_mail.tell_requester(request_id, reason)
