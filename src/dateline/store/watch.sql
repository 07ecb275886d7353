-- dateline watch state (<db>.watch.duckdb), migration 001_watch: what `dateline watch`
-- follows and where it stands.
-- watch_sources: one row a feed or sitemap, with its conditional-GET validators and tallies.
-- watch_queue: one row an article URL; status queued -> fetched (body kept until stored) ->
--   stored, or failed (code, message); entry_version changes when the feed entry changes, which
--   queues the URL again. A killed cycle leaves rows queued or fetched: the next one goes on.
-- watch_log: every request made, with its status and timing (politeness can be audited).
CREATE TABLE IF NOT EXISTS watch_sources (
    source_url VARCHAR PRIMARY KEY, label VARCHAR, kind VARCHAR, etag VARCHAR,
    last_modified VARCHAR, last_checked TIMESTAMP, last_success TIMESTAMP,
    last_error VARCHAR, last_error_at TIMESTAMP, found BIGINT, stored BIGINT
);
CREATE TABLE IF NOT EXISTS watch_queue (
    url VARCHAR PRIMARY KEY, source_url VARCHAR, entry_version VARCHAR, published VARCHAR,
    title VARCHAR, status VARCHAR, attempts INTEGER, code VARCHAR, message VARCHAR,
    doc_id VARCHAR, body BLOB, final_url VARCHAR, content_type VARCHAR,
    first_seen TIMESTAMP, updated_at TIMESTAMP, not_before TIMESTAMP
);
CREATE TABLE IF NOT EXISTS watch_log (
    requested_at TIMESTAMP, url VARCHAR, host VARCHAR, status INTEGER, ms DOUBLE, bytes BIGINT,
    note VARCHAR
);
