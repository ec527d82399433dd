"""The improvement collaborative's records."""

from .improvement import PDSACycle, SiteDefinitionChange
from .measures import Measure, MeasureDefinition, MeasureSet, Stratification, Stratum
from .pages import CollaborativePage
from .pooled import PooledFigure
from .reminders import SubmissionReminder
from .reports import MonthlyReport
from .sites import CollaborativeSite, SitePerson
from .submissions import CoachComment, MeasureValue, Submission

__all__ = [
    "CoachComment",
    "CollaborativePage",
    "CollaborativeSite",
    "Measure",
    "MeasureDefinition",
    "MeasureSet",
    "MeasureValue",
    "MonthlyReport",
    "PDSACycle",
    "PooledFigure",
    "SiteDefinitionChange",
    "SitePerson",
    "Stratification",
    "Stratum",
    "Submission",
    "SubmissionReminder",
]
