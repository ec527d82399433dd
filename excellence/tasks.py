"""Background work of excellence reports: the feedback e-mail."""

from django.tasks import task

from . import feedback


@task
def send_feedback(report_id):
    return feedback.send_feedback(report_id)
