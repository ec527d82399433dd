"""Whether this session passed the second step of logging in (two-factor authentication).

allauth keeps a record of each authentication step in the session: its MFA login stage and
its MFA reauthentication view record the method "mfa". Setting up an authenticator app also
proves the user holds it (allauth activates it only after a valid code from it), but allauth
does not record that as an authentication, so the portal marks the session itself, from
allauth's `authenticator_added` signal (connected in portal.apps).
"""

from allauth.account.authentication import get_authentication_records
from allauth.mfa.models import Authenticator
from allauth.mfa.signals import authenticator_added
from django.dispatch import receiver

# The user (primary key, as text) who set up an authenticator app in this session. Django
# empties the session when another user logs in and at logout.
MFA_SET_UP_SESSION_KEY = "portal_mfa_set_up_by"


def session_passed_mfa(request, user):
    """True when this session's user entered a code from an authenticator in this session."""
    records = get_authentication_records(request, user)
    if any(isinstance(record, dict) and record.get("method") == "mfa" for record in records):
        return True
    return user.pk is not None and request.session.get(MFA_SET_UP_SESSION_KEY) == str(user.pk)


def record_mfa_set_up(request, user, authenticator):
    """Mark the session of a user who has just activated an authenticator app.

    Recovery codes are made alongside an app without any code being entered: they do not count.
    """
    if request is None or authenticator.type == Authenticator.Type.RECOVERY_CODES:
        return
    if getattr(request, "user", None) != user:
        return
    request.session[MFA_SET_UP_SESSION_KEY] = str(user.pk)


@receiver(authenticator_added, dispatch_uid="portal_mfa_set_up_in_session")
def mfa_set_up_in_session(sender, request=None, user=None, authenticator=None, **kwargs):
    """allauth sends this after the commit: with ATOMIC_REQUESTS, when the view returns and
    before the session middleware saves the session."""
    record_mfa_set_up(request, user, authenticator)
