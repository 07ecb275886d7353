"""API latency on a generated 100,000-event database: p50/p95 of filtered event queries.

    .venv/bin/python benchmarks/api_latency.py [--events 100000] [--repeat 20]

Target (issue 8): p95 < 300 ms. Rows go in through Arrow in one bulk insert.
"""
from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from pathlib import Path

from dateline.store.db import Store
from dateline.store.rows import to_arrow

TYPES = ["ASSAULT", "CONCEDE", "RETREAT", "AGREE", "ACCUSE", "THREATEN", "PROTEST", "AID"]
STATUSES = ["occurred", "announced", "ordered", "threatened", "denied", "claimed"]
ACTORS = [("Russia", "RUS"), ("Syria", "SYR"), ("United States", "USA"), ("Turkey", "TUR"),
          ("Iran", "IRN"), ("Hezbollah", None), ("Israel", "ISR"), ("Ukraine", "UKR")]
QUERIES = ["/events?limit=50", "/events?type=ASSAULT&sort=-date", "/events?actor=russia",
           "/events?country=SYR&status=occurred", "/events?since=2016-03-01&until=2016-06-30",
           "/events?bbox=35,32,40,37&limit=100", "/events?text=attack&sort=-confidence",
           "/events?type=CONCEDE&actor=usa&offset=500"]


def _rows(n: int, rnd: random.Random) -> list[dict]:
    rows = []
    for i in range(n):
        (src, sc), (tgt, tc) = rnd.sample(ACTORS, 2)
        rows.append({"doc_id": f"d{i // 5}", "run_id": "bench", "event_id": f"e{i % 5}",
                     "start_char": 0, "end_char": 100, "trigger": rnd.choice(
                         ["attacked", "withdrew", "agreed", "accused", "threatened"]),
                     "type": rnd.choice(TYPES), "action": rnd.choice(TYPES),
                     "status": rnd.choice(STATUSES), "source_text": src, "source_country": sc,
                     "target_text": tgt, "target_country": tc,
                     "date": f"2016-{rnd.randint(1, 12):02d}-{rnd.randint(1, 28):02d}",
                     "lat": rnd.uniform(-60, 70), "lon": rnd.uniform(-180, 180),
                     "place_country": "SY", "confidence": rnd.random(), "disputed_by": []})
    return rows


def build(path: Path, n: int) -> None:
    """A database with n events (and their documents' ids), bulk-inserted through Arrow."""
    with Store(path) as store:
        batch = to_arrow("events", _rows(n, random.Random(7)))
        store.con.register("bench_events", batch)
        store.con.execute("INSERT INTO events SELECT * FROM bench_events")


def main() -> None:
    """Build, query through the app, print p50/p95."""
    from fastapi.testclient import TestClient

    from dateline.api import create_app

    parser = argparse.ArgumentParser()
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.duckdb"
        t0 = time.perf_counter()
        build(path, args.events)
        print(f"built {args.events} events in {time.perf_counter() - t0:.2f} s")
        with TestClient(create_app(path)) as client:
            times = []
            for _ in range(args.repeat):
                for q in QUERIES:
                    t = time.perf_counter()
                    assert client.get(q).status_code == 200
                    times.append(time.perf_counter() - t)
        times.sort()
        p95 = times[int(0.95 * (len(times) - 1))]
        print(f"{len(times)} queries: p50 {statistics.median(times) * 1000:.1f} ms, "
              f"p95 {p95 * 1000:.1f} ms (target < 300 ms)")


if __name__ == "__main__":
    main()
