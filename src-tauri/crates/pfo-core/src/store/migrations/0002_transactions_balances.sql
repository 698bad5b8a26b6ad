-- 0002: transactions (with a full-text index over labels), balance snapshots, and sync high-water marks.
-- Amounts are kept twice: exact decimal text for display and `amount_e4` (units of 1/10,000) for filters, sorting
-- and sums in SQL.

CREATE TABLE transactions (
    id                      INTEGER PRIMARY KEY,
    account_id              INTEGER NOT NULL REFERENCES accounts (id),
    external_id             TEXT NOT NULL,
    booked_on               TEXT NOT NULL,
    value_on                TEXT,
    realised_on             TEXT,
    amount                  TEXT NOT NULL,
    amount_e4               INTEGER NOT NULL,
    currency                TEXT NOT NULL,
    original_amount         TEXT,
    original_currency       TEXT,
    label                   TEXT NOT NULL,
    original_label          TEXT,
    kind                    TEXT,
    category                TEXT,
    category_parent         TEXT,
    counterparty_label      TEXT,
    counterparty_identifier TEXT,
    counterparty_kind       TEXT,
    status                  TEXT NOT NULL CHECK (status IN ('pending', 'booked', 'deleted')),
    provider_updated_at     TEXT,
    last_synced_at          TEXT NOT NULL,
    UNIQUE (account_id, external_id)
);

CREATE INDEX transactions_by_account_date ON transactions (account_id, booked_on DESC, id DESC);
CREATE INDEX transactions_by_date ON transactions (booked_on DESC, id DESC);
CREATE INDEX transactions_by_amount ON transactions (amount_e4, id);

CREATE VIRTUAL TABLE transactions_fts USING fts5 (
    label, original_label,
    content = 'transactions', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TRIGGER transactions_fts_insert AFTER INSERT ON transactions BEGIN
    INSERT INTO transactions_fts (rowid, label, original_label) VALUES (new.id, new.label, new.original_label);
END;
CREATE TRIGGER transactions_fts_delete AFTER DELETE ON transactions BEGIN
    INSERT INTO transactions_fts (transactions_fts, rowid, label, original_label)
    VALUES ('delete', old.id, old.label, old.original_label);
END;
CREATE TRIGGER transactions_fts_update AFTER UPDATE OF label, original_label ON transactions BEGIN
    INSERT INTO transactions_fts (transactions_fts, rowid, label, original_label)
    VALUES ('delete', old.id, old.label, old.original_label);
    INSERT INTO transactions_fts (rowid, label, original_label) VALUES (new.id, new.label, new.original_label);
END;

CREATE TABLE account_balances (
    id           INTEGER PRIMARY KEY,
    account_id   INTEGER NOT NULL REFERENCES accounts (id),
    balance_type TEXT NOT NULL CHECK (balance_type IN ('current', 'coming')),
    amount       TEXT NOT NULL,
    amount_e4    INTEGER NOT NULL,
    currency     TEXT NOT NULL,
    as_of        TEXT NOT NULL,
    UNIQUE (account_id, balance_type, as_of)
);

CREATE INDEX account_balances_by_time ON account_balances (as_of, account_id);

CREATE TABLE sync_state (
    provider    TEXT NOT NULL,
    stream      TEXT NOT NULL,
    high_water  TEXT,
    updated_at  TEXT NOT NULL,
    PRIMARY KEY (provider, stream)
);
