-- dateline store, migration 002_manifest: every input an ingest has seen and where it ended.
-- input_key = origin (file, and line or record offset) + '#' + document id; status is
-- pending (handed to a worker, not yet committed), stored or rejected (code, message).
-- pipeline = a hash of the stages, model and settings: a rerun skips only inputs finished
-- by the same pipeline, so a killed ingest resumes and a changed pipeline redoes all.
CREATE TABLE IF NOT EXISTS manifest (
    input_key VARCHAR PRIMARY KEY, origin VARCHAR, doc_id VARCHAR, pipeline VARCHAR,
    status VARCHAR, code VARCHAR, message VARCHAR, run_id VARCHAR, shard BIGINT,
    attempts INTEGER, updated_at TIMESTAMP
);
