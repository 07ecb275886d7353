"""Fetch a page by URL without letting a hostile input reach this machine's network.

Fetching is off unless ``settings.allow_fetch``. Only ``http``/``https`` URLs; the host is
resolved once and *every* resolved address must be public (not loopback, private,
link-local such as the cloud metadata 169.254.169.254, multicast, reserved, unspecified,
or an IPv4-mapped/6to4/Teredo wrapper of one). The connection goes to the vetted address
(no second lookup an attacker could rebind), and redirects are followed by hand, each hop
checked the same way. Numeric hosts in any form (``2130706433``, ``0x7f.1``, ``017.0.0.1``)
are parsed the way the C library would read them, so they cannot slip past.

``settings.fetch_allow_hosts`` names hosts (``host`` or ``host:port``) that skip the address
check, for tests on loopback and for intranets; it is empty by default. Bodies sent with
``Content-Encoding: gzip``/``deflate`` are inflated under the input-size limit.
"""
from __future__ import annotations

import http.client
import ipaddress
import socket
import ssl
import zlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

from dateline.config import Settings
from dateline.errors import DatelineError, LimitExceeded

MAX_REDIRECTS = 5  # browsers allow ~20; news pages need 1-3 (http->https, canonical host)
TIMEOUT_S = 10.0  # connect and read timeout per hop
USER_AGENT = "dateline/0.1 (+https://github.com/dateline)"
Resolver = Callable[[str, int], list[str]]
Opener = Callable[[str, int, str, str, float], http.client.HTTPConnection]
HopCheck = Callable[[str], None]  # called with every URL before it is requested
READ_CHUNK = 65_536


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
    headers: Mapping[str, str] = field(default_factory=dict)  # lower-cased names


def resolve(host: str, port: int) -> list[str]:
    """Every address a host name resolves to (the system resolver)."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return sorted({str(info[4][0]) for info in infos})


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


def vet(url: str, resolver: Resolver = resolve, allow_hosts: tuple[str, ...] = ()
        ) -> tuple[str, str, int, str]:
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
    if host.lower() not in allow_hosts and f"{host.lower()}:{port}" not in allow_hosts:
        for address in addresses:
            check_address(address)
    return scheme, host, port, addresses[0]


def _read_limited(resp: http.client.HTTPResponse, url: str, limit: int) -> bytes:
    """The body, inflated if compressed, refusing anything over ``limit`` bytes."""
    length = resp.getheader("Content-Length")
    if length and length.isdigit() and int(length) > limit:
        raise LimitExceeded(f"{url}: announces {length} bytes, over the {limit}-byte input "
                            "limit", code="too_large")
    encoding = (resp.getheader("Content-Encoding") or "").strip().lower()
    inflater = (zlib.decompressobj(16 + zlib.MAX_WBITS) if encoding in ("gzip", "x-gzip")
                else zlib.decompressobj() if encoding == "deflate" else None)
    parts: list[bytes] = []
    size = 0
    while chunk := resp.read(READ_CHUNK):
        if inflater is not None:
            chunk = inflater.decompress(chunk, limit + 1 - size)
        parts.append(chunk)
        size += len(chunk)
        if size > limit:
            raise LimitExceeded(f"{url}: over the {limit}-byte input limit"
                                + (" once decompressed" if inflater else ""), code="too_large")
    return b"".join(parts)


def fetch(url: str, settings: Settings, resolver: Resolver = resolve, opener: Opener = _open,
          headers: Mapping[str, str] | None = None, hop_check: HopCheck | None = None
          ) -> Fetched:
    """GET a URL through the address guard, following redirects hop by hop.

    ``headers`` are sent on every hop (e.g. conditional-GET validators); ``hop_check`` is
    called with each hop's URL first and may raise to refuse it (e.g. robots.txt).
    """
    if not settings.allow_fetch:
        raise BlockedAddress("URL fetching is off; set allow_fetch = true to enable it",
                             code="fetch_disabled")
    allow = tuple(h.lower() for h in settings.fetch_allow_hosts)
    for _ in range(MAX_REDIRECTS + 1):
        scheme, host, port, address = vet(url, resolver, allow)
        if hop_check is not None:
            hop_check(url)
        conn = opener(address, port, host, scheme, TIMEOUT_S)
        try:
            path = urlsplit(url).path or "/"
            query = urlsplit(url).query
            conn.request("GET", path + (f"?{query}" if query else ""), headers={
                "Host": urlsplit(url).netloc.rpartition("@")[2], "User-Agent": USER_AGENT,
                "Accept-Encoding": "gzip, deflate", **(headers or {})})
            resp = conn.getresponse()
            if resp.status in (301, 302, 303, 307, 308) and resp.getheader("Location"):
                url = urljoin(url, resp.getheader("Location", ""))
                continue
            body = _read_limited(resp, url, settings.max_input_bytes)
            return Fetched(url, resp.status, body, resp.getheader("Content-Type", ""),
                           {k.lower(): v for k, v in resp.getheaders()})
        finally:
            conn.close()
    raise BlockedAddress(f"{url}: more than {MAX_REDIRECTS} redirects", code="redirect_loop")
