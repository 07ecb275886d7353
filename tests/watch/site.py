"""A news site on loopback for the watch tests: feeds, sitemaps and article pages served from
a route table the test can change, with every request recorded (time, path, headers)."""
from __future__ import annotations

import hashlib
import html
import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources
from typing import Any

Handler = Callable[[BaseHTTPRequestHandler], None]


def demo_articles(n: int) -> list[dict[str, Any]]:
    """The first ``n`` articles of the bundled Wikinews demo corpus (cycled if n > 90)."""
    lines = resources.files("dateline.demo").joinpath("meantime_wikinews.jsonl").read_text(
        encoding="utf-8").splitlines()
    rows = [json.loads(line) for line in lines if line.strip()]
    return [rows[i % len(rows)] for i in range(n)]


def article_page(row: dict[str, Any], extra: str = "") -> bytes:
    """An HTML news page for one corpus row."""
    paras = "".join(f"<p>{html.escape(p)}</p>" for p in row["text"].split("\n") if p.strip())
    return (f"<html><head><title>{html.escape(row['title'])}</title>"
            f"<meta property='article:published_time' content='{row['published']}'></head>"
            f"<body><nav>Home | World</nav><article><h1>{html.escape(row['title'])}</h1>"
            f"{paras}{html.escape(extra)}</article><footer>(c) site</footer></body></html>"
            ).encode()


def rss(base: str, items: list[tuple[str, str, str]]) -> bytes:
    """An RSS 2.0 feed; items are (path, title, pubDate)."""
    body = "".join(f"<item><title>{html.escape(t)}</title><link>{base}{p}</link>"
                   f"<guid>{base}{p}</guid><pubDate>{d}</pubDate></item>" for p, t, d in items)
    return (f"<?xml version='1.0'?><rss version='2.0'><channel><title>t</title>{body}"
            "</channel></rss>").encode()


@dataclass
class Site:
    """The route table and request log of one loopback server."""

    routes: dict[str, Handler] = field(default_factory=dict)
    requests: list[dict[str, Any]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)
    server: ThreadingHTTPServer | None = None

    @property
    def base(self) -> str:
        """The site's base URL (``http://127.0.0.1:PORT``)."""
        assert self.server is not None
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def hits(self, path: str) -> list[dict[str, Any]]:
        """The recorded requests for one path."""
        with self.lock:
            return [r for r in self.requests if r["path"] == path]

    def page(self, path: str, body: bytes, content_type: str = "text/html; charset=utf-8",
             etag: bool = False) -> None:
        """Serve fixed bytes at a path (with an ETag and 304s when asked)."""
        tag = '"' + hashlib.sha1(body).hexdigest()[:12] + '"'

        def handle(req: BaseHTTPRequestHandler) -> None:
            if etag and req.headers.get("If-None-Match") == tag:
                req.send_response(304)
                req.end_headers()
                return
            req.send_response(200)
            req.send_header("Content-Type", content_type)
            req.send_header("Content-Length", str(len(body)))
            if etag:
                req.send_header("ETag", tag)
            req.end_headers()
            req.wfile.write(body)

        self.routes[path] = handle


def _handler_class(site: Site) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - the http.server name
            path = self.path.split("?")[0]
            with site.lock:
                site.requests.append({"path": path, "at": time.monotonic(),
                                      "headers": dict(self.headers)})
            route = site.routes.get(path)
            if route is None:
                self.send_error(404)
                return
            try:
                route(self)
            except (BrokenPipeError, ConnectionResetError):
                pass

        def log_message(self, *args: Any) -> None:
            pass

    return Handler


def start(site: Site) -> Site:
    """Serve the site on a free loopback port in a daemon thread."""
    site.server = ThreadingHTTPServer(("127.0.0.1", 0), _handler_class(site))
    site.server.daemon_threads = True
    threading.Thread(target=site.server.serve_forever, daemon=True).start()
    return site
