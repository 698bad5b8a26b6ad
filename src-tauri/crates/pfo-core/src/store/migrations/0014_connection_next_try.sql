-- 0014: when Powens next tries to sync a connection by itself (`next_try`), shown beside its state so the household
-- knows whether waiting fixes it.

ALTER TABLE connections ADD COLUMN next_try TEXT;
