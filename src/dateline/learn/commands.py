"""``dateline train TASK``: retrain one learned model from the repository's data."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from dateline.errors import DatelineError
from dateline.learn.persist import model_dir
from dateline.learn.tasks import TASKS, trainer

err = Console(stderr=True)


def train_cmd(task: Annotated[str, typer.Argument(help="a task name: " + ", ".join(TASKS))],
              data: Annotated[Path | None, typer.Option(
                  "--data", help="folder of the training data (default: the task's own)")] = None,
              out: Annotated[Path | None, typer.Option(
                  "--out", help="where to write the model (default: inside the package)")] = None,
              seed: Annotated[int, typer.Option(help="random seed (deterministic)")] = 13,
              ) -> None:
    """Train one task's model and write its weights and metadata."""
    try:
        fn = trainer(task)
    except DatelineError as exc:
        err.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from exc
    metrics = fn(data, out or model_dir(task), seed)
    print(json.dumps(metrics, indent=1, sort_keys=True))
