"""Paths shared by tests that need no fixture machinery."""
from pathlib import Path

FIXTURES = Path(__file__).resolve().parent / "fixtures"
SEED_PATH = FIXTURES / "seed" / "putin-syria-withdrawal.txt"
