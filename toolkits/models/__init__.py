"""Toolkits: taxonomy, resource documents, the catalogue and toolkit pages, version history."""

from .documents import ToolkitDocument
from .pages import ToolkitIndexPage, ToolkitPage, ToolkitResource
from .taxonomy import Audience, CareSetting, Population, Topic
from .versions import ToolkitVersion

__all__ = [
    "Audience",
    "CareSetting",
    "Population",
    "ToolkitDocument",
    "ToolkitIndexPage",
    "ToolkitPage",
    "ToolkitResource",
    "ToolkitVersion",
    "Topic",
]
