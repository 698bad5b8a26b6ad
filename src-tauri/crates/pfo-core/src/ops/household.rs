//! Operations on the household's structure: owners, who owns each account and entity from which day, the bank's
//! ownership proposals, and the views that follow the shares (the rules: [`crate::household`]).

use crate::app::App;
use crate::domain::{check_shares, AccountId, AccountStatus, Basis, Currency, Owner, OwnerId, OwnerKind, OwnerRole, Share};
use crate::error::{Error, Result};
use crate::household::chart::{self, StructureChart};
use crate::household::fractions::ViewFractions;
use crate::household::lookthrough::Holding;
use crate::household::proposals::{propose, OwnershipProposal};
use crate::household::view::{compute, HouseholdView, ViewInputs};
use crate::household::{structure_ever, ProposalStatus, ShareSet};
use crate::ops::NoInput;
use crate::store::owners::OwnerFields;
use crate::store::{accounts, balances, owners, ownership, rates};
use chrono::NaiveDate;
use rusqlite::Connection;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Colours given to owners in turn when none is chosen (distinct in light and dark themes).
const PALETTE: [&str; 8] = ["#2f6fb0", "#c0603a", "#3f8f5a", "#8a5bb0", "#b08a2f", "#2f9fa0", "#b04a6f", "#6f7a86"];

/// `pfo.owners.list`: every owner, the primary one first, then people, then entities.
pub async fn list_owners(app: &App, _: NoInput) -> Result<Vec<Owner>> {
    app.store().call(|conn| owners::list(conn)).await
}

/// Input of `pfo.owners.add`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, schemars::JsonSchema, ts_rs::TS)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
#[ts(export)]
pub struct OwnerAddInput {
    /// A first name, or an entity's name.
    pub name: String,
    /// What the owner is (`principal`, `spouse`, `child`, `holding`, `sci`, …).
    pub role: Option<OwnerRole>,
    /// Reporting currency; the household's base currency by default.
    #[serde(default)]
    pub base_currency: Option<String>,
    /// `#rrggbb`; one of the palette's by default.
    #[serde(default)]
    pub colour: Option<String>,
}

/// `pfo.owners.add`: the first owner added becomes the primary one.
pub async fn add_owner(app: &App, input: OwnerAddInput) -> Result<Owner> {
    let now = app.clock().timestamp();
    app.store()
        .call(move |conn| {
            let count = owners::list(conn)?.len();
            let role = input.role.ok_or_else(|| Error::InvalidInput { field: "role".into(), reason: role_hint() })?;
            let fields = OwnerFields {
                name: checked_name(&input.name)?,
                role,
                base_currency: currency_or_base(conn, input.base_currency.as_deref())?,
                colour: checked_colour(input.colour.as_deref(), count)?,
            };
            owners::insert(conn, &fields, now)
        })
        .await
}

/// Input of `pfo.owners.edit`: the fields to change.
#[derive(Debug, Clone, Default, Serialize, Deserialize, schemars::JsonSchema, ts_rs::TS)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
#[ts(export)]
pub struct OwnerEditInput {
    /// The owner.
    pub id: Option<OwnerId>,
    /// New name.
    #[serde(default)]
    pub name: Option<String>,
    /// New role (a person cannot become an entity while it holds shares as a person, nor the reverse).
    #[serde(default)]
    pub role: Option<OwnerRole>,
    /// New reporting currency.
    #[serde(default)]
    pub base_currency: Option<String>,
    /// New colour.
    #[serde(default)]
    pub colour: Option<String>,
    /// `true` makes this owner the primary one.
    #[serde(default)]
    pub primary: bool,
}

/// `pfo.owners.edit`.
pub async fn edit_owner(app: &App, input: OwnerEditInput) -> Result<Owner> {
    app.store()
        .call(move |conn| {
            let id = input.id.clone().ok_or_else(|| Error::InvalidInput { field: "id".into(), reason: "name the owner to edit, e.g. `o2`".into() })?;
            let current = owners::get(conn, &id)?;
            let role = input.role.unwrap_or(current.role);
            if role.kind() != current.kind && is_owned_entity(conn, &id)? {
                return Err(Error::InvalidInput {
                    field: "role".into(),
                    reason: format!("{id} is an entity with owners recorded; remove its share sets before making it a person"),
                });
            }
            let fields = OwnerFields {
                name: match &input.name {
                    Some(name) => checked_name(name)?,
                    None => current.name,
                },
                role,
                base_currency: match &input.base_currency {
                    Some(code) => Currency::parse("baseCurrency", code)?,
                    None => current.base_currency,
                },
                colour: match &input.colour {
                    Some(colour) => checked_colour(Some(colour), 0)?,
                    None => current.colour,
                },
            };
            crate::store::with_tx(conn, |tx| {
                owners::update(tx, &id, &fields)?;
                if input.primary {
                    owners::make_primary(tx, &id)?;
                }
                owners::get(tx, &id)
            })
        })
        .await
}

/// Input of `pfo.owners.remove`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, schemars::JsonSchema, ts_rs::TS)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
#[ts(export)]
pub struct OwnerRemoveInput {
    /// The owner.
    pub id: Option<OwnerId>,
}

/// `pfo.owners.remove`: only an owner that holds no share, past or present, and is not the primary one while
/// others remain; history is never rewritten.
pub async fn remove_owner(app: &App, input: OwnerRemoveInput) -> Result<bool> {
    app.store()
        .call(move |conn| {
            let id = input.id.ok_or_else(|| Error::InvalidInput { field: "id".into(), reason: "name the owner to remove, e.g. `o2`".into() })?;
            let owner = owners::get(conn, &id)?;
            if owners::share_count(conn, &id)? > 0 || is_owned_entity(conn, &id)? {
                return Err(Error::InvalidInput {
                    field: "id".into(),
                    reason: format!("{id} appears in the ownership history; it stays so that past views remain true (rename it instead)"),
                });
            }
            if owner.primary && owners::list(conn)?.len() > 1 {
                return Err(Error::InvalidInput { field: "id".into(), reason: format!("{id} is the primary owner; make another owner primary first") });
            }
            owners::delete(conn, &id)?;
            Ok(true)
        })
        .await
}

/// Input of `pfo.ownership.set`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, schemars::JsonSchema, ts_rs::TS)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
#[ts(export)]
pub struct OwnershipSetInput {
    /// The account or entity owned.
    pub holding: Option<Holding>,
    /// Its owners, adding up to 100 % in each view.
    pub shares: Vec<Share>,
    /// First day in force (`YYYY-MM-DD`); from the start when absent. Earlier sets stay as history.
    #[serde(default, with = "crate::domain::input_optional_day")]
    #[schemars(with = "Option<NaiveDate>")]
    #[ts(type = "string | null")]
    pub from: Option<NaiveDate>,
}

/// `pfo.ownership.set`: records who owns an account or an entity from a day on.
pub async fn set_ownership(app: &App, input: OwnershipSetInput) -> Result<ShareSet> {
    let now = app.clock().timestamp();
    app.store().call(move |conn| crate::store::with_tx(conn, |tx| record_shares(tx, input, now))).await
}

/// Checks and records one share set (the holding exists, every owner exists, 100 % per view, no entity owning
/// itself on any day), inside the caller's transaction.
fn record_shares(conn: &Connection, input: OwnershipSetInput, now: crate::domain::Timestamp) -> Result<ShareSet> {
    let holding = input.holding.ok_or_else(|| Error::InvalidInput { field: "holding".into(), reason: "say what is owned: an account id or an entity's owner id".into() })?;
    check_shares(&input.shares)?;
    let all_owners = owners::list(conn)?;
    for share in &input.shares {
        if !all_owners.iter().any(|o| o.id == share.owner) {
            return Err(Error::NotFound { what: format!("owner {}", share.owner), fix: "list the owners with `pfo owners list` (or the Ownership screen)" });
        }
    }
    match &holding {
        Holding::Account(account) => match accounts::row_ids(conn, std::slice::from_ref(account)) {
            Err(Error::InvalidInput { .. }) => {
                return Err(Error::NotFound { what: format!("account {account}"), fix: "list the accounts with `pfo accounts list` (sync first if it is new)" })
            }
            other => {
                other?;
            }
        },
        Holding::Entity(entity) => {
            if owners::get(conn, entity)?.kind != OwnerKind::Entity {
                return Err(Error::InvalidInput { field: "holding".into(), reason: format!("{entity} is a person; only accounts and entities have owners") });
            }
        }
    }
    let mut sets = ownership::all_sets(conn)?;
    sets.push(ShareSet { holding: holding.clone(), effective_from: input.from, recorded_at: now, shares: input.shares.clone() });
    structure_ever(&all_owners, &sets).check_acyclic()?;
    ownership::record(conn, &holding, input.from, &input.shares, now)
}

/// What `pfo.ownership.get` answers.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct OwnershipOverview {
    /// Every owner.
    pub owners: Vec<Owner>,
    /// Every share set ever recorded (the history), per holding oldest first.
    pub sets: Vec<ShareSet>,
    /// What the banks report about who holds each account.
    pub proposals: Vec<OwnershipProposal>,
}

/// `pfo.ownership.get`: owners, the history of share sets, and the banks' proposals.
pub async fn ownership_overview(app: &App, _: NoInput) -> Result<OwnershipOverview> {
    app.store()
        .call(|conn| {
            let owners = owners::list(conn)?;
            let sets = ownership::all_sets(conn)?;
            let proposals = ownership::proposals(conn)?
                .into_iter()
                .map(|p| propose(p.account, p.usage, p.parties, p.status, p.received_at, &owners))
                .collect();
            Ok(OwnershipOverview { owners, sets, proposals })
        })
        .await
}

/// Input of `pfo.ownership.accept-proposal` and `pfo.ownership.dismiss-proposal`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, schemars::JsonSchema, ts_rs::TS)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
#[ts(export)]
pub struct ProposalInput {
    /// The account the bank's proposal is about.
    pub account_id: Option<AccountId>,
}

/// `pfo.ownership.accept-proposal`: records the proposed shares as the account's ownership from the start. Only a
/// complete proposal (every holder matched to an owner) can be accepted; otherwise add or rename owners first.
pub async fn accept_proposal(app: &App, input: ProposalInput) -> Result<ShareSet> {
    let now = app.clock().timestamp();
    app.store()
        .call(move |conn| {
            let account = input.account_id.ok_or_else(|| Error::InvalidInput { field: "accountId".into(), reason: "name the account, e.g. `powens:1001`".into() })?;
            let owners = owners::list(conn)?;
            let stored = ownership::proposals(conn)?
                .into_iter()
                .find(|p| p.account == account)
                .ok_or_else(|| Error::NotFound { what: format!("an ownership proposal for {account}"), fix: "the bank has reported no holder for that account; set its owners by hand" })?;
            let proposal = propose(stored.account, stored.usage, stored.parties, stored.status, stored.received_at, &owners);
            if !proposal.complete {
                return Err(Error::InvalidInput {
                    field: "accountId".into(),
                    reason: format!("the bank names holders of {account} that match no owner; add them as owners (or set the shares by hand), then accept"),
                });
            }
            let shares = proposal.shares.iter().filter_map(|s| Some(Share { owner: s.owner.clone()?, right: crate::domain::Right::Full, percent: s.percent })).collect();
            // The shares and the proposal's new status land together or not at all.
            crate::store::with_tx(conn, |tx| {
                let set = record_shares(tx, OwnershipSetInput { holding: Some(Holding::Account(account.clone())), shares, from: None }, now)?;
                ownership::settle(tx, &account, ProposalStatus::Accepted)?;
                Ok(set)
            })
        })
        .await
}

/// `pfo.ownership.dismiss-proposal`: sets a proposal aside (it returns only if the bank's parties change).
pub async fn dismiss_proposal(app: &App, input: ProposalInput) -> Result<bool> {
    app.store()
        .call(move |conn| {
            let account = input.account_id.ok_or_else(|| Error::InvalidInput { field: "accountId".into(), reason: "name the account, e.g. `powens:1001`".into() })?;
            ownership::settle(conn, &account, ProposalStatus::Dismissed)?;
            Ok(true)
        })
        .await
}

/// Input of `pfo.household.view`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, schemars::JsonSchema, ts_rs::TS)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
#[ts(export)]
pub struct HouseholdViewInput {
    /// The owner whose view it is; the household's when absent.
    #[serde(default)]
    pub view: Option<OwnerId>,
    /// The day (`YYYY-MM-DD`): its shares, and its balances (the latest snapshot by its end); today by default.
    #[serde(default, with = "crate::domain::input_optional_day")]
    #[schemars(with = "Option<NaiveDate>")]
    #[ts(type = "string | null")]
    pub as_of: Option<NaiveDate>,
    /// Which rights count besides full ownership; usufruct by default.
    #[serde(default)]
    pub basis: Option<Basis>,
}

/// `pfo.household.view`: the accounts and net worth of the household or of one owner, and every owner's net worth.
pub async fn household_view(app: &App, input: HouseholdViewInput) -> Result<HouseholdView> {
    let today = app.clock().now().date_naive();
    app.store().call(move |conn| view_on(conn, input.view.as_ref(), input.as_of.unwrap_or(today), today, input.basis.unwrap_or(Basis::Usufruct))).await
}

/// The view of `viewer` on `day`; balances are today's stored ones, or for a past day its last snapshot.
pub fn view_on(conn: &Connection, viewer: Option<&OwnerId>, day: NaiveDate, today: NaiveDate, basis: Basis) -> Result<HouseholdView> {
    let all_owners = owners::list(conn)?;
    if let Some(viewer) = viewer {
        owners::get(conn, viewer)?;
    }
    let sets = ownership::all_sets(conn)?;
    let active: Vec<_> = accounts::list(conn, false)?.into_iter().filter(|a| a.status == AccountStatus::Active).collect();
    let balances: BTreeMap<AccountId, Decimal> = if day >= today {
        active.iter().filter_map(|a| Some((a.id.clone(), a.balance?))).collect()
    } else {
        let end = day.and_hms_opt(23, 59, 59).unwrap_or_default().and_utc();
        balances::current_by(conn, end.into())?.into_iter().map(|b| (b.account_id, b.amount)).collect()
    };
    let base = rates::base_currency(conn)?;
    let table = crate::fx::RateTable::new(&base, &rates::list_rates(conn)?);
    let inputs = ViewInputs { owners: &all_owners, sets: &sets, accounts: &active, balances: &balances, rates: &table, base_currency: Currency::parse("baseCurrency", &base)? };
    Ok(compute(&inputs, viewer, day, basis))
}

/// Input of `pfo.ownership.chart`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, schemars::JsonSchema, ts_rs::TS)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
#[ts(export)]
pub struct OwnershipChartInput {
    /// The day whose shares are drawn (`YYYY-MM-DD`); today by default.
    #[serde(default, with = "crate::domain::input_optional_day")]
    #[schemars(with = "Option<NaiveDate>")]
    #[ts(type = "string | null")]
    pub as_of: Option<NaiveDate>,
    /// `en` (default) or `fr`.
    #[serde(default)]
    pub locale: Option<String>,
    /// `light` (default) or `dark`.
    #[serde(default)]
    pub theme: Option<crate::overview::charts::Theme>,
}

/// `pfo.ownership.chart`: the structure in force on the day, drawn by the core like every other chart.
pub async fn ownership_chart(app: &App, input: OwnershipChartInput) -> Result<StructureChart> {
    let day = input.as_of.unwrap_or_else(|| app.clock().now().date_naive());
    let locale = input.locale.as_deref().map(crate::overview::charts::Locale::parse).transpose()?.unwrap_or(crate::overview::charts::Locale::En);
    let theme = input.theme.unwrap_or(crate::overview::charts::Theme::Light);
    let (all_owners, sets) = app.store().call(|conn| Ok((owners::list(conn)?, ownership::all_sets(conn)?))).await?;
    chart::draw(&all_owners, &crate::household::structure_on(&all_owners, &sets, day), locale, theme)
}

/// An owner's fractions of every account (of any status) through time; refuses an owner that does not exist.
pub fn view_fractions(conn: &Connection, viewer: &OwnerId, basis: Basis) -> Result<ViewFractions> {
    owners::get(conn, viewer)?;
    let ids: Vec<AccountId> = accounts::list(conn, true)?.into_iter().map(|a| a.id).collect();
    Ok(ViewFractions::new(&owners::list(conn)?, &ownership::all_sets(conn)?, &ids, viewer, basis))
}

/// The accounts (of any status) of which `viewer` holds a part on some day, for filters that follow a view.
pub fn accounts_held(conn: &Connection, viewer: &OwnerId, basis: Basis) -> Result<Vec<AccountId>> {
    let fractions = view_fractions(conn, viewer, basis)?;
    Ok(accounts::list(conn, true)?.into_iter().map(|a| a.id).filter(|id| fractions.held_between(id, NaiveDate::MIN, NaiveDate::MAX)).collect())
}

/// Narrows an account filter (empty: every account) to the accounts a view holds; `None` when nothing is left,
/// so that an empty filter is never mistaken for "all".
pub fn narrow_to_view(conn: &Connection, chosen: Vec<AccountId>, view: Option<&OwnerId>, basis: Basis) -> Result<Option<Vec<AccountId>>> {
    let Some(viewer) = view else { return Ok(Some(chosen)) };
    let held = accounts_held(conn, viewer, basis)?;
    let narrowed: Vec<AccountId> = if chosen.is_empty() { held } else { chosen.into_iter().filter(|a| held.contains(a)).collect() };
    Ok((!narrowed.is_empty()).then_some(narrowed))
}

fn is_owned_entity(conn: &Connection, id: &OwnerId) -> Result<bool> {
    Ok(ownership::all_sets(conn)?.iter().any(|s| s.holding == Holding::Entity(id.clone())))
}

fn role_hint() -> String {
    let roles: Vec<&str> = OwnerRole::ALL.iter().map(|r| r.as_str()).collect();
    format!("give the owner's role, one of {}", roles.join(", "))
}

fn checked_name(name: &str) -> Result<String> {
    let name = name.trim();
    match name.chars().count() {
        0 => Err(Error::InvalidInput { field: "name".into(), reason: "give a name (a first name is enough)".into() }),
        1..=80 => Ok(name.to_string()),
        _ => Err(Error::InvalidInput { field: "name".into(), reason: "must be at most 80 characters".into() }),
    }
}

fn checked_colour(colour: Option<&str>, index: usize) -> Result<String> {
    match colour.map(str::trim) {
        None | Some("") => Ok(PALETTE[index % PALETTE.len()].to_string()),
        Some(c) if c.len() == 7 && c.starts_with('#') && c[1..].bytes().all(|b| b.is_ascii_hexdigit()) => Ok(c.to_ascii_lowercase()),
        Some(c) => Err(Error::InvalidInput { field: "colour".into(), reason: format!("`{c}` is not a colour; use #rrggbb, e.g. #2f6fb0") }),
    }
}

fn currency_or_base(conn: &Connection, code: Option<&str>) -> Result<Currency> {
    match code.map(str::trim).filter(|c| !c.is_empty()) {
        Some(code) => Currency::parse("baseCurrency", code),
        None => Currency::parse("baseCurrency", &rates::base_currency(conn)?),
    }
}
