"""Background work of the toolkits app."""

from django.tasks import task

from .updates import send_version_notices as send


@task
def send_version_notices(version_id):
    """The new-version e-mail to every subscriber of the toolkit, once each (toolkits.updates)."""

    return send(version_id)
