"""Reading mentions from the store and writing clusters back (through Arrow, not row by row)."""
from __future__ import annotations

from typing import Any

import pyarrow as pa

from dateline.link.clusters import Mention, actor_key

COLUMNS = ("doc_id", "event_id", "start_char", "end_char", "type", "action", "trigger",
           "trigger_start", "status", "published", "date", "date_inferred", "source_text",
           "source_country", "source_sector", "target_text", "target_country", "target_sector",
           "place_name", "place_country", "cluster", "attributed_to", "disputed_by",
           "background")


def block_key(type_: str | None, action: str | None, trigger: str | None) -> str:
    """The block key as stored text ('TYPE|action'); the trigger stands in for no action."""
    return f"{(type_ or '').upper()}|{(action or trigger or '').lower()}"


def _actor(row: dict[str, Any], prefix: str) -> dict[str, str | None] | None:
    if not (row[f"{prefix}_text"] or row[f"{prefix}_country"]):
        return None
    return {"country": row[f"{prefix}_country"], "sector": row[f"{prefix}_sector"],
            "text": row[f"{prefix}_text"]}


def _mention(row: dict[str, Any], text: str, group: str | None) -> Mention:
    return Mention(
        doc_id=row["doc_id"], event_id=row["event_id"], start=row["start_char"],
        end=row["end_char"], type=(row["type"] or "").upper(),
        action=(row["action"] or row["trigger"] or "").lower(), status=row["status"] or "",
        sentence=text[row["start_char"]:row["end_char"]], published=row["published"],
        date=row["date"], date_inferred=bool(row["date_inferred"]) or not row["date"],
        source_key=actor_key(row["source_country"], row["source_text"]),
        target_key=actor_key(row["target_country"], row["target_text"]),
        place_key=actor_key(row["place_country"], row["place_name"]), dup_group=group,
        cluster=row["cluster"], source=_actor(row, "source"), target=_actor(row, "target"),
        attributed_to=row["attributed_to"], disputed=bool(row["disputed_by"]),
        background=bool(row["background"]), trigger=row["trigger"] or row["action"] or "",
        trigger_start=row["trigger_start"])


def load_mentions(con: Any, blocks: list[str] | None = None, doc_ids: list[str] | None = None,
                  actions: list[str] | None = None) -> list[Mention]:
    """Mentions of the given blocks ('TYPE|action'), documents or actions, or all."""
    cols = ", ".join(f"e.{c}" for c in COLUMNS)
    sql = f"SELECT {cols} FROM events e"
    params: list[Any] = []
    if blocks is not None:
        sql += (" WHERE upper(coalesce(e.type, '')) || '|' || lower(coalesce(e.action, "
                "e.trigger, '')) IN (SELECT unnest(?))")
        params.append(blocks)
    elif actions is not None:
        sql += " WHERE lower(coalesce(e.action, e.trigger, '')) IN (SELECT unnest(?))"
        params.append(actions)
    elif doc_ids is not None:
        sql += " WHERE e.doc_id IN (SELECT unnest(?))"
        params.append(doc_ids)
    cur = con.execute(sql, params)
    rows = [dict(zip(COLUMNS, r, strict=True)) for r in cur.fetchall()]
    ids = sorted({r["doc_id"] for r in rows})
    docs = {d: (t, g) for d, t, g in con.execute(
        "SELECT id, text, dup_group FROM documents WHERE id IN (SELECT unnest(?))",
        [ids]).fetchall()}
    return [_mention(r, *docs[r["doc_id"]]) for r in rows if r["doc_id"] in docs]


def load_texts(con: Any, doc_ids: list[str]) -> tuple[dict[str, str], dict[str, str]]:
    """Texts and titles (empty when missing) of these documents."""
    texts: dict[str, str] = {}
    titles: dict[str, str] = {}
    for d, text, title in con.execute("SELECT id, text, title FROM documents WHERE id IN "
                                      "(SELECT unnest(?))", [sorted(doc_ids)]).fetchall():
        texts[d], titles[d] = text or "", title or ""
    return texts, titles


def event_sentences(con: Any, texts: dict[str, str]) -> dict[str, list[str]]:
    """The sentences (event spans) of every stored event of these documents, by document."""
    out: dict[str, list[str]] = {d: [] for d in texts}
    for d, s, e in con.execute("SELECT doc_id, start_char, end_char FROM events WHERE doc_id "
                               "IN (SELECT unnest(?)) ORDER BY doc_id, start_char, end_char",
                               [sorted(texts)]).fetchall():
        out[d].append(texts[d][s:e])
    return out


def write_clusters(con: Any, mentions: list[Mention]) -> int:
    """Store the clusters of these mentions in the events table; return the count."""
    if not mentions:
        return 0
    con.register("_link_upd", pa.table({"doc_id": [m.doc_id for m in mentions],
                                        "event_id": [m.event_id for m in mentions],
                                        "cluster": [m.cluster for m in mentions]}))
    try:
        con.execute("UPDATE events SET cluster = upd.cluster FROM _link_upd AS upd "
                    "WHERE events.doc_id = upd.doc_id AND events.event_id = upd.event_id")
    finally:
        con.unregister("_link_upd")
    return len(mentions)


def clear_clusters(con: Any, doc_ids: list[str] | None = None) -> None:
    """Forget clusters (of some documents, or all) so they are assigned again."""
    if doc_ids is None:
        con.execute("UPDATE events SET cluster = NULL")
    else:
        con.execute("UPDATE events SET cluster = NULL WHERE doc_id IN (SELECT unnest(?))",
                    [doc_ids])


def insert_rows(con: Any, table: str, columns: list[str], rows: list[tuple],
                types: dict[str, pa.DataType] | None = None) -> None:
    """Insert rows into a link table in one Arrow batch."""
    if not rows:
        return
    types = types or {}
    arrays = {c: pa.array([r[i] for r in rows], type=types.get(c))
              for i, c in enumerate(columns)}
    # a registered view, not a replacement scan: the API's connection disables those
    con.register("_link_batch", pa.table(arrays))
    try:
        cols = ", ".join(columns)
        con.execute(f"INSERT INTO {table} ({cols}) SELECT {cols} FROM _link_batch")
    finally:
        con.unregister("_link_batch")
