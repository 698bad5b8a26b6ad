//! What the API serves now, account by account: each account's data as of its connection's data clock (the clock
//! while the connection is healthy and active, its last successful sync otherwise; see [`crate::consent`]), and as
//! of the moment it was disabled for an account disabled since start-up ("will not be synchronized anymore",
//! Powens' bank-accounts page). Also the connections' lives themselves, created on first use and settled at the
//! clock before anything reads them, and the `CONNECTION_SYNCED` webhooks for whatever a change let through.

use crate::consent::{Life, Status};
use crate::household::Connection;
use crate::ledger::Instant;
use crate::state::{format_instant, World};
use std::collections::HashMap;

impl World {
    /// Runs `f` on the life of `connection`, created on first use from the seeded state and consent, settled at the
    /// clock now.
    pub fn with_life<R>(&self, connection: &Connection, f: impl FnOnce(&mut Life, Instant) -> R) -> R {
        let now = self.now();
        let mut lives = self.lives.lock().expect("lives lock");
        let life = lives.entry(connection.id).or_insert_with(|| {
            // A seeded connection has synced since the sandbox's start; one added through the webview since now.
            let created = if self.household.connections.iter().any(|c| c.id == connection.id) { self.anchor() } else { now };
            let expire = connection
                .expire
                .as_deref()
                .and_then(|e| chrono::NaiveDateTime::parse_from_str(e, "%Y-%m-%d %H:%M:%S").ok())
                .map(crate::ledger::instant);
            Life::new(created, self.anchor(), connection.state.clone(), connection.error_message.clone(), expire)
        });
        life.settle(now);
        f(life, now)
    }

    /// Changes connection `id`'s life with `f` (any user's), then tells webhook receivers what the change let
    /// through. `None` when no such connection exists.
    pub fn change_life<R>(&self, id: i64, f: impl FnOnce(&mut Life, Instant) -> R) -> Option<R> {
        let connection = self.connection_by_id(id)?;
        let before = self.account_clocks();
        let answer = self.with_life(&connection, f);
        self.deliver_synced(&before, self.now());
        Some(answer)
    }

    /// A connection of any user, by id.
    pub fn connection_by_id(&self, id: i64) -> Option<Connection> {
        if let Some(seeded) = self.household.connections.iter().find(|c| c.id == id) {
            return Some(seeded.clone());
        }
        let overrides = self.overrides.lock().expect("overrides lock");
        overrides.added.iter().find(|(_, c, _)| c.id == id).map(|(_, c, _)| c.clone())
    }

    /// The connection as the API shows it now.
    pub fn connection_status(&self, connection: &Connection) -> Status {
        self.with_life(connection, |life, now| life.status(now))
    }

    /// The clock reading each seeded account's data is served at, by account index.
    pub fn account_clocks(&self) -> Vec<Instant> {
        let connections: HashMap<i64, Instant> =
            self.household.connections.iter().map(|c| (c.id, self.with_life(c, |life, now| life.data_clock(now)))).collect();
        let now = self.now();
        let overrides = self.overrides.lock().expect("overrides lock");
        self.household
            .accounts
            .iter()
            .map(|a| {
                let clock = connections.get(&a.id_connection).copied().unwrap_or(now);
                overrides.disabled_accounts.get(&a.id).map_or(clock, |at| clock.min(*at))
            })
            .collect()
    }

    /// The stand-stills of each seeded account's connection, by account index: what the bank did during one reached
    /// Powens when it ended ([`crate::consent::reached_powens_at`]).
    pub fn account_gaps(&self) -> Vec<Vec<(Instant, Instant)>> {
        let by_connection: HashMap<i64, Vec<(Instant, Instant)>> =
            self.household.connections.iter().map(|c| (c.id, self.with_life(c, |life, _| life.gaps().to_vec()))).collect();
        self.household.accounts.iter().map(|a| by_connection.get(&a.id_connection).cloned().unwrap_or_default()).collect()
    }

    /// The clock reading account `account_id`'s data is served at (the clock for an unknown account).
    pub fn account_clock(&self, account_id: i64) -> Instant {
        if let Some(index) = self.household.accounts.iter().position(|a| a.id == account_id) {
            return self.account_clocks()[index];
        }
        let connection = {
            let overrides = self.overrides.lock().expect("overrides lock");
            overrides.added.iter().find(|(_, _, accounts)| accounts.iter().any(|a| a.id == account_id)).map(|(_, c, _)| c.clone())
        };
        match connection {
            Some(connection) => self.with_life(&connection, |life, now| life.data_clock(now)),
            None => self.now(),
        }
    }

    /// The distinct clocks of the seeded accounts, each with the Powens ids of the accounts served at it.
    fn accounts_by_clock(&self) -> Vec<(Instant, Vec<i64>)> {
        let mut groups: Vec<(Instant, Vec<i64>)> = Vec::new();
        for (account, clock) in self.household.accounts.iter().zip(self.account_clocks()) {
            match groups.iter_mut().find(|(at, _)| *at == clock) {
                Some((_, ids)) => ids.push(account.id),
                None => groups.push((clock, vec![account.id])),
            }
        }
        groups
    }

    /// Every investment as served now, in id order (sold ones included, with `deleted` set).
    pub fn served_positions(&self) -> Vec<crate::portfolio::PositionTruth> {
        let mut positions: Vec<_> = self
            .accounts_by_clock()
            .into_iter()
            .flat_map(|(clock, ids)| self.portfolio.positions_at(clock).into_iter().filter(move |p| ids.contains(&p.account_id)))
            .collect();
        positions.sort_by_key(|p| p.id);
        positions
    }

    /// The investments of one account as served now.
    pub fn served_account_positions(&self, account_id: i64) -> Vec<crate::portfolio::PositionTruth> {
        self.portfolio.account_positions(account_id, self.account_clock(account_id))
    }

    /// Every market order as served now, by id.
    pub fn served_orders(&self) -> Vec<crate::portfolio::MarketOrderTruth> {
        let mut orders: Vec<_> = self
            .accounts_by_clock()
            .into_iter()
            .flat_map(|(clock, ids)| self.portfolio.orders_at(clock).into_iter().filter(move |o| ids.contains(&o.account_id)))
            .collect();
        orders.sort_by_key(|o| o.id);
        orders
    }

    /// The unit values of investment `id` as served now, newest first.
    pub fn served_history(&self, id: i64) -> Vec<(chrono::NaiveDate, i64)> {
        let clock = self.portfolio.positions_at(self.now()).iter().find(|p| p.id == id).map_or(self.now(), |p| self.account_clock(p.account_id));
        self.portfolio.history(id, clock)
    }

    /// The mortgage's amortizations as served now.
    pub fn served_amortizations(&self) -> Vec<crate::loan::AmortizationTruth> {
        match &self.mortgage {
            Some((index, schedule)) => {
                let account = self.household.accounts[*index].id;
                crate::loan::amortizations_at(account, schedule, self.anchor(), self.account_clock(account))
            }
            None => Vec::new(),
        }
    }

    /// Tells `CONNECTION_SYNCED` receivers, per connection, the transactions that became visible between the
    /// account clocks `before` and now: the clock moved, or a connection came back and delivered its gap.
    pub fn deliver_synced(&self, before: &[Instant], now: Instant) {
        let subscriptions = self.overrides.lock().expect("overrides lock").webhooks.clone();
        if subscriptions.iter().all(|s| s.event != "CONNECTION_SYNCED") {
            return;
        }
        let after = self.account_clocks();
        let gaps = self.account_gaps();
        for connection in &self.household.connections {
            let new: Vec<&crate::ledger::Txn> = self
                .ledger
                .txns
                .iter()
                .filter(|t| {
                    let index = t.account as usize;
                    self.household.accounts[index].id_connection == connection.id && t.appears_at > before[index] && t.appears_at <= after[index]
                })
                .collect();
            if new.is_empty() {
                continue;
            }
            let accounts: Vec<serde_json::Value> = self
                .household
                .accounts
                .iter()
                .enumerate()
                .filter(|(_, a)| a.id_connection == connection.id && !self.account_disabled(a))
                .map(|(index, a)| {
                    let transactions: Vec<serde_json::Value> = new
                        .iter()
                        .filter(|t| t.account as usize == index)
                        .map(|t| serde_json::to_value(crate::wire::transaction(self, t, 1, after[index], &gaps[index])).expect("transactions serialize"))
                        .collect();
                    serde_json::json!({ "id": a.id, "id_connection": connection.id, "currency": { "id": a.currency.code }, "transactions": transactions })
                })
                .collect();
            let status = self.connection_status(connection);
            let payload = serde_json::json!({
                "user": { "id": 1 },
                "connection": {
                    "id": connection.id,
                    "state": status.state,
                    "last_update": format_instant(status.last_update.min(now)),
                    "active": status.active,
                    "accounts": accounts,
                },
            });
            crate::webhooks::deliver(&subscriptions, "CONNECTION_SYNCED", payload);
        }
    }
}
