"""Event exports in other projects' layouts: GDELT 2.0 events, ACLED-style CSV, and
PLOVER/POLECAT-style JSON. Each maps the columns we have and leaves the rest empty."""
from __future__ import annotations

import json
from importlib import resources
from typing import IO, Any

from dateline.store.query import PLOVER_ONLY, EventFilter

EXPORTS = ("gdelt", "acled", "plover")
# PLOVER events only (OTHER events are predicates kept for linking, not coded events), with the
# store's own filter (confidence, main event) on top
EVENTS_SQL = ("SELECT e.*, d.url, d.title, d.language FROM (SELECT * FROM events WHERE "
              f"{PLOVER_ONLY}{{filters}}) e LEFT JOIN documents d ON d.id = e.doc_id "
              "ORDER BY e.doc_id, e.start_char, e.event_id")


def mappings() -> dict[str, Any]:
    """The code tables (mappings.json) the exports use."""
    text = resources.files("dateline.exports").joinpath("mappings.json").read_text("utf-8")
    return json.loads(text)


def event_rows(con: Any, min_confidence: float = 0.0, main_only: bool = False
               ) -> list[dict[str, Any]]:
    """Every stored PLOVER event (of at least ``min_confidence``; with ``main_only``, each
    sentence's main event only) with its document's URL, title and language."""
    where, params = EventFilter(min_confidence=min_confidence, main_only=main_only).where()
    filters = where.replace(" WHERE ", " AND ", 1)
    cur = con.execute(EVENTS_SQL.format(filters=filters), params)
    names = [d[0] for d in cur.description]
    return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]


def write_export(con: Any, fmt: str, sink: IO[str], min_confidence: float = 0.0,
                 main_only: bool = False) -> int:
    """Write every stored PLOVER event (of at least ``min_confidence``; with ``main_only``,
    each sentence's main event only) in one layout to ``sink``; return the count."""
    from dateline.exports import acled, gdelt, plover

    writers = {"gdelt": gdelt.write, "acled": acled.write, "plover": plover.write}
    if fmt not in writers:
        raise ValueError(f"unknown export {fmt!r}; choose from {', '.join(EXPORTS)}")
    return writers[fmt](event_rows(con, min_confidence, main_only), sink)
