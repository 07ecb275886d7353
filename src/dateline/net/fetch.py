"""Fetch a page by URL without letting a hostile input reach this machine's network.

Fetching is off unless ``settings.allow_fetch``. Only ``http``/``https`` URLs; the host is
resolved once and *every* resolved address must be public (not loopback, private,
link-local such as the cloud metadata 169.254.169.254, multicast, reserved, unspecified,
or an IPv4-mapped/6to4/Teredo wrapper of one). The connection goes to the vetted address
(no second lookup an attacker could rebind), and redirects are followed by hand, each hop
checked the same way. Numeric hosts in any form (``2130706433``, ``0x7f.1``, ``017.0.0.1``)
are parsed the way the C library would read them, so they cannot slip past.
"""
from __future__ import annotations

import http.client
import ipaddress
import socket
import ssl
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from dateline.config import Settings
from dateline.errors import DatelineError, LimitExceeded

MAX_REDIRECTS = 5  # browsers allow ~20; news pages need 1-3 (http->https, canonical host)
TIMEOUT_S = 10.0  # connect and read timeout per hop
USER_AGENT = "dateline/0.1 (+https://github.com/dateline)"
Resolver = Callable[[str, int], list[str]]
Opener = Callable[[str, int, str, str, float], http.client.HTTPConnection]


class BlockedAddress(DatelineError):
    """A URL whose scheme or resolved address is not allowed."""

    code = "blocked_address"


@dataclass(frozen=True)
class Fetched:
    """A fetched page: the final URL, the status and the body bytes."""

    url: str
    status: int
    body: bytes
    content_type: str


def resolve(host: str, port: int) -> list[str]:
    """Every address a host name resolves to (the system resolver)."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return sorted({info[4][0] for info in infos})


def _numeric(host: str) -> str | None:
    """A numeric host in any notation the C library accepts, as a dotted/colon address."""
    try:
        return str(ipaddress.ip_address(host.strip("[]")))
    except ValueError:
        pass
    try:
        return socket.inet_ntoa(socket.inet_aton(host))  # 2130706433, 0x7f.1, 017.0.0.1
    except OSError:
        return None


def check_address(address: str) -> None:
    """Raise ``BlockedAddress`` unless the address is a public unicast one."""
    ip = ipaddress.ip_address(address.split("%")[0])
    inner = [ip]
    if isinstance(ip, ipaddress.IPv6Address):
        inner += [a for a in (ip.ipv4_mapped, ip.sixtofour, *(ip.teredo or ())) if a]
    for a in inner:
        if (a.is_loopback or a.is_private or a.is_link_local or a.is_multicast
                or a.is_reserved or a.is_unspecified or not a.is_global):
            raise BlockedAddress(f"{address} is not a public address (loopback, private, "
                                 "link-local or reserved); dateline never fetches those")


def _open(address: str, port: int, host: str, scheme: str, timeout: float
          ) -> http.client.HTTPConnection:
    """A connection to the vetted address (TLS verified against the host name)."""
    if scheme == "https":
        conn: http.client.HTTPConnection = http.client.HTTPSConnection(
            address, port, timeout=timeout, context=ssl.create_default_context())
        sock = socket.create_connection((address, port), timeout)
        conn.sock = ssl.create_default_context().wrap_socket(sock, server_hostname=host)
        return conn
    return http.client.HTTPConnection(address, port, timeout=timeout)


def vet(url: str, resolver: Resolver = resolve) -> tuple[str, str, int, str]:
    """Check a URL; return (scheme, host, port, the vetted address to connect to)."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        raise BlockedAddress(f"{url!r}: only http and https URLs are fetched")
    host = parts.hostname or ""
    if not host:
        raise BlockedAddress(f"{url!r}: no host")
    port = parts.port or (443 if scheme == "https" else 80)
    numeric = _numeric(host)
    addresses = [numeric] if numeric else resolver(host, port)
    if not addresses:
        raise BlockedAddress(f"{host}: does not resolve")
    for address in addresses:
        check_address(address)
    return scheme, host, port, addresses[0]


def fetch(url: str, settings: Settings, resolver: Resolver = resolve, opener: Opener = _open
          ) -> Fetched:
    """GET a URL through the address guard, following redirects hop by hop."""
    if not settings.allow_fetch:
        raise BlockedAddress("URL fetching is off; set allow_fetch = true to enable it",
                             code="fetch_disabled")
    for _ in range(MAX_REDIRECTS + 1):
        scheme, host, port, address = vet(url, resolver)
        conn = opener(address, port, host, scheme, TIMEOUT_S)
        try:
            path = urlsplit(url).path or "/"
            query = urlsplit(url).query
            conn.request("GET", path + (f"?{query}" if query else ""),
                         headers={"Host": host, "User-Agent": USER_AGENT})
            resp = conn.getresponse()
            if resp.status in (301, 302, 303, 307, 308) and resp.getheader("Location"):
                url = urljoin(url, resp.getheader("Location", ""))
                continue
            body = resp.read(settings.max_input_bytes + 1)
            if len(body) > settings.max_input_bytes:
                raise LimitExceeded(f"{url}: over the {settings.max_input_bytes}-byte input "
                                    "limit", code="too_large")
            return Fetched(url, resp.status, body, resp.getheader("Content-Type", ""))
        finally:
            conn.close()
    raise BlockedAddress(f"{url}: more than {MAX_REDIRECTS} redirects", code="redirect_loop")
