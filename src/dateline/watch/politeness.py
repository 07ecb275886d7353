"""Fetching as a polite crawler: robots.txt, one request at a time per host, pacing, and
``Retry-After`` / 429 / 503 backoff, all through the guarded fetcher (``dateline.net``).

robots.txt is read once per host and kept for ``ROBOTS_TTL_S``. A missing one allows all;
one that answers 5xx disallows all for that host until it is read again (RFC 9309); a host
that does not answer at all gives a network error. Every hop of a redirect is checked
against its host's robots.txt.
"""
from __future__ import annotations

import time
import urllib.robotparser
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from urllib.parse import urlsplit

from dateline.config import Settings
from dateline.errors import DatelineError
from dateline.net.fetch import USER_AGENT, Fetched, fetch

ROBOTS_TTL_S = 3600.0
ROBOTS_MAX_BYTES = 500_000  # RFC 9309 asks crawlers to read at least 500 KiB
BACKOFF_BASE_S = 2.0  # 503 with no Retry-After: 2, 4, 8 ... seconds, capped by max_wait
Logger = Callable[[str, int, float, int, str], None]  # url, status, ms, bytes, note


class Disallowed(DatelineError):
    """robots.txt does not let dateline fetch this URL."""

    code = "robots_disallowed"


class Throttled(DatelineError):
    """The host asked us to come back later (429 or 503); ``wait_s`` says when."""

    code = "throttled"

    def __init__(self, message: str, wait_s: float):
        super().__init__(message)
        self.wait_s = wait_s


def retry_after_s(value: str | None, now: float) -> float | None:
    """Seconds a ``Retry-After`` header asks for (delta seconds or an HTTP date), or None."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        return max(0.0, parsedate_to_datetime(value).timestamp() - now)
    except (TypeError, ValueError, IndexError):
        return None


@dataclass
class PoliteClient:
    """One process's polite fetcher: robots cache, per-host clock, and a request log."""

    settings: Settings
    log: Logger | None = None
    clock: Callable[[], float] = time.monotonic
    sleep: Callable[[float], None] = time.sleep
    _robots: dict[str, tuple[float, urllib.robotparser.RobotFileParser]] = field(
        default_factory=dict)
    _next_ok: dict[str, float] = field(default_factory=dict)  # host -> earliest next request
    _strikes: dict[str, int] = field(default_factory=dict)

    def _host(self, url: str) -> str:
        return urlsplit(url).netloc.rpartition("@")[2].lower()

    def _wait_turn(self, host: str) -> None:
        delay = self._next_ok.get(host, 0.0) - self.clock()
        if delay > 0:
            self.sleep(delay)

    def _raw(self, url: str, headers: Mapping[str, str] | None = None,
             robots: bool = True, note: str = "") -> Fetched:
        """One GET (redirects included): each hop waits its host's turn, and is checked
        against robots.txt first unless ``robots`` is off (for robots.txt itself)."""
        def before_hop(hop: str) -> None:
            if robots:
                self.check_robots(hop)
            host = self._host(hop)
            self._wait_turn(host)
            self._next_ok[host] = self.clock() + self.settings.watch_delay_s

        start = self.clock()
        try:
            got = fetch(url, self.settings, headers=headers, hop_check=before_hop)
        except DatelineError as exc:
            self._after(self._host(url), start, url, 0, 0, f"{note} {exc.code}".strip())
            raise
        except OSError as exc:
            self._after(self._host(url), start, url, 0, 0, f"{note} network".strip())
            raise DatelineError(f"{url}: {type(exc).__name__}: {exc}", code="network") from exc
        self._after(self._host(got.url), start, url, got.status, len(got.body), note)
        return got

    def _after(self, host: str, start: float, url: str, status: int, size: int, note: str
               ) -> None:
        now = self.clock()
        self._next_ok[host] = max(self._next_ok.get(host, 0.0), now + self.settings.watch_delay_s)
        if self.log:
            self.log(url, status, (now - start) * 1000, size, note)

    def _robots_for(self, url: str) -> urllib.robotparser.RobotFileParser:
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        cached = self._robots.get(origin)
        if cached and self.clock() - cached[0] < ROBOTS_TTL_S:
            return cached[1]
        parser = urllib.robotparser.RobotFileParser(origin + "/robots.txt")
        try:
            got = self._raw(origin + "/robots.txt", robots=False, note="robots")
            status, lines = got.status, got.body[:ROBOTS_MAX_BYTES].decode(
                "utf-8", "replace").splitlines()
        except DatelineError as exc:
            if exc.code == "network":  # the host does not answer: say so, cache nothing
                raise
            status, lines = 503, []
        if status >= 500:
            parser.disallow_all = True  # type: ignore[attr-defined]
        elif status >= 400:
            parser.allow_all = True  # type: ignore[attr-defined]
        else:
            parser.parse(lines)
        self._robots[origin] = (self.clock(), parser)
        return parser

    def check_robots(self, url: str) -> None:
        """Raise ``Disallowed`` when robots.txt of the URL's host forbids it."""
        if not self._robots_for(url).can_fetch(USER_AGENT, url):
            raise Disallowed(f"{url}: disallowed by robots.txt for {USER_AGENT}")

    def get(self, url: str, headers: Mapping[str, str] | None = None) -> Fetched:
        """GET politely: robots on every hop, paced per host; 429/503 raise ``Throttled``
        after pushing that host's next turn back by the time it asked for."""
        got = self._raw(url, headers)
        if got.status in (429, 503):
            host = self._host(got.url)
            strikes = self._strikes[host] = self._strikes.get(host, 0) + 1
            asked = retry_after_s(got.headers.get("retry-after"), time.time())
            wait = asked if asked is not None else BACKOFF_BASE_S ** strikes
            wait = min(wait, self.settings.watch_max_wait_s)
            self._next_ok[host] = max(self._next_ok.get(host, 0.0), self.clock() + wait)
            raise Throttled(f"{got.url}: HTTP {got.status}, retry in {wait:.0f} s", wait)
        self._strikes.pop(self._host(got.url), None)
        return got
