-- dateline store, migration 002_links: cross-document linking (dateline.link).
-- link_signatures: one MinHash signature per document, so a new batch is compared with the
--   stored corpus without re-hashing it (near-duplicate detection, dedup.py).
-- link_storylines: which storyline each event cluster belongs to (storylines.py).
-- link_followthrough: one contract follow-through object per announcement cluster.
CREATE TABLE IF NOT EXISTS link_signatures (
    doc_id VARCHAR PRIMARY KEY, text_hash VARCHAR, shingles INTEGER, signature UBIGINT[]
);
CREATE TABLE IF NOT EXISTS link_storylines (
    storyline VARCHAR, cluster VARCHAR PRIMARY KEY, source_key VARCHAR, action VARCHAR,
    target_key VARCHAR, first_date DATE, last_date DATE
);
CREATE TABLE IF NOT EXISTS link_followthrough (
    cluster VARCHAR PRIMARY KEY, storyline VARCHAR, source_key VARCHAR, action VARCHAR,
    status VARCHAR, announced DATE, as_of DATE, record JSON
);
CREATE OR REPLACE VIEW event_clusters AS
    SELECT cluster, min(action) AS action, min(type) AS type, count(*) AS mentions,
           count(DISTINCT doc_id) AS documents, list(DISTINCT doc_id ORDER BY doc_id) AS sources,
           min(published) AS first_report
    FROM events WHERE cluster IS NOT NULL GROUP BY cluster;
