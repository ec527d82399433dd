"""Background work of the collaborative: e-mail about a site's months (submitted, commented
on, due) and the monthly reports. Arguments are ids and ISO dates: the database backend
stores them as JSON."""

import datetime

from django.tasks import task

from . import notifications, reminders, reports


@task
def notify_submitted(submission_id):
    return notifications.notify_submitted(submission_id)


@task
def notify_comment(comment_id):
    return notifications.notify_comment(comment_id)


@task
def send_submission_reminders(on=None):
    """`on`: the day to act as (ISO date), else today."""
    return reminders.send_reminders(datetime.date.fromisoformat(on) if on else None)


@task
def send_monthly_reports(period=None):
    """`period`: the month to report (ISO date of its first day), else the latest due. Returns
    what was done, as JSON: {"period", "made", "sent", "emails"}."""
    month = datetime.date.fromisoformat(period) if period else None
    run = reports.send_monthly_reports(month)
    return {
        "period": run.period.isoformat(),
        "made": run.made,
        "sent": run.sent_reports,
        "emails": run.emails,
    }
