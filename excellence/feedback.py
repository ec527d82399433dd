"""The positive feedback e-mailed to the person or team an approved report names.

Exactly once, never lost: the report records when its feedback went out. The task sends only
while that is empty; a send that fails is logged, counted and stored on the report (staff see
it in the admin), and the task fails so the backend records it. `send_excellence_feedback`
(scheduled) enqueues the task again for every approved report still unsent.
"""

import logging

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from wagtail.models import Site

from .access import feedback_token
from .models import ExcellenceReport

logger = logging.getLogger(__name__)

# After this many failed sends a report waits for staff to correct its address.
MAX_ATTEMPTS = 10


def unsent_reports():
    """Approved reports whose feedback has not gone out and may still be tried."""
    return ExcellenceReport.objects.filter(
        status=ExcellenceReport.Status.APPROVED,
        feedback_sent_at__isnull=True,
        feedback_attempts__lt=MAX_ATTEMPTS,
    )


def feedback_url(report):
    site = Site.objects.filter(is_default_site=True).first()
    base = site.root_url if site else settings.WAGTAILADMIN_BASE_URL
    return base + reverse("excellence_feedback", args=[feedback_token(report)])


def feedback_message(report):
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "report": report,
            "reporter": report.reporter_display,
            "url": feedback_url(report),
        }
        subject = _("Thank you: a colleague recognized your sepsis care")
        message = EmailMultiAlternatives(
            subject=subject,
            body=render_to_string("excellence/email/feedback.txt", context),
            to=[report.recognized_email],
        )
        message.attach_alternative(
            render_to_string("excellence/email/feedback.html", context), "text/html"
        )
    return message


def send_feedback(report_id):
    """Send one report's feedback unless it has gone out; True when sent now."""
    with transaction.atomic():
        report = (
            # Only the report's row is locked: its reporter may be gone (an outer join).
            ExcellenceReport.objects.select_for_update(of=("self",))
            .select_related("organization", "reporter")
            .filter(pk=report_id, status=ExcellenceReport.Status.APPROVED)
            .first()
        )
        if report is None or report.feedback_sent_at is not None:
            return False
        report.feedback_attempts += 1
        try:
            feedback_message(report).send()
        except Exception as error:
            logger.exception(
                "Could not e-mail the feedback of excellence report %s (attempt %s)",
                report.pk,
                report.feedback_attempts,
            )
            report.feedback_error = f"{type(error).__name__}: {error}"[:300]
            report.save(update_fields=["feedback_attempts", "feedback_error"])
            failed = error
        else:
            report.feedback_sent_at = timezone.now()
            report.feedback_error = ""
            report.save(update_fields=["feedback_attempts", "feedback_error", "feedback_sent_at"])
            return True
    # Outside the transaction, which keeps the attempt: the backend records the task failed.
    raise failed


def enqueue_unsent():
    """Enqueue the feedback of every approved report still unsent; returns how many."""
    from .tasks import send_feedback as send_feedback_task  # tasks imports this module

    ids = list(unsent_reports().values_list("pk", flat=True))
    for report_id in ids:
        send_feedback_task.enqueue(report_id)
    return len(ids)


def record_recognized_consent(report, may_be_named):
    report.recognized_may_be_named = may_be_named
    report.save(update_fields=["recognized_may_be_named"])
