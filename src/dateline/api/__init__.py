"""The HTTP API and web UI server (``dateline serve``)."""
from __future__ import annotations

from dateline.api.app import create_app

__all__ = ["create_app"]
