//! `openbanking.investments.sync`, `openbanking.investments.list` and `openbanking.investments.history`: the
//! positions of the household's investment accounts, what each is worth to the view, and each one's value history.

use crate::app::App;
use crate::domain::{AccountId, Basis, Currency, InvestmentPositionRecord, OwnerId, PositionId, PositionSnapshot, SyncCounts, Timestamp};
use crate::error::{Error, Result};
use crate::profile::Mode;
use crate::store::investments::{self, PositionFilter};
use crate::store::accounts;
use crate::wealth::performance::{position_returns, PositionValue};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Contract name of the investments sync.
pub const SYNC: &str = "openbanking.investments.sync";
/// Contract name of the positions listing.
pub const LIST: &str = "openbanking.investments.list";
/// Contract name of the market orders listing.
pub const ORDERS: &str = "openbanking.investments.orders";
/// Contract name of one position's history.
pub const HISTORY: &str = "openbanking.investments.history";

/// Input of `openbanking.investments.sync` (no options; unknown fields are refused).
#[derive(Debug, Clone, Default, Serialize, Deserialize, schemars::JsonSchema, ts_rs::TS)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
#[ts(export)]
pub struct InvestmentsSyncInput {}

/// Output of `openbanking.investments.sync`.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct InvestmentsSyncOutput {
    /// Demo or live data.
    pub mode: Mode,
    /// False when the provider's domain does not offer investments (nothing was read or changed).
    pub available: bool,
    /// What happened to the positions (`removed`: ended, sold or gone at the bank).
    pub positions: SyncCounts,
    /// Value-day snapshots written or refreshed.
    pub snapshots: u32,
    /// When the sync ran.
    pub synced_at: Timestamp,
}

/// Reads every position from the provider and stores it (see [`crate::sync::investments`]).
pub async fn sync(app: &App, _input: InvestmentsSyncInput) -> Result<InvestmentsSyncOutput> {
    crate::sync::investments::run(app).await
}

/// Input of `openbanking.investments.list`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, schemars::JsonSchema, ts_rs::TS)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
#[ts(export)]
pub struct InvestmentsListInput {
    /// Only these accounts; every investment account when empty.
    #[serde(default)]
    pub account_ids: Vec<AccountId>,
    /// Also the positions that ended (sold, or gone at the bank).
    #[serde(default)]
    pub include_ended: bool,
    /// Only the accounts this owner holds a part of today, each position counted at that part.
    #[serde(default)]
    pub view: Option<OwnerId>,
    /// Which rights the view counts besides full ownership; usufruct by default.
    #[serde(default)]
    pub basis: Option<Basis>,
}

/// One position with the view's part of it.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct PositionLine {
    /// The position as last synced.
    pub position: InvestmentPositionRecord,
    /// The part of its account the view holds, exact, 0 to 1 (1 for the household).
    #[ts(type = "string")]
    #[schemars(with = "String")]
    #[serde(with = "rust_decimal::serde::str")]
    pub fraction: Decimal,
    /// `valuation × fraction`, exact (unrounded); none while the bank has not valued it.
    #[ts(type = "string | null")]
    #[schemars(with = "Option<String>")]
    pub share_valuation: Option<Decimal>,
}

/// The held positions of one account, summed.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct PortfolioTotal {
    /// The account.
    pub account_id: AccountId,
    /// The currency of its figures.
    pub currency: Currency,
    /// Sum of its held positions' valuations, exact.
    #[ts(type = "string")]
    #[schemars(with = "String")]
    #[serde(with = "rust_decimal::serde::str")]
    pub valuation: Decimal,
    /// The view's part of it, exact.
    #[ts(type = "string")]
    #[schemars(with = "String")]
    #[serde(with = "rust_decimal::serde::str")]
    pub share_valuation: Decimal,
    /// Held positions.
    pub positions: u32,
    /// Held positions the bank has not valued (left out of the sums, never guessed).
    pub unvalued: u32,
}

/// Output of `openbanking.investments.list`.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct InvestmentsListOutput {
    /// Demo or live data.
    pub mode: Mode,
    /// The positions, by account then largest first (ended ones last, when asked for).
    pub positions: Vec<PositionLine>,
    /// Per account with positions, its held positions summed.
    pub portfolios: Vec<PortfolioTotal>,
}

/// Lists stored positions; never touches the network.
pub async fn list(app: &App, input: InvestmentsListInput) -> Result<InvestmentsListOutput> {
    let today = app.clock().now().date_naive();
    let (positions, shares) = app
        .store()
        .call(move |conn| {
            let keys = accounts::keys_by_id(conn, &input.account_ids)?;
            let basis = input.basis.unwrap_or(Basis::Usufruct);
            let view = crate::ops::household::view_on(conn, input.view.as_ref(), today, today, basis)?;
            let positions = investments::list(conn, &PositionFilter { accounts: keys, include_ended: input.include_ended })?;
            let shares: BTreeMap<AccountId, Decimal> = view.accounts.into_iter().map(|share| (share.account_id, share.fraction)).collect();
            Ok((positions, shares))
        })
        .await?;
    let positions: Vec<PositionLine> = positions
        .into_iter()
        .filter_map(|position| {
            let fraction = *shares.get(&position.account_id)?;
            (fraction > Decimal::ZERO).then(|| PositionLine { share_valuation: position.valuation.map(|v| v * fraction), fraction, position })
        })
        .collect();
    Ok(InvestmentsListOutput { mode: app.mode(), portfolios: portfolios(&positions), positions })
}

/// Each account's held positions, summed exactly, in the order the positions come.
fn portfolios(lines: &[PositionLine]) -> Vec<PortfolioTotal> {
    let mut totals: Vec<PortfolioTotal> = Vec::new();
    for line in lines.iter().filter(|l| l.position.ended_on.is_none()) {
        let position = &line.position;
        let index = match totals.iter().position(|t| t.account_id == position.account_id) {
            Some(index) => index,
            None => {
                totals.push(PortfolioTotal {
                    account_id: position.account_id.clone(),
                    currency: position.currency.clone(),
                    valuation: Decimal::ZERO,
                    share_valuation: Decimal::ZERO,
                    positions: 0,
                    unvalued: 0,
                });
                totals.len() - 1
            }
        };
        let total = &mut totals[index];
        total.positions += 1;
        match (position.valuation, line.share_valuation) {
            (Some(valuation), Some(share)) => {
                total.valuation += valuation;
                total.share_valuation += share;
            }
            _ => total.unvalued += 1,
        }
    }
    totals
}

/// Input of `openbanking.investments.history`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, schemars::JsonSchema, ts_rs::TS)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
#[ts(export)]
pub struct InvestmentHistoryInput {
    /// The position, as the listing gives it (`powens:…`).
    pub position_id: String,
}

/// Output of `openbanking.investments.history`.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct InvestmentHistoryOutput {
    /// One value per value day seen by a sync, oldest first.
    pub snapshots: Vec<PositionSnapshot>,
    /// Time- and money-weighted returns over the last month, the year to date, the last year and since the first
    /// value, from these values (units bought or sold inferred from the change in units); each says why when it
    /// cannot be computed.
    pub returns: Vec<crate::wealth::performance::PeriodReturn>,
}

/// One position's stored value days.
pub async fn history(app: &App, input: InvestmentHistoryInput) -> Result<InvestmentHistoryOutput> {
    let position = PositionId::parse("positionId", &input.position_id)?;
    let found = app.store().call({ let position = position.clone(); move |conn| investments::history(conn, &position) }).await?;
    match found {
        Some(snapshots) => {
            let values: Vec<PositionValue> = snapshots
                .iter()
                .map(|s| PositionValue { day: s.value_date, quantity: s.quantity, unit_value: s.unit_value, valuation: s.valuation })
                .collect();
            Ok(InvestmentHistoryOutput { returns: position_returns(&values), snapshots })
        }
        None => Err(Error::NotFound { what: format!("position {position}"), fix: "list the positions with `pfo investments list --json`" }),
    }
}

/// Output of `openbanking.investments.orders`.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct MarketOrdersOutput {
    /// Every order the bank has reported for the active accounts, newest first.
    pub orders: Vec<crate::domain::MarketOrderRecord>,
}

/// The stored market orders.
pub async fn orders(app: &App, _input: crate::ops::NoInput) -> Result<MarketOrdersOutput> {
    Ok(MarketOrdersOutput { orders: app.store().call(|conn| crate::store::market_orders::list(conn)).await? })
}
