"""Follow-through (say-do): was an announced, ordered, promised or threatened act carried out?

For each announcement cluster, later reports in its storyline, up to the next announcement of
the same act, are evidence:

- implementation_claim: the act reported as done or under way (occurred, ongoing, claimed);
- verification: the same, attributed to someone other than the announcer;
- contradiction: the act denied, or a report another party disputes;
- repetition: a later announcement of the same act (it also lists this one in ``repeats``);
- reaction: in a document of the storyline, another actor's verbal act aimed at the
  announcer (welcoming, rejecting, sanctioning...), from the announcement up to the next one.

Status: ``no_sign_yet`` without implementation or contradiction; ``disputed`` when a
contradiction is the latest word; ``partly`` when the act is only under way, was contested
earlier, or had to be announced again; else ``carried_out``. Objects are CONTRACT.md's
"Storylines and follow-through" records.
"""
from __future__ import annotations

import json
from datetime import date
from typing import Any

import pyarrow as pa

from dateline.link.clusters import Mention
from dateline.link.store_io import insert_rows, load_mentions
from dateline.link.storylines import ClusterInfo, storyline_id, storyline_of
from dateline.vocab import INTENT_STATUSES, FollowStatus

DONE = frozenset({"occurred", "ongoing", "claimed"})
# PLOVER's verbal and sanctioning categories: how other actors answer an announcement
# (welcome it, reject it, accuse, ask, consult, protest, sanction).
REACTION_TYPES = frozenset({"AGREE", "SUPPORT", "REJECT", "ACCUSE", "REQUEST", "CONSULT",
                            "PROTEST", "SANCTION", "THREATEN"})
CONTRA = frozenset({"denied"})


def _day(m: Mention) -> date | None:
    return m.published


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None


def _announcer_names(a: ClusterInfo) -> set[str]:
    names = {(m.attributed_to or "").lower() for m in a.mentions if m.attributed_to}
    names |= {str(m.source["text"]).lower() for m in a.mentions
              if m.source and m.source.get("text")}
    return names


def role_of(m: Mention, a: ClusterInfo, announcer: set[str]) -> str | None:
    """The role a later mention plays for announcement ``a`` (None: not evidence)."""
    if m.status in CONTRA or (m.disputed and m.status not in INTENT_STATUSES):
        return "contradiction"
    if m.status in INTENT_STATUSES:
        return "repetition" if m.cluster != a.id else None
    if m.status in DONE:
        who = (m.attributed_to or "").lower()
        return "verification" if who and who not in announcer else "implementation_claim"
    return None


def evidence_for(a: ClusterInfo, members: list[ClusterInfo]) -> list[dict[str, Any]]:
    """Evidence items for announcement ``a`` from the clusters of its storyline."""
    start = a.first_report or date.min
    later = {c.id: c for c in members if c.intent and c.id != a.id
             and (c.first_report or date.max) > start}
    stop = min((c.first_report for c in later.values() if c.first_report), default=date.max)
    announcer = _announcer_names(a)
    items = []
    for c in members:
        for m in c.mentions:
            d = _day(m) or start
            if d < start:
                continue
            role = role_of(m, a, announcer)
            if role is None or (role != "repetition" and d >= stop and c.id != a.id):
                continue
            if role == "repetition" and c.id not in later:
                continue
            items.append({"cluster": c.id, "document": m.doc_id, "date": _iso(_day(m)),
                          "status": m.status, "role": role, "start": m.start, "end": m.end})
    items.sort(key=lambda e: (e["date"] or "", e["document"], e["start"]))
    return items


def decide(evidence: list[dict[str, Any]]) -> str:
    """carried_out | partly | disputed | no_sign_yet from the evidence list."""
    impl = [e for e in evidence if e["role"] in ("implementation_claim", "verification")]
    contra = [e for e in evidence if e["role"] == "contradiction"]
    if not impl:
        return FollowStatus.DISPUTED if contra else "no_sign_yet"
    last_impl = max(e["date"] or "" for e in impl)
    if contra and max(e["date"] or "" for e in contra) >= last_impl:
        return FollowStatus.DISPUTED
    reps = [e for e in evidence if e["role"] == "repetition"
            and (e["date"] or "") >= min(x["date"] or "" for x in impl)]
    if contra or reps or any(e["status"] == "ongoing" for e in impl):
        return FollowStatus.PARTLY
    return FollowStatus.CARRIED_OUT


def reactions_for(a: ClusterInfo, members: list[ClusterInfo],
                  context: dict[str, list[Mention]]) -> list[dict[str, Any]]:
    """Reactions to ``a``: other actors' acts aimed at its announcer, in storyline documents."""
    start = a.first_report or date.min
    stop = min((c.first_report for c in members if c.intent and c.id != a.id
                and c.first_report and c.first_report > start), default=date.max)
    inside = {c.id for c in members}
    docs = {m.doc_id for c in members for m in c.mentions
            if m.published is None or start <= m.published < stop}
    out = []
    for doc in sorted(docs):
        for m in context.get(doc, []):
            if (m.cluster in inside or m.type not in REACTION_TYPES or not a.announcer_key
                    or m.target_key != a.announcer_key or m.source_key == a.announcer_key):
                continue
            out.append({"cluster": m.cluster, "document": m.doc_id, "date": _iso(m.published),
                        "status": m.status, "role": "reaction", "start": m.start,
                        "end": m.end})
    return out


def followthrough_record(a: ClusterInfo, members: list[ClusterInfo], storyline: str,
                         context: dict[str, list[Mention]] | None = None) -> dict[str, Any]:
    """The contract's follow-through object for one announcement cluster."""
    found = evidence_for(a, members) + reactions_for(a, members, context or {})
    # two mentions of one sentence (an act and its frame) are one piece of evidence
    unique = {(e["cluster"], e["document"], e["start"], e["end"], e["role"]): e for e in found}
    ev = sorted(unique.values(), key=lambda e: (e["date"] or "", e["document"], e["start"]))
    dates = [e["date"] for e in ev if e["date"]] + [_iso(a.first_report) or ""]
    earlier = [c.id for c in members if c.intent and c.id != a.id
               and (c.first_report or date.max) < (a.first_report or date.min)]
    return {"schema": "dateline/1", "cluster": a.id, "action": a.action.upper(),
            "type": a.type, "source": _actor(a.actor("source", intent_only=True)),
            "target": _actor(a.actor("target")) if a.actor("target") else None,
            "announced": _iso(a.first_report), "status": decide(ev),
            "as_of": max(d for d in dates if d) if any(dates) else None,
            "evidence": ev, "repeats": earlier, "storyline": storyline}


def _actor(actor: dict[str, Any] | None) -> dict[str, Any]:
    actor = actor or {}
    return {k: actor.get(k) for k in ("country", "sector", "text")}


def compute(infos: dict[str, ClusterInfo], stories: dict[str, list[ClusterInfo]],
            context: dict[str, list[Mention]] | None = None) -> list[dict[str, Any]]:
    """Follow-through records for every announcement cluster that has an announcer
    (context: mentions by doc)."""
    of = storyline_of(stories)
    out = []
    for c in sorted(infos.values(), key=lambda c: (c.first_report or date.max, c.id)):
        if not c.intent or not c.announcer_key:
            continue  # no announcement, or no one who announced it (a source of its own)
        sid = of.get(c.id) or storyline_id(c.id, c.action, None)
        out.append(followthrough_record(c, stories.get(sid, [c]), sid, context))
    return out


def store_followthrough(con: Any, infos: dict[str, ClusterInfo],
                        stories: dict[str, list[ClusterInfo]], full: bool,
                        pool: list[Mention] | None = None) -> int:
    """Replace the follow-through rows of these clusters (all rows when ``full``).

    ``pool``: every stored mention, when the caller holds them (no second read).
    """
    records = compute(infos, stories, _context(con, infos, stories, pool))
    if full:
        con.execute("DELETE FROM link_followthrough")
    else:
        con.execute("DELETE FROM link_followthrough WHERE cluster IN (SELECT unnest(?))",
                    [sorted(infos)])
    rows = [(r["cluster"], r["storyline"], (r["source"] or {}).get("country")
             or (r["source"] or {}).get("text"), r["action"], r["status"], r["announced"],
             r["as_of"], json.dumps(r, ensure_ascii=False)) for r in records]
    insert_rows(con, "link_followthrough", ["cluster", "storyline", "source_key", "action",
                                            "status", "announced", "as_of", "record"], rows,
                {"announced": pa.string(), "as_of": pa.string()})
    return len(rows)


def _context(con: Any, infos: dict[str, ClusterInfo], stories: dict[str, list[ClusterInfo]],
             pool: list[Mention] | None = None) -> dict[str, list[Mention]]:
    """All mentions of the documents of storylines that hold an announcement."""
    docs = sorted({m.doc_id for members in stories.values() if any(c.intent for c in members)
                   for c in members for m in c.mentions})
    if pool is not None:
        wanted = set(docs)
        found = [m for m in pool if m.doc_id in wanted]
    else:
        found = load_mentions(con, doc_ids=docs) if docs else []
    out: dict[str, list[Mention]] = {}
    for m in found:
        out.setdefault(m.doc_id, []).append(m)
    return out


def read_followthrough(con: Any, actor: str | None = None, type_: str | None = None,
                       plover: bool = False) -> list[dict[str, Any]]:
    """Stored follow-through records, filtered by source actor (ISO3 or text) and type;
    announcements of OTHER acts (predicates kept for linking) only when ``plover`` is off
    or the type asks for them."""
    rows = con.execute("SELECT record FROM link_followthrough ORDER BY announced, cluster"
                       ).fetchall()
    out = []
    for (raw,) in rows:
        rec = json.loads(raw)
        src = rec.get("source") or {}
        if actor and actor.upper() not in {str(src.get("country") or "").upper(),
                                           str(src.get("text") or "").upper()}:
            continue
        if type_ and type_.upper() not in {rec["type"].upper(), rec["action"].upper()}:
            continue
        if plover and not type_ and rec["type"].upper() == "OTHER":
            continue
        out.append(rec)
    return out
