"""The trainable tasks: name -> "module:function", imported only when asked for.

Each function takes ``(data_dir: Path | None, out_dir: Path, seed: int)`` and returns a dict
of metrics that ``dateline train`` prints. Keeping targets as strings avoids import cycles and
registration at import time.
"""
from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from dateline.errors import DatelineError

TASKS: dict[str, str] = {}
TASKS["link_pairs"] = "dateline.link.pairtrain:train_task"
TASKS["link_pairs_e2e"] = "dateline.link.pairtrain_e2e:train_task"  # not shipped: an option
TASKS["link_mentions"] = "dateline.link.mentiontrain:train_task"
TASKS["quote_cues"] = "dateline.quotes.cuetrain:train_task"
TASKS["quote_speakers"] = "dateline.quotes.speakertrain:train_task"
TASKS["events"] = "dateline.events.detecttrain:train_task"
TASKS["event_status"] = "dateline.events.factualitytrain:train_task"
TASKS["event_antecedents"] = "dateline.events.antecedenttrain:train_task"
TASKS["event_roles"] = "dateline.events.roletrain:train_task"

TrainFn = Callable[[Path | None, Path, int], dict[str, Any]]


def trainer(task: str) -> TrainFn:
    """The training function of a registered task."""
    if task not in TASKS:
        known = ", ".join(sorted(TASKS)) or "none yet"
        raise DatelineError(f"unknown task {task!r}; choose from: {known}")
    module_name, func = TASKS[task].split(":")
    return getattr(importlib.import_module(module_name), func)
