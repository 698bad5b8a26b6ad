-- 0009: the effective category of a transaction, defined once. Every reader (the monthly aggregate's triggers and
-- rebuild, listings, the overview) uses `effective_category` rather than repeating its rule; the rules a household
-- writes will hook in here. A virtual generated column: computed when read, nothing stored twice.

ALTER TABLE transactions ADD COLUMN effective_category TEXT
    GENERATED ALWAYS AS (coalesce(category_parent, category, 'uncategorized')) VIRTUAL;

DROP TRIGGER transaction_months_insert;
DROP TRIGGER transaction_months_delete;
DROP TRIGGER transaction_months_update_old;
DROP TRIGGER transaction_months_update_new;

CREATE TRIGGER transaction_months_insert AFTER INSERT ON transactions
WHEN new.status = 'booked' AND (SELECT deferred FROM fts_state WHERE id = 1) = 0
BEGIN
    INSERT INTO transaction_months (account_id, month, parent, inflow_e4, outflow_e4, rows)
    VALUES (new.account_id, substr(new.booked_on, 1, 7), new.effective_category, max(new.amount_e4, 0), min(new.amount_e4, 0), 1)
    ON CONFLICT (account_id, month, parent) DO UPDATE SET
        inflow_e4 = inflow_e4 + excluded.inflow_e4, outflow_e4 = outflow_e4 + excluded.outflow_e4, rows = rows + 1;
END;

CREATE TRIGGER transaction_months_delete AFTER DELETE ON transactions
WHEN old.status = 'booked' AND (SELECT deferred FROM fts_state WHERE id = 1) = 0
BEGIN
    UPDATE transaction_months
    SET inflow_e4 = inflow_e4 - max(old.amount_e4, 0), outflow_e4 = outflow_e4 - min(old.amount_e4, 0), rows = rows - 1
    WHERE account_id = old.account_id AND month = substr(old.booked_on, 1, 7) AND parent = old.effective_category;
END;

CREATE TRIGGER transaction_months_update_old AFTER UPDATE OF status, booked_on, amount_e4, category, category_parent, account_id ON transactions
WHEN old.status = 'booked' AND (SELECT deferred FROM fts_state WHERE id = 1) = 0
BEGIN
    UPDATE transaction_months
    SET inflow_e4 = inflow_e4 - max(old.amount_e4, 0), outflow_e4 = outflow_e4 - min(old.amount_e4, 0), rows = rows - 1
    WHERE account_id = old.account_id AND month = substr(old.booked_on, 1, 7) AND parent = old.effective_category;
END;

CREATE TRIGGER transaction_months_update_new AFTER UPDATE OF status, booked_on, amount_e4, category, category_parent, account_id ON transactions
WHEN new.status = 'booked' AND (SELECT deferred FROM fts_state WHERE id = 1) = 0
BEGIN
    INSERT INTO transaction_months (account_id, month, parent, inflow_e4, outflow_e4, rows)
    VALUES (new.account_id, substr(new.booked_on, 1, 7), new.effective_category, max(new.amount_e4, 0), min(new.amount_e4, 0), 1)
    ON CONFLICT (account_id, month, parent) DO UPDATE SET
        inflow_e4 = inflow_e4 + excluded.inflow_e4, outflow_e4 = outflow_e4 + excluded.outflow_e4, rows = rows + 1;
END;
