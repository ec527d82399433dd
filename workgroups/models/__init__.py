"""Work groups: membership, invitations, private spaces, drafts, discussions, meetings, files
and the activity stream."""

from .activity import Activity, Mention
from .discussions import Post, Thread
from .files import FileVersion, SharedFile
from .groups import Invitation, JoinRequest, Membership, WorkGroup
from .meetings import CalendarFeed, Meeting
from .pages import DraftToolPage, Promotion, WorkGroupIndexPage, WorkGroupSpacePage
from .review import ConsortiumApprovalTask, WorkGroupReviewTask

__all__ = [
    "Activity",
    "CalendarFeed",
    "ConsortiumApprovalTask",
    "DraftToolPage",
    "FileVersion",
    "Invitation",
    "JoinRequest",
    "Meeting",
    "Mention",
    "Membership",
    "Post",
    "Promotion",
    "SharedFile",
    "Thread",
    "WorkGroup",
    "WorkGroupIndexPage",
    "WorkGroupReviewTask",
    "WorkGroupSpacePage",
]
