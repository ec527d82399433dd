"""Toolkits: taxonomy, the catalog and toolkit pages, version history."""

from .pages import ToolkitIndexPage, ToolkitPage, ToolkitResource
from .reach import DownloadEvent, ToolkitSubscription, VersionNotice
from .taxonomy import Audience, CareSetting, Population, Topic
from .versions import ToolkitVersion, ToolkitVersionFile

__all__ = [
    "Audience",
    "CareSetting",
    "DownloadEvent",
    "Population",
    "ToolkitIndexPage",
    "ToolkitPage",
    "ToolkitResource",
    "ToolkitSubscription",
    "ToolkitVersion",
    "ToolkitVersionFile",
    "Topic",
    "VersionNotice",
]
