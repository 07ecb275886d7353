"""Offline geoparsing: gazetteer, toponym recognition, resolution and event places."""
from __future__ import annotations

from dateline.geo.event import dateline_place, event_place
from dateline.geo.gazetteer import Gazetteer, load_gazetteer

__all__ = ["Gazetteer", "dateline_place", "event_place", "load_gazetteer"]
