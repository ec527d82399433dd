"""What a backup directory holds, shared by backup.py (which writes it) and restore.py (which
checks and reads it). Standard library only."""

import hashlib

FORMAT = "sepsis-portal-backup/1"
DUMP = "database.dump"
MEDIA = "media.tar.gz"
MANIFEST = "manifest.json"


def sha256(path):
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()
