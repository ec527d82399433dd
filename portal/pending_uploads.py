"""Files that wait in the default storage between a preview and its confirmation (a data release
in the admin, a site's figures in the collaborative), each under <folder>/<user id>/<token...>.
The apps keep what they need to know about each upload; this module only stores, reads and
discards the bytes."""

import secrets

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone


def new_token():
    """A token nobody can guess (43 URL-safe characters)."""
    return secrets.token_urlsafe(32)


def store(name, data):
    """Save ``data`` exactly as ``name``; a storage that renames it (it never should, for a fresh
    random token) is refused rather than guessed at."""
    saved = default_storage.save(name, ContentFile(data))
    if saved != name:
        default_storage.delete(saved)
        raise OSError(f"storage stored {name} as {saved}")


def read(name):
    """The stored bytes, or None when they are gone or unreadable."""
    try:
        with default_storage.open(name, "rb") as file:
            return file.read()
    except OSError:
        return None


def discard_expired(folder, ttl):
    """Delete anyone's files in ``folder`` left waiting longer than ``ttl`` (their sessions or
    previews may be gone)."""
    cutoff = timezone.now() - ttl
    try:
        directories, _files = default_storage.listdir(folder)
    except (OSError, NotImplementedError):
        return
    for directory in directories:
        try:
            _dirs, files = default_storage.listdir(f"{folder}/{directory}")
        except (OSError, NotImplementedError):
            continue
        for file in files:
            name = f"{folder}/{directory}/{file}"
            try:
                if default_storage.get_modified_time(name) < cutoff:
                    default_storage.delete(name)
            except (OSError, NotImplementedError):
                continue
