-- 0005: the knowledge space (derived overview documents only, never raw provider payloads), the exchange rates the
-- household enters for consolidation, and household-wide settings (the base currency).

CREATE TABLE knowledge_documents (
    id              INTEGER PRIMARY KEY,
    space           TEXT NOT NULL,
    kind            TEXT NOT NULL,
    revision        INTEGER NOT NULL,      -- 1, 2, 3… per space: the document's version in the space
    schema_version  INTEGER NOT NULL,      -- shape of body_json
    title           TEXT NOT NULL,
    period_start    TEXT NOT NULL,
    period_end      TEXT NOT NULL,
    created_at      TEXT NOT NULL,         -- RFC 3339, UTC; retention counts from here
    body_json       TEXT NOT NULL,
    body_markdown   TEXT NOT NULL,
    UNIQUE (space, revision)
);

CREATE INDEX knowledge_documents_by_age ON knowledge_documents (space, created_at);

CREATE TABLE exchange_rates (
    currency  TEXT NOT NULL,              -- ISO 4217 code converted from
    base      TEXT NOT NULL,              -- ISO 4217 code converted to
    rate      TEXT NOT NULL,              -- exact decimal: 1 `currency` = `rate` `base`
    as_of     TEXT NOT NULL,              -- YYYY-MM-DD the household took the rate on
    PRIMARY KEY (currency, base, as_of)
);

CREATE TABLE household_settings (
    key    TEXT PRIMARY KEY,
    value  TEXT NOT NULL
);
