//! The `market_orders` table: every buy and sale order the bank has reported, as last reported.

use super::amounts::optional_decimal;
use crate::domain::{AccountId, MarketOrderRecord, OrderDirection, OrderId};
use crate::error::{Error, Result};
use rusqlite::{named_params, Connection};
use rust_decimal::Decimal;

/// Upserts the orders the provider lists now (`(account row id, order)`); returns how many were new.
pub fn save(tx: &Connection, rows: &[(i64, MarketOrderRecord)]) -> Result<u32> {
    let mut exists = tx
        .prepare_cached("SELECT 1 FROM market_orders WHERE provider = :provider AND external_id = :id")
        .map_err(Error::storage("preparing the market order lookup"))?;
    let mut upsert = tx
        .prepare_cached(
            "INSERT INTO market_orders (provider, external_id, account_id, label, code, direction, order_type, state, currency,
                 placed_at, executed_at, quantity, amount, limit_price, execution_price, synced_at)
             VALUES (:provider, :id, :account, :label, :code, :direction, :type, :state, :currency, :placed, :executed,
                 :quantity, :amount, :limit, :price, :at)
             ON CONFLICT (provider, external_id) DO UPDATE SET account_id = excluded.account_id, label = excluded.label,
                 code = excluded.code, direction = excluded.direction, order_type = excluded.order_type,
                 state = excluded.state, currency = excluded.currency, placed_at = excluded.placed_at,
                 executed_at = excluded.executed_at, quantity = excluded.quantity, amount = excluded.amount,
                 limit_price = excluded.limit_price, execution_price = excluded.execution_price, synced_at = excluded.synced_at",
        )
        .map_err(Error::storage("preparing the market order write"))?;
    let text = |value: Option<Decimal>| value.map(|v| v.to_string());
    let mut new = 0;
    for (row, order) in rows {
        let (provider, external) = (order.id.provider(), order.id.external());
        let known = exists.exists(named_params! { ":provider": provider, ":id": external }).map_err(Error::storage("finding a market order"))?;
        new += u32::from(!known);
        upsert
            .execute(named_params! {
                ":provider": provider,
                ":id": external,
                ":account": row,
                ":label": order.label,
                ":code": order.code,
                ":direction": order.direction,
                ":type": order.order_type,
                ":state": order.state,
                ":currency": order.currency,
                ":placed": order.placed_at,
                ":executed": order.executed_at,
                ":quantity": text(order.quantity),
                ":amount": text(order.amount),
                ":limit": text(order.limit_price),
                ":price": text(order.execution_price),
                ":at": order.synced_at,
            })
            .map_err(Error::storage("saving a market order"))?;
    }
    Ok(new)
}

/// The orders of active accounts, newest first.
pub fn list(connection: &Connection) -> Result<Vec<MarketOrderRecord>> {
    let mut statement = connection
        .prepare_cached(
            "SELECT o.provider, o.external_id, a.provider, a.external_id, o.label, o.code, o.direction, o.order_type, o.state,
                 o.currency, o.placed_at, o.executed_at, o.quantity, o.amount, o.limit_price, o.execution_price, o.synced_at
             FROM market_orders o JOIN accounts a ON a.id = o.account_id WHERE a.status = 'active'
             ORDER BY o.placed_at DESC, o.external_id DESC",
        )
        .map_err(Error::storage("preparing the market order list"))?;
    let rows = statement
        .query_map([], |row| {
            Ok(MarketOrderRecord {
                id: OrderId::new(&row.get::<_, String>(0)?, &row.get::<_, String>(1)?),
                account_id: AccountId::new(&row.get::<_, String>(2)?, &row.get::<_, String>(3)?),
                label: row.get(4)?,
                code: row.get(5)?,
                direction: row.get::<_, Option<OrderDirection>>(6)?,
                order_type: row.get(7)?,
                state: row.get(8)?,
                currency: row.get(9)?,
                placed_at: row.get(10)?,
                executed_at: row.get(11)?,
                quantity: optional_decimal(row, 12)?,
                amount: optional_decimal(row, 13)?,
                limit_price: optional_decimal(row, 14)?,
                execution_price: optional_decimal(row, 15)?,
                synced_at: row.get(16)?,
            })
        })
        .map_err(Error::storage("listing market orders"))?;
    rows.collect::<rusqlite::Result<Vec<_>>>().map_err(Error::storage("reading market orders"))
}
