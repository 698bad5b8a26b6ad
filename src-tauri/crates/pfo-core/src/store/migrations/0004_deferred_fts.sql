-- 0004: the full-text index can be deferred during a bulk load and rebuilt once at its end.
-- Maintaining FTS5 row by row costs about 2.7 times the insert itself on a first sync of a long history (see
-- the SQLCipher floor measurements); a single 'rebuild' at the end is far cheaper. While `deferred` is 1 the
-- index is incomplete; the store rebuilds it before anything reads it (at the end of the load, or on the next
-- open after a crash).

CREATE TABLE fts_state (
    id       INTEGER PRIMARY KEY CHECK (id = 1),
    deferred INTEGER NOT NULL DEFAULT 0
);
INSERT INTO fts_state (id, deferred) VALUES (1, 0);

DROP TRIGGER transactions_fts_insert;
CREATE TRIGGER transactions_fts_insert AFTER INSERT ON transactions
WHEN (SELECT deferred FROM fts_state WHERE id = 1) = 0
BEGIN
    INSERT INTO transactions_fts (rowid, label, original_label) VALUES (new.id, new.label, new.original_label);
END;

DROP TRIGGER transactions_fts_update;
CREATE TRIGGER transactions_fts_update AFTER UPDATE OF label, original_label ON transactions
WHEN (SELECT deferred FROM fts_state WHERE id = 1) = 0
BEGIN
    INSERT INTO transactions_fts (transactions_fts, rowid, label, original_label)
    VALUES ('delete', old.id, old.label, old.original_label);
    INSERT INTO transactions_fts (rowid, label, original_label) VALUES (new.id, new.label, new.original_label);
END;
