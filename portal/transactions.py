"""Work that follows a commit."""

import functools

from django.db import transaction


def once_on_commit(what, callback, using=None):
    """Run the callback after the commit, once per transaction for the same `what`.

    One save often writes an object several times (a page's revision and publication, a
    document's file and metadata); the task reads what was committed, so one is enough.
    Django starts a new list of commit callbacks for each transaction (and after a rollback),
    which tells transactions apart.
    """
    connection = transaction.get_connection(using)
    if connection.in_atomic_block:
        batch = connection.run_on_commit
        seen = getattr(connection, "_portal_once_on_commit", None)
        if seen is None or seen[0] is not batch:
            seen = (batch, set())
            connection._portal_once_on_commit = seen
        if what in seen[1]:
            return
        seen[1].add(what)
        pending, run = seen[1], callback

        @functools.wraps(run)
        def callback():
            pending.discard(what)  # from now on a change needs a new run
            run()

    # Robust: a failing follow-up (a queue that refuses a task, a cache that is down) must
    # not undo the editor's committed change; the failure is logged.
    transaction.on_commit(callback, using=using, robust=True)
