-- 0007: booked money in and out per account, month and parent category, kept by triggers. The overview reads a
-- decade of history from here (tens of thousands of rows) instead of scanning every transaction (a million).
-- Like the full-text index, it is not maintained row by row during a first load (`fts_state.deferred = 1`) but
-- rebuilt once at its end, or on the next open after a crash.

CREATE TABLE transaction_months (
    account_id  INTEGER NOT NULL,
    month       TEXT NOT NULL,              -- YYYY-MM of booked_on
    parent      TEXT NOT NULL,              -- coalesce(category_parent, category, 'uncategorized')
    inflow_e4   INTEGER NOT NULL,           -- sum of positive amounts
    outflow_e4  INTEGER NOT NULL,           -- sum of negative amounts
    rows        INTEGER NOT NULL,
    PRIMARY KEY (account_id, month, parent)
) WITHOUT ROWID;

INSERT INTO transaction_months (account_id, month, parent, inflow_e4, outflow_e4, rows)
SELECT account_id, substr(booked_on, 1, 7), coalesce(category_parent, category, 'uncategorized'),
       sum(max(amount_e4, 0)), sum(min(amount_e4, 0)), count(*)
FROM transactions WHERE status = 'booked' GROUP BY 1, 2, 3;

CREATE TRIGGER transaction_months_insert AFTER INSERT ON transactions
WHEN new.status = 'booked' AND (SELECT deferred FROM fts_state WHERE id = 1) = 0
BEGIN
    INSERT INTO transaction_months (account_id, month, parent, inflow_e4, outflow_e4, rows)
    VALUES (new.account_id, substr(new.booked_on, 1, 7), coalesce(new.category_parent, new.category, 'uncategorized'),
            max(new.amount_e4, 0), min(new.amount_e4, 0), 1)
    ON CONFLICT (account_id, month, parent) DO UPDATE SET
        inflow_e4 = inflow_e4 + excluded.inflow_e4, outflow_e4 = outflow_e4 + excluded.outflow_e4, rows = rows + 1;
END;

CREATE TRIGGER transaction_months_delete AFTER DELETE ON transactions
WHEN old.status = 'booked' AND (SELECT deferred FROM fts_state WHERE id = 1) = 0
BEGIN
    UPDATE transaction_months
    SET inflow_e4 = inflow_e4 - max(old.amount_e4, 0), outflow_e4 = outflow_e4 - min(old.amount_e4, 0), rows = rows - 1
    WHERE account_id = old.account_id AND month = substr(old.booked_on, 1, 7)
      AND parent = coalesce(old.category_parent, old.category, 'uncategorized');
END;

CREATE TRIGGER transaction_months_update_old AFTER UPDATE OF status, booked_on, amount_e4, category, category_parent, account_id ON transactions
WHEN old.status = 'booked' AND (SELECT deferred FROM fts_state WHERE id = 1) = 0
BEGIN
    UPDATE transaction_months
    SET inflow_e4 = inflow_e4 - max(old.amount_e4, 0), outflow_e4 = outflow_e4 - min(old.amount_e4, 0), rows = rows - 1
    WHERE account_id = old.account_id AND month = substr(old.booked_on, 1, 7)
      AND parent = coalesce(old.category_parent, old.category, 'uncategorized');
END;

CREATE TRIGGER transaction_months_update_new AFTER UPDATE OF status, booked_on, amount_e4, category, category_parent, account_id ON transactions
WHEN new.status = 'booked' AND (SELECT deferred FROM fts_state WHERE id = 1) = 0
BEGIN
    INSERT INTO transaction_months (account_id, month, parent, inflow_e4, outflow_e4, rows)
    VALUES (new.account_id, substr(new.booked_on, 1, 7), coalesce(new.category_parent, new.category, 'uncategorized'),
            max(new.amount_e4, 0), min(new.amount_e4, 0), 1)
    ON CONFLICT (account_id, month, parent) DO UPDATE SET
        inflow_e4 = inflow_e4 + excluded.inflow_e4, outflow_e4 = outflow_e4 + excluded.outflow_e4, rows = rows + 1;
END;
