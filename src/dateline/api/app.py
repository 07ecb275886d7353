"""The FastAPI app: the JSON API, its downloads, ingest hand-off and the static web UI.

Every response carries a Content-Security-Policy that allows only this server's own
scripts and styles (no inline script), so data shown in the UI can never run as code.
"""
from __future__ import annotations

import re
from collections.abc import AsyncIterator, Awaitable, Callable, MutableMapping
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import FastAPI, HTTPException, Request
from fastapi.responses import FileResponse, JSONResponse, RedirectResponse
from fastapi.staticfiles import StaticFiles

from dateline import __version__
from dateline.api import routes_data, routes_ingest, routes_views
from dateline.api.db import QUERY_BUDGET_S, ApiDb, QueryTimeout
from dateline.errors import StoreError

UI_DIR = Path(__file__).resolve().parents[1] / "ui"
UI_PAGES = {"events": "/events", "article": "/documents/{id}", "timeline": "/timeline",
            "map": "/map", "network": "/network"}  # page -> its JSON twin
CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'self'; "
       "frame-ancestors 'none'; object-src 'none'")
SECURITY_HEADERS = [(b"content-security-policy", CSP.encode()),
                    (b"x-content-type-options", b"nosniff"),
                    (b"referrer-policy", b"no-referrer"),
                    (b"x-frame-options", b"DENY"),
                    (b"cross-origin-opener-policy", b"same-origin")]
SUFFIX = re.compile(r"^/(documents|events|quotes|entities|places|storylines|followthrough)"
                    r"\.(csv|jsonl|parquet|json)$")

Scope = MutableMapping[str, Any]
Asgi = Callable[[Scope, Callable[[], Awaitable[Any]], Callable[[Any], Awaitable[None]]],
                Awaitable[None]]


class EdgeMiddleware:
    """Security headers on every response; ``/events.csv`` read as ``/events?format=csv``."""

    def __init__(self, app: Asgi):
        self.app = app

    async def __call__(self, scope: Scope, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        match = SUFFIX.match(scope["path"])
        if match:
            query = scope.get("query_string", b"")
            extra = f"format={match.group(2)}".encode()
            scope = dict(scope, path=f"/{match.group(1)}", raw_path=f"/{match.group(1)}".encode(),
                         query_string=(query + b"&" + extra) if query else extra)

        async def send_secure(message: MutableMapping[str, Any]) -> None:
            if message["type"] == "http.response.start":
                names = {h[0].lower() for h in SECURITY_HEADERS}
                kept = [h for h in message.get("headers", []) if h[0].lower() not in names]
                message["headers"] = kept + SECURITY_HEADERS
            await send(message)

        await self.app(scope, receive, send_secure)


def _errors(app: FastAPI) -> None:
    @app.exception_handler(QueryTimeout)
    async def _timeout(_: Request, exc: QueryTimeout) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, status_code=503)

    @app.exception_handler(StoreError)
    async def _store(_: Request, exc: StoreError) -> JSONResponse:
        status = 403 if exc.code == "read_only" else 503
        return JSONResponse({"detail": str(exc), "code": exc.code}, status_code=status)


def _ui(app: FastAPI) -> None:
    app.mount("/static", StaticFiles(directory=UI_DIR), name="static")

    @app.get("/", include_in_schema=False)
    def _root() -> RedirectResponse:
        return RedirectResponse("/ui/events")

    @app.get("/ui/{name}", include_in_schema=False)
    def _page(name: str) -> FileResponse:
        if name not in UI_PAGES:
            raise HTTPException(404, f"no page {name!r}; pages: {', '.join(UI_PAGES)}")
        return FileResponse(UI_DIR / f"{name}.html", media_type="text/html")

    @app.get("/ui", include_in_schema=False, summary="The UI's pages and their JSON twins")
    def _pages() -> dict[str, Any]:
        return {"pages": {f"/ui/{k}": v for k, v in UI_PAGES.items()}}


def create_app(db_path: str | Path, accept_ingest: bool = False,
               budget_s: float = QUERY_BUDGET_S) -> FastAPI:
    """The app over one DuckDB file; ``accept_ingest`` makes it the file's writer."""
    db = ApiDb(db_path, writable=accept_ingest, budget_s=budget_s)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        db.close()

    app = FastAPI(title="dateline", version=__version__, docs_url=None, redoc_url=None,
                  lifespan=lifespan,
                  description="Sourced news events: who did and said what, to whom, when "
                              "and where. Lists take ?format=csv|jsonl|parquet (or a "
                              ".csv/.jsonl/.parquet suffix) for a download.")
    app.state.db = db
    app.include_router(routes_data.router)
    app.include_router(routes_views.router)
    app.include_router(routes_ingest.router)
    _errors(app)
    _ui(app)

    app.add_middleware(EdgeMiddleware)
    return app
