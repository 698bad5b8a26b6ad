-- 0003: workflow run history, the local telemetry event log, and the health of integration connections.

CREATE TABLE workflow_runs (
    id            INTEGER PRIMARY KEY,
    refresh_id    TEXT,
    workflow      TEXT NOT NULL,
    started_at    TEXT NOT NULL,
    finished_at   TEXT,
    status        TEXT NOT NULL CHECK (status IN ('running', 'succeeded', 'failed', 'blocked')),
    received      INTEGER NOT NULL DEFAULT 0,
    inserted      INTEGER NOT NULL DEFAULT 0,
    updated       INTEGER NOT NULL DEFAULT 0,
    removed       INTEGER NOT NULL DEFAULT 0,
    duration_ms   INTEGER,
    error_code    TEXT,
    error_message TEXT
);

CREATE INDEX workflow_runs_by_start ON workflow_runs (started_at DESC, id DESC);

CREATE TABLE telemetry_events (
    id      INTEGER PRIMARY KEY,
    name    TEXT NOT NULL,
    at      TEXT NOT NULL,
    payload TEXT NOT NULL
);

CREATE TABLE integration_health (
    connection  TEXT PRIMARY KEY,
    status      TEXT NOT NULL CHECK (status IN ('connected', 'error')),
    error_code  TEXT,
    updated_at  TEXT NOT NULL
);
