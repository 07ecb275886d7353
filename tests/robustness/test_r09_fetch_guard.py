"""Row 9: URL fetching refuses loopback, link-local, private, mapped and decimal addresses,
``file://``, and redirects to any of them, checked on the resolved address at every hop.

Name resolution is faked and the only listener is on 127.0.0.1, so no packet leaves the
machine: a "public" name is resolved to a documentation address, and the test opener
connects that address to the loopback redirect server.
"""
from __future__ import annotations

import http.client
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from dateline.config import Settings
from dateline.net import BlockedAddress, fetch

PUBLIC = "93.184.216.34"  # a public address the fake resolver hands out; never contacted
FAKE_DNS = {"news.example": [PUBLIC], "intranet.example": ["10.1.2.3"],
            "mixed.example": [PUBLIC, "192.168.0.7"], "meta.example": ["169.254.169.254"]}


class _Listener(BaseHTTPRequestHandler):
    hits: list[str] = []
    redirect_to = ""

    def do_GET(self) -> None:  # noqa: N802 - the stdlib's name
        type(self).hits.append(self.path)
        if self.path.startswith("/redirect"):
            self.send_response(302)
            self.send_header("Location", type(self).redirect_to)
            self.end_headers()
            return
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"<html>secret</html>")

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture()
def listener():
    handler = type("Handler", (_Listener,), {"hits": [], "redirect_to": ""})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server, handler
    server.shutdown()
    server.server_close()


def fake_resolve(host: str, port: int) -> list[str]:
    return FAKE_DNS.get(host, [])


def _opener_to(port: int):
    def opener(address, _port, host, scheme, timeout):
        assert address == PUBLIC, f"the guard let {address} through"
        return http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    return opener


ON = Settings(allow_fetch=True)


@pytest.mark.parametrize("url", [
    "http://127.0.0.1:{port}/", "http://localhost:{port}/", "http://169.254.169.254/latest/",
    "http://[::ffff:127.0.0.1]:{port}/", "http://[::1]:{port}/", "http://2130706433:{port}/",
    "http://0x7f.0.0.1:{port}/", "http://017700000001:{port}/", "http://0:{port}/",
    "http://intranet.example/", "http://mixed.example/", "http://meta.example/",
    "file:///etc/passwd", "gopher://127.0.0.1/",
])
def test_blocked_targets_are_refused_and_loopback_sees_nothing(listener, url):
    server, handler = listener
    port = server.server_address[1]

    def resolver(host: str, p: int) -> list[str]:
        return ["127.0.0.1"] if host == "localhost" else fake_resolve(host, p)

    start = time.perf_counter()
    with pytest.raises(BlockedAddress) as exc:
        fetch(url.format(port=port), ON, resolver=resolver, opener=_opener_to(port))
    assert exc.value.code == "blocked_address"
    assert time.perf_counter() - start < 1.0
    assert handler.hits == []


@pytest.mark.parametrize("target", [
    "http://127.0.0.1:{port}/secret", "http://[::ffff:7f00:1]:{port}/secret",
    "http://intranet.example/secret", "file:///etc/passwd",
])
def test_redirect_to_internal_address_is_refused(listener, target):
    server, handler = listener
    port = server.server_address[1]
    handler.redirect_to = target.format(port=port)
    with pytest.raises(BlockedAddress) as exc:
        fetch("http://news.example/redirect", ON, resolver=fake_resolve,
              opener=_opener_to(port))
    assert exc.value.code == "blocked_address"
    assert handler.hits == ["/redirect"]  # the public hop only; the internal one never sent


def test_public_address_is_fetched_through_the_guard(listener):
    server, handler = listener
    got = fetch("http://news.example/page", ON, resolver=fake_resolve,
                opener=_opener_to(server.server_address[1]))
    assert got.status == 200 and got.body == b"<html>secret</html>"
    assert handler.hits == ["/page"]


def test_fetching_is_off_by_default(listener):
    with pytest.raises(BlockedAddress) as exc:
        fetch("http://news.example/", Settings(), resolver=fake_resolve)
    assert exc.value.code == "fetch_disabled"
    assert listener[1].hits == []
