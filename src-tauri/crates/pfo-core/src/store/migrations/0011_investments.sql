-- 0011: the positions of investment accounts (Powens' Wealth & Loans investments), and their value per value day.
-- Powens keeps about a month of history, so every sync keeps its reading here and history builds up locally.
-- Amounts are exact decimal text, with an `_e4` integer (units of 1/10,000) where SQL sums them.

CREATE TABLE investment_positions (
    id                  INTEGER PRIMARY KEY,
    provider            TEXT NOT NULL,
    external_id         TEXT NOT NULL,
    account_id          INTEGER NOT NULL REFERENCES accounts (id),
    label               TEXT NOT NULL,
    code_scheme         TEXT CHECK (code_scheme IN ('isin', 'amf')),
    code                TEXT,
    stock_symbol        TEXT,
    currency            TEXT NOT NULL,
    quantity            TEXT,
    unit_price          TEXT,
    unit_value          TEXT,
    valuation           TEXT,
    valuation_e4        INTEGER,
    gain                TEXT,
    gain_ratio          TEXT,
    portfolio_share     TEXT,
    value_date          TEXT,
    foreign_currency    TEXT,
    foreign_valuation   TEXT,
    foreign_unit_value  TEXT,
    foreign_unit_price  TEXT,
    details             TEXT,          -- JSON of the fund details, when the bank gives them
    calculated          TEXT NOT NULL DEFAULT '[]',   -- JSON list of the figures the provider computed
    ended_on            TEXT,          -- set when the position was sold or vanished at the bank
    provider_updated_at TEXT,
    first_seen_at       TEXT NOT NULL,
    last_synced_at      TEXT NOT NULL,
    UNIQUE (provider, external_id)
);

CREATE INDEX investment_positions_by_account ON investment_positions (account_id);
CREATE INDEX investment_positions_by_code ON investment_positions (code) WHERE code IS NOT NULL;

-- One row per position and value day: the last sync of a day wins.
CREATE TABLE investment_snapshots (
    position_id   INTEGER NOT NULL REFERENCES investment_positions (id) ON DELETE CASCADE,
    value_date    TEXT NOT NULL,
    quantity      TEXT,
    unit_value    TEXT,
    valuation     TEXT NOT NULL,
    valuation_e4  INTEGER NOT NULL,
    synced_at     TEXT NOT NULL,
    PRIMARY KEY (position_id, value_date)
) WITHOUT ROWID;

CREATE INDEX investment_snapshots_by_day ON investment_snapshots (value_date);
