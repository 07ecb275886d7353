"""Rerun the grid behind a tuned value: score a benchmark once per candidate value.

    .venv/bin/python benchmarks/tuned_grid.py --section link --param near_sim \
        --values 0.25,0.3,0.35
    .venv/bin/python benchmarks/tuned_grid.py --section dump --param break_run --values 3,4,5

Each value is written into a copy of ``src/dateline/tuned.toml`` that the benchmark reads
through ``DATELINE_TUNED`` (a fresh process per value); the benchmark's last output line is
printed against the value. Defaults: ``[link]`` values are scored by
``benchmarks/links.py --clusters`` (MEANTIME links dev: the set they were tuned on), ``[dump]``
values by ``benchmarks/extraction.py`` (extraction dev pages and dumps). ``--command`` runs
anything else. Needs ../shared.
"""
from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

from dateline.tuned import PACKAGE_FILE

HERE = Path(__file__).resolve().parent
DEFAULT = {"link": [str(HERE / "links.py"), "--clusters"], "dump": [str(HERE / "extraction.py")]}


def with_value(text: str, section: str, param: str, value: str) -> str:
    """The tuned file's text with one value of one table replaced."""
    start = text.index(f"[{section}]")
    end = text.find("\n[", start + 1)
    end = len(text) if end < 0 else end
    body, n = re.subn(rf"(?m)^{re.escape(param)} = [^#\n]*?(\s*#.*)?$",
                      lambda m: f"{param} = {value}{m.group(1) or ''}", text[start:end])
    if n != 1:
        raise SystemExit(f"no value {param!r} in [{section}] of {PACKAGE_FILE}")
    return text[:start] + body + text[end:]


def main() -> None:
    """Score the benchmark for every value and print one line each."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--section", required=True, choices=sorted(DEFAULT))
    parser.add_argument("--param", required=True)
    parser.add_argument("--values", required=True, help="comma-separated candidates")
    parser.add_argument("--command", nargs=argparse.REMAINDER,
                        help="the benchmark to run instead of the section's default")
    args = parser.parse_args()
    command = args.command or DEFAULT[args.section]
    text = PACKAGE_FILE.read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory() as tmp:
        for value in args.values.split(","):
            path = Path(tmp) / "tuned.toml"
            path.write_text(with_value(text, args.section, args.param, value.strip()),
                            encoding="utf-8")
            done = subprocess.run([sys.executable, *command], capture_output=True, text=True,
                                  env={**os.environ, "DATELINE_TUNED": str(path)})
            lines = (done.stdout or done.stderr).strip().splitlines() or ["(no output)"]
            print(f"{args.section}.{args.param}={value.strip()}: {lines[-1]}", flush=True)


if __name__ == "__main__":
    main()
