"""One base error for the project; every message says what to do about it."""
from __future__ import annotations


class DatelineError(Exception):
    """Base of every error dateline raises on purpose; ``code`` goes into error records."""

    code = "error"

    def __init__(self, message: str, code: str | None = None):
        super().__init__(message)
        if code:
            self.code = code


class InputError(DatelineError):
    """An input that cannot be read (unknown type, bad JSON, undecodable bytes)."""

    code = "bad_input"


class LimitExceeded(DatelineError):
    """An input over a configured limit (size, depth, decompression, time)."""

    code = "limit"


class PipelineError(DatelineError):
    """A pipeline whose stages do not fit together; the message names the gap."""

    code = "pipeline"


class StoreError(DatelineError):
    """A database that cannot be opened or written (locked, wrong schema)."""

    code = "store"
