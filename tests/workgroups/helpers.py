"""Small helpers shared by the work-group tests."""

from workgroups.models import WorkGroup

# Who may read inside a group (role: status), as the parametrized tests ask.
VIEWER_STATUSES = [
    ("anonymous", 302),
    ("outsider", 403),
    ("other_member", 403),
    ("observer", 200),
    ("member", 200),
    ("chair", 200),
    ("staff", 200),
    ("superuser", 200),
]


def url(work_group, name, *args):
    """The address of one of the group space's routes."""
    space = work_group.space
    return space.url + space.reverse_subpage(name, args=args)


def assert_private(response):
    assert {"private", "no-store"} <= set(response["Cache-Control"].split(", "))


def archive(work_group):
    work_group.status = WorkGroup.Status.ARCHIVED
    work_group.save()
