-- 0015: the alert centre's history: one row per time an alert was raised (by its key: its kind and subject), when
-- a refresh last found it, and when it cleared. At most one open row per key, so each alert is notified once.

CREATE TABLE alert_history (
    id            INTEGER PRIMARY KEY,
    key           TEXT NOT NULL,
    kind          TEXT NOT NULL,
    needs_action  INTEGER NOT NULL,
    message       TEXT NOT NULL,
    raised_at     TEXT NOT NULL,
    last_seen_at  TEXT NOT NULL,
    cleared_at    TEXT
);

CREATE UNIQUE INDEX alert_history_open ON alert_history (key) WHERE cleared_at IS NULL;
CREATE INDEX alert_history_by_time ON alert_history (raised_at DESC, id DESC);

-- When the bank itself last refreshed each balance read (the account's `last_update` at the read): a balance read
-- while a connection stood still is the bank's older figure, and the balance check must date it so.
ALTER TABLE account_balances ADD COLUMN bank_updated_at TEXT;
