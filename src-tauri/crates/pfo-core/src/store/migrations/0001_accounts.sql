-- 0001: connections (bank logins) and bank accounts.
-- Amounts are exact decimal strings; identifiers (iban, number) are stored whole because the file is encrypted,
-- and are masked by the core whenever they leave it.

CREATE TABLE connections (
    id                   INTEGER PRIMARY KEY,
    provider             TEXT NOT NULL,
    external_id          TEXT NOT NULL,
    institution          TEXT NOT NULL,
    state                TEXT,              -- NULL: last provider sync succeeded
    provider_updated_at  TEXT,
    consent_expires_at   TEXT,
    last_synced_at       TEXT NOT NULL,
    UNIQUE (provider, external_id)
);

CREATE TABLE accounts (
    id                   INTEGER PRIMARY KEY,
    provider             TEXT NOT NULL,
    external_id          TEXT NOT NULL,
    connection_external_id TEXT NOT NULL,
    institution          TEXT NOT NULL,
    name                 TEXT NOT NULL,
    account_type         TEXT NOT NULL,
    usage                TEXT,
    iban                 TEXT,
    bic                  TEXT,
    number               TEXT,
    currency             TEXT NOT NULL,
    balance              TEXT,
    coming_balance       TEXT,
    status               TEXT NOT NULL CHECK (status IN ('active', 'disabled', 'deleted')),
    provider_updated_at  TEXT,
    last_synced_at       TEXT NOT NULL,
    UNIQUE (provider, external_id)
);

CREATE INDEX accounts_by_institution ON accounts (institution, name);
