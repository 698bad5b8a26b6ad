-- 0008: the webhook deliveries already accepted, by Powens' `id_webhook_data`, so that a captured delivery replayed
-- within the signature's freshness window is refused too (and a restart does not forget them). Pruned past the
-- window.

CREATE TABLE webhook_deliveries (
    id_webhook_data  INTEGER PRIMARY KEY,
    received_at      TEXT NOT NULL          -- RFC 3339, UTC
);

CREATE INDEX webhook_deliveries_by_age ON webhook_deliveries (received_at);
