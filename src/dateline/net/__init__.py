"""Guarded URL fetching (off by default): see ``dateline.net.fetch``."""
from dateline.net.fetch import BlockedAddress, check_address, fetch

__all__ = ["BlockedAddress", "check_address", "fetch"]
