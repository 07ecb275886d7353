"""Where the lexicons live, and their digest for the run identity.

The TSV lexicons ship in ``dateline/lexicons``; ``DATELINE_LEXICON_DIR`` points every loader
at another folder holding the same files (to try an edited lexicon without touching the
install). The digest covers every file in that folder, so an edited row changes the run
identity and a resumed ingest redoes its inputs.
"""
from __future__ import annotations

import hashlib
import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent / "lexicons"
ENV_DIR = "DATELINE_LEXICON_DIR"


def lexicon_dir() -> Path:
    """The lexicon folder in use: ``$DATELINE_LEXICON_DIR``, else the package's own."""
    override = os.environ.get(ENV_DIR)
    return Path(override) if override else PACKAGE_DIR


def lexicon_path(name: str) -> Path:
    """The path of one lexicon file in the folder in use."""
    return lexicon_dir() / name


def lexicon_digest() -> str:
    """A short hash over the names and bytes of every lexicon file in use."""
    digest = hashlib.sha256()
    for path in sorted(p for p in lexicon_dir().iterdir() if p.is_file()):
        digest.update(path.name.encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()[:12]
