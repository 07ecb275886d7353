"""Paths and loaders shared by tests that need no fixture machinery."""
import importlib.util
from pathlib import Path
from types import ModuleType

FIXTURES = Path(__file__).resolve().parent / "fixtures"
SEED_PATH = FIXTURES / "seed" / "putin-syria-withdrawal.txt"
REPO = Path(__file__).resolve().parents[1]


def load_script(relative: str) -> ModuleType:
    """A repository script that is not a package module (``benchmarks/x.py``), imported."""
    path = REPO / relative
    spec = importlib.util.spec_from_file_location(path.stem, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
