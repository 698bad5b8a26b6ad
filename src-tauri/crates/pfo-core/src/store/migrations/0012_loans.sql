-- 0012: the terms of the loan accounts and their amortization schedules (Powens' Wealth & Loans), so that what a
-- loan still costs is known locally. Amounts are exact decimal text.

CREATE TABLE loan_terms (
    account_id             INTEGER PRIMARY KEY REFERENCES accounts (id),
    loan_type              TEXT,
    currency               TEXT NOT NULL,
    borrowed               TEXT,
    rate_percent           TEXT,
    insurance_rate_percent TEXT,
    insurance_amount       TEXT,
    next_payment_amount    TEXT,
    next_payment_date      TEXT,
    subscription_date      TEXT,
    start_repayment_date   TEXT,
    maturity_date          TEXT,
    payments_total         INTEGER,
    payments_done          INTEGER,
    synced_at              TEXT NOT NULL
);

-- One row per loan and payment day. Periods already paid stay as history when the bank stops listing them; the
-- periods still to come are replaced by each sync's schedule (a renegotiated loan changes them).
CREATE TABLE loan_periods (
    account_id         INTEGER NOT NULL REFERENCES accounts (id),
    payment_date       TEXT NOT NULL,
    currency           TEXT NOT NULL,
    principal          TEXT NOT NULL,
    interest           TEXT NOT NULL,
    insurance          TEXT NOT NULL,
    total              TEXT NOT NULL,
    remaining_capital  TEXT NOT NULL,
    calculated         TEXT NOT NULL DEFAULT '[]',
    synced_at          TEXT NOT NULL,
    PRIMARY KEY (account_id, payment_date)
) WITHOUT ROWID;
