//! The views that follow the shares: for the household or one owner, each account with the part of it the view
//! holds, and net worth in the base currency, for the view and for every owner side by side.
//!
//! Pure: it takes the owners, the share sets, the accounts with their balances and the rates, and multiplies exact
//! decimals. Nothing is rounded here; the window and the CLI round once, to the cent, when they show a figure.

use super::lookthrough::{Holding, Structure};
use super::{structure_on, ShareSet};
use crate::domain::{AccountId, AccountType, Basis, BankAccountRecord, Currency, Owner, OwnerId, Share};
use crate::fx::RateTable;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// One account as a view sees it.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct AccountShare {
    /// The account.
    pub account_id: AccountId,
    /// Its name at the bank.
    pub name: String,
    /// The bank.
    pub institution: String,
    /// Checking, savings, loan… (the provider's code).
    #[ts(type = "string")]
    pub account_type: AccountType,
    /// Its currency.
    pub currency: Currency,
    /// The whole balance, when known.
    #[ts(type = "string | null")]
    #[schemars(with = "Option<String>")]
    pub balance: Option<Decimal>,
    /// The part the view holds, exact, between 0 and 1 (1 for the household).
    #[ts(type = "string")]
    #[schemars(with = "String")]
    #[serde(with = "rust_decimal::serde::str")]
    pub fraction: Decimal,
    /// `balance × fraction`, exact (unrounded).
    #[ts(type = "string | null")]
    #[schemars(with = "Option<String>")]
    pub share_balance: Option<Decimal>,
    /// Its direct owners on the view's day (the primary owner's whole when nobody assigned it).
    pub shares: Vec<Share>,
    /// Whether someone recorded its owners; `false`: "to assign", held by the primary owner meanwhile.
    pub assigned: bool,
}

/// One owner's net worth in the base currency.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct OwnerNetWorth {
    /// The owner.
    pub owner: OwnerId,
    /// What they hold, directly and through entities, exact; `null` when nothing of theirs can be converted.
    #[ts(type = "string | null")]
    #[schemars(with = "Option<String>")]
    pub net_worth: Option<Decimal>,
    /// Currencies of theirs with no rate to the base currency on the day (left out of `netWorth`).
    pub unconverted: Vec<Currency>,
}

/// What a view shows.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct HouseholdView {
    /// The owner whose view this is; `null`: the household's.
    pub view: Option<OwnerId>,
    /// Which rights count besides full ownership.
    pub basis: Basis,
    /// The day whose shares (and balances) are used.
    #[ts(type = "string")]
    pub as_of: NaiveDate,
    /// The currency net worth is reported in.
    pub base_currency: Currency,
    /// The accounts the view holds a part of (every active account for the household), bank then name.
    pub accounts: Vec<AccountShare>,
    /// Total per account currency of the view's parts, exact.
    pub totals: Vec<CurrencyAmount>,
    /// The view's net worth in the base currency, exact; `null` when nothing converts.
    #[ts(type = "string | null")]
    #[schemars(with = "Option<String>")]
    pub net_worth: Option<Decimal>,
    /// Currencies with no rate on the day, left out of `netWorth`.
    pub unconverted: Vec<Currency>,
    /// Every owner's net worth on the same day and basis (people first), so that views can be compared.
    pub by_owner: Vec<OwnerNetWorth>,
    /// Accounts nobody has assigned yet.
    pub to_assign: u32,
}

/// An exact amount in a currency.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct CurrencyAmount {
    /// The currency.
    pub currency: Currency,
    /// The amount, exact.
    #[ts(type = "string")]
    #[schemars(with = "String")]
    #[serde(with = "rust_decimal::serde::str")]
    pub amount: Decimal,
}

/// What [`compute`] reads.
#[derive(Debug)]
pub struct ViewInputs<'a> {
    /// Every owner.
    pub owners: &'a [Owner],
    /// Every share set ever recorded.
    pub sets: &'a [ShareSet],
    /// The active accounts.
    pub accounts: &'a [BankAccountRecord],
    /// Each account's balance on the day (absent: unknown).
    pub balances: &'a BTreeMap<AccountId, Decimal>,
    /// Rates to the base currency.
    pub rates: &'a RateTable,
    /// The base currency.
    pub base_currency: Currency,
}

/// The view of `viewer` (`None`: the household) on `day`.
pub fn compute(inputs: &ViewInputs<'_>, viewer: Option<&OwnerId>, day: NaiveDate, basis: Basis) -> HouseholdView {
    let structure = structure_on(inputs.owners, inputs.sets, day);
    let fraction_of = |owner: Option<&OwnerId>, account: &AccountId| match owner {
        None => Decimal::ONE,
        Some(owner) => structure.fraction(owner, &Holding::Account(account.clone()), basis),
    };
    let accounts: Vec<AccountShare> = inputs
        .accounts
        .iter()
        .map(|account| account_share(&structure, inputs, account, fraction_of(viewer, &account.id)))
        .filter(|share| viewer.is_none() || share.fraction > Decimal::ZERO)
        .collect();
    let (net_worth, unconverted) = in_base(inputs, day, accounts.iter().map(|a| (&a.currency, a.share_balance)));
    let mut totals: BTreeMap<&Currency, Decimal> = BTreeMap::new();
    for account in &accounts {
        *totals.entry(&account.currency).or_default() += account.share_balance.unwrap_or_default();
    }
    let by_owner = inputs
        .owners
        .iter()
        .map(|owner| {
            let parts = inputs.accounts.iter().map(|a| (&a.currency, inputs.balances.get(&a.id).map(|b| *b * fraction_of(Some(&owner.id), &a.id))));
            let (net_worth, unconverted) = in_base(inputs, day, parts);
            OwnerNetWorth { owner: owner.id.clone(), net_worth, unconverted }
        })
        .collect();
    HouseholdView {
        view: viewer.cloned(),
        basis,
        as_of: day,
        base_currency: inputs.base_currency.clone(),
        totals: totals.into_iter().map(|(currency, amount)| CurrencyAmount { currency: currency.clone(), amount }).collect(),
        to_assign: inputs.accounts.iter().filter(|a| !structure.is_assigned(&a.id)).count() as u32,
        accounts,
        net_worth,
        unconverted,
        by_owner,
    }
}

fn account_share(structure: &Structure, inputs: &ViewInputs<'_>, account: &BankAccountRecord, fraction: Decimal) -> AccountShare {
    let holding = Holding::Account(account.id.clone());
    let balance = inputs.balances.get(&account.id).copied();
    let shares = match structure.shares(&holding) {
        Some(shares) => shares.to_vec(),
        None => inputs
            .owners
            .iter()
            .filter(|o| o.primary)
            .map(|o| Share { owner: o.id.clone(), right: crate::domain::Right::Full, percent: Decimal::ONE_HUNDRED })
            .collect(),
    };
    AccountShare {
        account_id: account.id.clone(),
        name: account.name.clone(),
        institution: account.institution.clone(),
        account_type: account.account_type.clone(),
        currency: account.currency.clone(),
        balance,
        fraction,
        share_balance: balance.map(|b| b * fraction),
        shares,
        assigned: structure.is_assigned(&account.id),
    }
}

/// Sums amounts into the base currency at the day's rates; currencies without one are named, not guessed.
fn in_base<'a>(inputs: &ViewInputs<'_>, day: NaiveDate, parts: impl Iterator<Item = (&'a Currency, Option<Decimal>)>) -> (Option<Decimal>, Vec<Currency>) {
    let mut total: Option<Decimal> = None;
    let mut unconverted = BTreeSet::new();
    for (currency, amount) in parts {
        let Some(amount) = amount.filter(|a| !a.is_zero()) else { continue };
        match inputs.rates.rate_on(currency.as_str(), day) {
            Some((rate, _)) => *total.get_or_insert(Decimal::ZERO) += amount * rate,
            None => {
                unconverted.insert(currency.clone());
            }
        }
    }
    (total, unconverted.into_iter().collect())
}

#[cfg(test)]
mod tests;
