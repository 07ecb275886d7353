"""Screenshots of every UI page over the demo database, into docs/img/demo-*.png.

    .venv/bin/python scripts/screenshots.py [--db demo.duckdb]

Builds the demo database first when the file does not exist (`dateline demo`), serves it
on loopback and drives Debian's chromium with Playwright (no browser download).
"""
from __future__ import annotations

import argparse
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import uvicorn

from dateline.api import create_app
from dateline.store.db import Store

ROOT = Path(__file__).resolve().parents[1]
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]


def _serve(db: Path) -> tuple[uvicorn.Server, str]:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(db), host="127.0.0.1", port=port,
                                           log_level="error"))
    threading.Thread(target=server.run, daemon=True).start()
    while not server.started:
        time.sleep(0.05)
    return server, f"http://127.0.0.1:{port}"


def main() -> None:
    """Build (if needed), serve and photograph the demo database."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", type=Path, default=ROOT / "demo.duckdb")
    args = ap.parse_args()
    if not args.db.exists():
        subprocess.run([str(Path(sys.executable).parent / "dateline"), "demo", "--db",
                        str(args.db)], check=True)
    with Store(args.db, read_only=True) as store:  # the article with the most events
        doc = store.sql("SELECT doc_id FROM events WHERE type <> 'OTHER' GROUP BY 1 "
                        "ORDER BY count(*) DESC, doc_id LIMIT 1")[0]["doc_id"]
    from playwright.sync_api import sync_playwright

    server, url = _serve(args.db)
    pages = {"events": "/ui/events", "events-filtered": "/ui/events?type=RETREAT",
             "article": f"/ui/article?id={doc}", "timeline": "/ui/timeline",
             "map": "/ui/map", "network": "/ui/network"}
    clicks = {"map": "circle.point", "network": "#graph .node"}  # then photograph the result
    with sync_playwright() as pw:
        chrome = pw.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        page = chrome.new_page(viewport={"width": 1280, "height": 900})
        for name, path in pages.items():
            page.goto(url + path)
            page.wait_for_load_state("networkidle")
            if name in clicks:
                page.locator(clicks[name]).first.click()
                page.wait_for_load_state("networkidle")
            page.screenshot(path=str(ROOT / "docs" / "img" / f"demo-{name}.png"),
                            full_page=name != "events")
            print(f"docs/img/demo-{name}.png  {path}")
        chrome.close()
    server.should_exit = True


if __name__ == "__main__":
    main()
