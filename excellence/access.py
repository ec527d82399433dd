"""Who may do what with excellence reports, decided here and nowhere else.

- Reporting: staff of an active member organization (portal.access.member_organization).
- Moderating, interviews, drafting stories: the model's permissions in Wagtail's admin
  (the consortium's Moderators group holds them; superusers have every permission).
- Reading one report outside the admin: the person or team it names, through the signed link
  in their e-mail, once it is approved. Nobody else: the reporter gets a receipt, not a page,
  and reports are never listed, searched or published; stories are separate pages.
"""

from django.core import signing
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from portal.access import member_organization

from .models import ExcellenceReport

MODERATE_PERMISSION = "excellence.change_excellencereport"
_FEEDBACK_SALT = "excellence.feedback"


def may_report(user):
    return member_organization(user) is not None


def require_reporter(user):
    """Raise PermissionDenied, saying why, unless the user may report."""
    if not may_report(user):
        raise PermissionDenied(
            _(
                "Excellence reports come from staff of the consortium's member organizations. "
                "If you work for one, name it on your profile page and the consortium will "
                "confirm it."
            )
        )


def may_moderate(user):
    return user.is_active and user.has_perm(MODERATE_PERMISSION)


def feedback_token(report):
    """The secret in the link e-mailed to the people a report names. Bound to the address it
    was sent to: correcting the address invalidates links sent to the old one."""
    return signing.dumps([report.pk, report.recognized_email.lower()], salt=_FEEDBACK_SALT)


def report_for_feedback_token(token):
    """The approved report a feedback link opens, or None (forged, altered, not approved)."""
    try:
        report_id, email = signing.loads(token, salt=_FEEDBACK_SALT)
    except (signing.BadSignature, TypeError, ValueError):
        return None
    report = (
        ExcellenceReport.objects.select_related("organization", "reporter")
        .filter(pk=report_id, status=ExcellenceReport.Status.APPROVED)
        .first()
    )
    if report is None or report.recognized_email.lower() != email:
        return None
    return report
