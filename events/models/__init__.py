from .pages import Audience, EventIndexPage, EventPage, EventSeriesPage, Format
from .sessions import EvaluationResponse, Registration, Session

__all__ = [
    "Audience",
    "EvaluationResponse",
    "EventIndexPage",
    "EventPage",
    "EventSeriesPage",
    "Format",
    "Registration",
    "Session",
]
