-- 0013: the buy and sale orders of the investment accounts (Powens' market orders), kept as the bank last reported
-- each one; an order the bank no longer lists stays, so executed orders remain the positions' dated flows.

CREATE TABLE market_orders (
    provider         TEXT NOT NULL,
    external_id      TEXT NOT NULL,
    account_id       INTEGER NOT NULL REFERENCES accounts (id),
    label            TEXT NOT NULL,
    code             TEXT,
    direction        TEXT CHECK (direction IN ('buy', 'sale')),
    order_type       TEXT,
    state            TEXT,
    currency         TEXT NOT NULL,
    placed_at        TEXT,
    executed_at      TEXT,
    quantity         TEXT,
    amount           TEXT,
    limit_price      TEXT,
    execution_price  TEXT,
    synced_at        TEXT NOT NULL,
    PRIMARY KEY (provider, external_id)
) WITHOUT ROWID;

CREATE INDEX market_orders_by_account ON market_orders (account_id, placed_at);
