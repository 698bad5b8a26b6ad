-- 0006: a read-only view of the full-text index's terms with the number of rows holding each, so that a search can
-- tell a frequent word (walk the date index, check each row against the matches) from a rare one (read the
-- matches, then sort them). It stores nothing of its own.

CREATE VIRTUAL TABLE transactions_fts_terms USING fts5vocab(transactions_fts, row);
