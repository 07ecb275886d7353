"""Settings: one dataclass with a default for everything, overridable by TOML and env.

Order of precedence: defaults < ``dateline.toml`` (or ``--config FILE``) < ``DATELINE_*``
environment variables (e.g. ``DATELINE_MAX_INPUT_BYTES=50000000``).
"""
from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

DEFAULT_DB = "dateline.duckdb"
ENV_PREFIX = "DATELINE_"
EVENT_TYPES = ("lexicon", "model")  # whose PLOVER type a decided candidate takes
# How a run is carried out, not what it outputs: left out of the config hash.
NOT_IN_HASH = ("db_path", "workers", "batch_size", "fetch_allow_hosts")


@dataclass(frozen=True)
class Settings:
    """Every tunable of a run, with defaults that suit a laptop."""

    db_path: str = DEFAULT_DB
    spacy_model: str = ""  # empty: en_core_web_sm if installed, else the registry mirror
    workers: int = 1
    batch_size: int = 32
    max_input_bytes: int = 20_000_000
    max_html_depth: int = 250
    doc_timeout_s: float = 10.0
    max_decompressed_bytes: int = 200_000_000
    max_decompression_ratio: int = 200
    detect_sample_bytes: int = 65_536
    allow_fetch: bool = False
    fetch_allow_hosts: tuple[str, ...] = ()  # hosts (or host:port) let past the address guard
    watch_delay_s: float = 1.0  # pause between two requests to one host
    watch_max_new: int = 500  # new URLs queued from one source in one cycle
    watch_max_wait_s: float = 60.0  # longest Retry-After honoured within a cycle
    stages: tuple[str, ...] = field(default_factory=tuple)  # empty = all
    # None: the lexicon decides the events. A number: the learned detector decides (its type,
    # calibrated confidence) and keeps events below this confidence as OTHER; the model's
    # threshold (dateline/models/events/meta.json, 0.629: precision >= 0.85 on the team's
    # dev split) is the documented value
    min_confidence: float | None = None
    # with min_confidence set, whose type a candidate takes: "lexicon" (the lexicon's PLOVER
    # type where it codes one, the model's best elsewhere; the model decides whether it is an
    # event) or "model" (the model's best type always)
    event_types: str = "lexicon"

    def __post_init__(self) -> None:
        if self.event_types not in EVENT_TYPES:
            raise ValueError(f"event_types must be one of {EVENT_TYPES}, not "
                             f"{self.event_types!r}")

    def config_hash(self) -> str:
        """A short stable hash of the settings that change outputs (not paths or workers)."""
        relevant = {k: v for k, v in dataclasses.asdict(self).items()
                    if k not in NOT_IN_HASH and not k.startswith("watch_")}
        blob = json.dumps(relevant, sort_keys=True, default=list)
        return hashlib.sha256(blob.encode()).hexdigest()[:12]

    def replace(self, **changes: Any) -> Settings:
        """A copy with some fields changed (``None`` values are ignored)."""
        return dataclasses.replace(self, **{k: v for k, v in changes.items() if v is not None})


def _coerce(value: str, like: Any) -> Any:
    if like is None:  # optional numbers (min_confidence): empty or "none" means unset
        return None if value.strip().lower() in ("", "none") else float(value)
    if isinstance(like, bool):
        return value.strip().lower() in ("1", "true", "yes", "on")
    if isinstance(like, int):
        return int(value)
    if isinstance(like, float):
        return float(value)
    if isinstance(like, tuple):
        return tuple(v.strip() for v in value.split(",") if v.strip())
    return value


def load_settings(path: str | Path | None = None, env: dict[str, str] | None = None) -> Settings:
    """Defaults, then the TOML file (if any), then ``DATELINE_*`` variables."""
    base = Settings()
    values: dict[str, Any] = {}
    toml_path = Path(path) if path else Path("dateline.toml")
    if toml_path.is_file():
        with toml_path.open("rb") as fh:
            data = tomllib.load(fh)
        data = data.get("dateline", data)
        for key, val in data.items():
            if hasattr(base, key):
                values[key] = tuple(val) if isinstance(val, list) else val
    source: Mapping[str, str] = os.environ if env is None else env
    for f in dataclasses.fields(Settings):
        raw = source.get(ENV_PREFIX + f.name.upper())
        if raw is not None:
            values[f.name] = _coerce(raw, getattr(base, f.name))
    return dataclasses.replace(base, **values)
