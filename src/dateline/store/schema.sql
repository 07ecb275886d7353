-- dateline store, migration 001_initial. Offsets are [start_char, end_char) into documents.text.
CREATE TABLE IF NOT EXISTS runs (
    run_id VARCHAR PRIMARY KEY, started_at TIMESTAMP, finished_at TIMESTAMP,
    pipeline_version VARCHAR, model VARCHAR, model_version VARCHAR, config_hash VARCHAR,
    stages VARCHAR, inputs BIGINT, stored BIGINT, unchanged BIGINT, updated BIGINT,
    rejected BIGINT
);
CREATE TABLE IF NOT EXISTS documents (
    id VARCHAR PRIMARY KEY, run_id VARCHAR, url VARCHAR, title VARCHAR, published DATE,
    language VARCHAR, dup_group VARCHAR, content_hash VARCHAR, text_hash VARCHAR,
    origin VARCHAR, encoding VARCHAR, site_name VARCHAR, byline VARCHAR[],
    captions VARCHAR[], credits VARCHAR[], text VARCHAR, record JSON, ingested_at TIMESTAMP
);
CREATE TABLE IF NOT EXISTS entities (
    doc_id VARCHAR, run_id VARCHAR, start_char INTEGER, end_char INTEGER, text VARCHAR,
    type VARCHAR, entity_id VARCHAR
);
CREATE TABLE IF NOT EXISTS times (
    doc_id VARCHAR, run_id VARCHAR, start_char INTEGER, end_char INTEGER, text VARCHAR,
    type VARCHAR, value VARCHAR, anchor VARCHAR, year_inferred BOOLEAN
);
CREATE TABLE IF NOT EXISTS places (
    doc_id VARCHAR, run_id VARCHAR, start_char INTEGER, end_char INTEGER, text VARCHAR,
    name VARCHAR, country VARCHAR, lat DOUBLE, lon DOUBLE, geonames_id BIGINT,
    precision VARCHAR, metonymic BOOLEAN
);
CREATE TABLE IF NOT EXISTS quotes (
    doc_id VARCHAR, run_id VARCHAR, start_char INTEGER, end_char INTEGER, text VARCHAR,
    kind VARCHAR, cue VARCHAR, speaker VARCHAR, speaker_start INTEGER, speaker_end INTEGER,
    speaker_id VARCHAR, reported_by VARCHAR
);
CREATE TABLE IF NOT EXISTS events (
    doc_id VARCHAR, run_id VARCHAR, event_id VARCHAR, start_char INTEGER, end_char INTEGER,
    trigger VARCHAR, trigger_start INTEGER, trigger_end INTEGER, type VARCHAR, action VARCHAR,
    cameo VARCHAR, mode VARCHAR, status VARCHAR, disputed_by VARCHAR[],
    source_text VARCHAR, source_id VARCHAR, source_country VARCHAR, source_sector VARCHAR,
    target_text VARCHAR, target_id VARCHAR, target_country VARCHAR, target_sector VARCHAR,
    attributed_to VARCHAR, date VARCHAR, date_precision VARCHAR, date_inferred BOOLEAN,
    background BOOLEAN, place_name VARCHAR, place_country VARCHAR, lat DOUBLE, lon DOUBLE,
    geonames_id BIGINT, place_precision VARCHAR, quantities JSON, confidence DOUBLE,
    cluster VARCHAR, published DATE
);
CREATE TABLE IF NOT EXISTS rejects (
    doc_id VARCHAR, run_id VARCHAR, code VARCHAR, message VARCHAR, origin VARCHAR,
    rejected_at TIMESTAMP
);
CREATE INDEX IF NOT EXISTS events_doc ON events(doc_id);
CREATE INDEX IF NOT EXISTS entities_doc ON entities(doc_id);
