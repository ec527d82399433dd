from .interviews import STANDARD_QUESTIONS, AppreciativeInquiry
from .pages import ExcellenceIndexPage, ExcellenceStoryPage
from .reports import ExcellenceReport

__all__ = [
    "STANDARD_QUESTIONS",
    "AppreciativeInquiry",
    "ExcellenceIndexPage",
    "ExcellenceReport",
    "ExcellenceStoryPage",
]
