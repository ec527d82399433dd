"""Trend data (indicators, releases, observations, phases, footnotes) and the trend page."""

from .data import DataRelease, Footnote, Indicator, Observation, Phase
from .page import TrendPage

__all__ = ["DataRelease", "Footnote", "Indicator", "Observation", "Phase", "TrendPage"]
