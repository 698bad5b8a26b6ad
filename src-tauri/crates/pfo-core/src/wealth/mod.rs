//! The balance sheet (`pfo.wealth.get`): the household's or one owner's net worth broken down by asset class, by
//! currency exposure and by account, with the holdings rolled up across accounts by ISIN and the quality of each
//! figure stated. [`compute`] is pure; [`get`] reads what it needs from the store.
//!
//! An account is worth its balance, as on every other screen. When its positions are known they give its
//! composition, and the balance beside them is stated as a line of its own: the account's cash when the balance
//! is larger, a gap when the positions are valued above the balance the bank reports (their prices moved since).
//! So every breakdown adds up exactly to the net worth, and nothing is hidden or guessed. Amounts are exact; a
//! view counts each account and position at the owner's look-through part; currencies without a rate to the base
//! currency are named and left out of the base-currency totals, never converted at a made-up rate.

pub mod classes;
pub mod performance;

use crate::domain::{AccountId, Basis, Currency, InvestmentPositionRecord, OwnerId, PositionId};
use crate::fx::RateTable;
use crate::household::view::AccountShare;
use chrono::NaiveDate;
use classes::{AssetClass, ClassEvidence};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A position whose value is older than this is marked stale.
pub const STALE_AFTER_DAYS: i64 = 7;

/// Input of `pfo.wealth.get`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, schemars::JsonSchema, ts_rs::TS)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
#[ts(export)]
pub struct WealthInput {
    /// Whose balance sheet: an owner's id, or the household's when absent.
    #[serde(default)]
    pub view: Option<OwnerId>,
    /// Which rights the view counts besides full ownership; usufruct by default.
    #[serde(default)]
    pub basis: Option<Basis>,
}

/// An amount of one class, currency or account in the base currency, with its part of the gross assets.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ClassTotal {
    /// The class.
    pub class: AssetClass,
    /// Its amount in the base currency, exact (negative for liabilities).
    #[ts(type = "string")]
    #[schemars(with = "String")]
    #[serde(with = "rust_decimal::serde::str")]
    pub amount: Decimal,
}

/// Exposure to one currency, in the base currency.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct CurrencyExposure {
    /// The currency the value moves with (a foreign security's own, otherwise its account's).
    pub currency: Currency,
    /// Its amount in the base currency, exact.
    #[ts(type = "string")]
    #[schemars(with = "String")]
    #[serde(with = "rust_decimal::serde::str")]
    pub amount: Decimal,
}

/// One line of an account's composition.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct CompositionLine {
    /// The class it counts in.
    pub class: AssetClass,
    /// What the class was decided from.
    pub evidence: ClassEvidence,
    /// The position, when the line is one (none for the balance beside the positions, or a whole account).
    pub position_id: Option<PositionId>,
    /// The view's part of it, in the account's currency, exact.
    #[ts(type = "string")]
    #[schemars(with = "String")]
    #[serde(with = "rust_decimal::serde::str")]
    pub amount: Decimal,
}

/// One account on the balance sheet.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct WealthAccount {
    /// The account.
    pub account_id: AccountId,
    /// Its currency.
    pub currency: Currency,
    /// The view's part of its balance, exact; none when the bank gave no balance.
    #[ts(type = "string | null")]
    #[schemars(with = "Option<String>")]
    pub value: Option<Decimal>,
    /// The same in the base currency; none without a balance or a rate.
    #[ts(type = "string | null")]
    #[schemars(with = "Option<String>")]
    pub value_in_base: Option<Decimal>,
    /// What it is made of, adding up to `value`.
    pub composition: Vec<CompositionLine>,
}

/// The part of a rolled-up holding in one account.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct HoldingPart {
    /// The position.
    pub position_id: PositionId,
    /// Its account.
    pub account_id: AccountId,
    /// The account's currency.
    pub currency: Currency,
    /// The view's part of the position's value, exact.
    #[ts(type = "string")]
    #[schemars(with = "String")]
    #[serde(with = "rust_decimal::serde::str")]
    pub valuation: Decimal,
    /// The view's part of its gain as the bank reports it, exact.
    #[ts(type = "string | null")]
    #[schemars(with = "Option<String>")]
    pub gain: Option<Decimal>,
    /// The day of its value.
    #[ts(type = "string | null")]
    #[schemars(with = "Option<String>")]
    pub value_date: Option<NaiveDate>,
    /// Its value is older than [`STALE_AFTER_DAYS`].
    pub stale: bool,
    /// Figures the provider computed rather than read from the bank.
    pub calculated: Vec<String>,
}

/// A security held in one or several accounts, rolled up by ISIN (or one position without one). Named
/// `WealthHolding` across the bindings: `Holding` is what an ownership share set is of.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export, rename = "WealthHolding")]
#[schemars(rename = "WealthHolding")]
pub struct Holding {
    /// The ISIN or AMF code; none for a line without one (it then stands alone).
    pub code: Option<String>,
    /// The name of its largest part.
    pub label: String,
    /// Its class.
    pub class: AssetClass,
    /// What the class was decided from.
    pub evidence: ClassEvidence,
    /// Its value in the base currency, exact; none when a part has no rate.
    #[ts(type = "string | null")]
    #[schemars(with = "Option<String>")]
    pub value_in_base: Option<Decimal>,
    /// Its gain in the base currency, exact; none when a part's gain or rate is unknown.
    #[ts(type = "string | null")]
    #[schemars(with = "Option<String>")]
    pub gain_in_base: Option<Decimal>,
    /// Its parts, largest first.
    pub parts: Vec<HoldingPart>,
}

/// The balance sheet of a view.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Wealth {
    /// The owner whose balance sheet this is; `null`: the household's.
    pub view: Option<OwnerId>,
    /// Which rights count besides full ownership.
    pub basis: Basis,
    /// The day.
    #[ts(type = "string")]
    pub as_of: NaiveDate,
    /// The currency of every `…InBase` figure and of the totals.
    pub base_currency: Currency,
    /// Assets minus liabilities, exact; none when nothing converts.
    #[ts(type = "string | null")]
    #[schemars(with = "Option<String>")]
    pub net_worth: Option<Decimal>,
    /// Everything owned, exact.
    #[ts(type = "string")]
    #[schemars(with = "String")]
    #[serde(with = "rust_decimal::serde::str")]
    pub assets: Decimal,
    /// Everything owed, as a positive amount, exact.
    #[ts(type = "string")]
    #[schemars(with = "String")]
    #[serde(with = "rust_decimal::serde::str")]
    pub liabilities: Decimal,
    /// By class, largest first (liabilities last), adding up to the net worth.
    pub by_class: Vec<ClassTotal>,
    /// By currency exposure, largest first.
    pub by_currency: Vec<CurrencyExposure>,
    /// By account, in the household view's order.
    pub accounts: Vec<WealthAccount>,
    /// Securities rolled up across accounts, largest first.
    pub holdings: Vec<Holding>,
    /// Currencies with no rate to the base currency on the day, left out of the base-currency figures.
    pub unconverted: Vec<Currency>,
    /// Held positions with a value older than [`STALE_AFTER_DAYS`].
    pub stale_positions: u32,
    /// Held positions the bank has not valued (counted in their account's balance only).
    pub unvalued_positions: u32,
}

/// What [`compute`] reads.
pub struct WealthInputs<'a> {
    /// The view's accounts, with their parts (from the household view of the same day and basis).
    pub accounts: &'a [AccountShare],
    /// The held positions of every active account.
    pub positions: &'a [InvestmentPositionRecord],
    /// Rates to the base currency.
    pub rates: &'a RateTable,
    /// The base currency.
    pub base_currency: Currency,
}

/// The balance sheet of the accounts a view holds.
pub fn compute(inputs: &WealthInputs<'_>, view: Option<OwnerId>, basis: Basis, day: NaiveDate) -> Wealth {
    let mut by_account: BTreeMap<&AccountId, Vec<&InvestmentPositionRecord>> = BTreeMap::new();
    for position in inputs.positions.iter().filter(|p| p.ended_on.is_none()) {
        by_account.entry(&position.account_id).or_default().push(position);
    }
    let convert = |amount: Decimal, currency: &Currency| inputs.rates.rate_on(currency.as_str(), day).map(|(rate, _)| amount * rate);
    let mut unconverted: Vec<Currency> = Vec::new();
    let mut classes: BTreeMap<AssetClass, Decimal> = BTreeMap::new();
    let mut exposure: BTreeMap<Currency, Decimal> = BTreeMap::new();
    let mut holdings: Vec<Holding> = Vec::new();
    // Where each code's holding is in `holdings`: a linear search per position made 10,000 positions quadratic.
    let mut by_code: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    let mut accounts = Vec::new();
    let (mut stale_positions, mut unvalued_positions) = (0, 0);

    for share in inputs.accounts {
        let fraction = share.fraction;
        let held = by_account.get(&share.account_id).map(Vec::as_slice).unwrap_or_default();
        let value = share.share_balance;
        let rate = inputs.rates.rate_on(share.currency.as_str(), day).map(|(rate, _)| rate);
        if rate.is_none() && !unconverted.contains(&share.currency) {
            unconverted.push(share.currency.clone());
        }
        let mut composition = Vec::new();
        let mut valued = Decimal::ZERO;
        for position in held {
            let Some(valuation) = position.valuation else {
                unvalued_positions += 1;
                continue;
            };
            let part = valuation * fraction;
            let (class, evidence) = classes::of_position(position);
            composition.push(CompositionLine { class, evidence, position_id: Some(position.id.clone()), amount: part });
            valued += part;
            let stale = position.value_date.is_none_or(|d| (day - d).num_days() > STALE_AFTER_DAYS);
            stale_positions += u32::from(stale);
            let exposed = position.foreign.as_ref().map_or(&share.currency, |f| &f.currency);
            if let Some(rate) = rate {
                *exposure.entry(exposed.clone()).or_default() += part * rate;
            }
            let holding_part = HoldingPart {
                position_id: position.id.clone(),
                account_id: share.account_id.clone(),
                currency: share.currency.clone(),
                valuation: part,
                gain: position.gain.map(|g| g * fraction),
                value_date: position.value_date,
                stale,
                calculated: position.calculated.clone(),
            };
            roll_up(&mut holdings, &mut by_code, position, class, evidence, holding_part, rate);
        }
        match value {
            Some(balance) if composition.is_empty() => {
                let class = classes::of_account(&share.account_type, balance < Decimal::ZERO);
                composition.push(CompositionLine { class, evidence: ClassEvidence::AccountType, position_id: None, amount: balance });
                if let Some(rate) = rate {
                    *exposure.entry(share.currency.clone()).or_default() += balance * rate;
                }
            }
            Some(balance) if balance != valued => {
                let class = if balance > valued { AssetClass::Cash } else { AssetClass::Other };
                composition.push(CompositionLine { class, evidence: ClassEvidence::BalanceRemainder, position_id: None, amount: balance - valued });
                if let Some(rate) = rate {
                    *exposure.entry(share.currency.clone()).or_default() += (balance - valued) * rate;
                }
            }
            _ => {}
        }
        if value.is_some() {
            if let Some(rate) = rate {
                for line in &composition {
                    *classes.entry(line.class).or_default() += line.amount * rate;
                }
            }
        } else {
            // No balance: the positions alone are not the account's value, so nothing of it is counted.
            composition.clear();
        }
        accounts.push(WealthAccount {
            account_id: share.account_id.clone(),
            currency: share.currency.clone(),
            value,
            value_in_base: value.and_then(|v| convert(v, &share.currency)),
            composition,
        });
    }

    let liabilities = -classes.get(&AssetClass::Liabilities).copied().unwrap_or_default();
    let assets: Decimal = classes.iter().filter(|(c, _)| **c != AssetClass::Liabilities).map(|(_, a)| *a).sum();
    let converted_any = accounts.iter().any(|a| a.value_in_base.is_some());
    let mut by_class: Vec<ClassTotal> = classes.into_iter().filter(|(_, a)| *a != Decimal::ZERO).map(|(class, amount)| ClassTotal { class, amount }).collect();
    by_class.sort_by(|a, b| (a.class == AssetClass::Liabilities).cmp(&(b.class == AssetClass::Liabilities)).then(b.amount.cmp(&a.amount)));
    let mut by_currency: Vec<CurrencyExposure> = exposure.into_iter().filter(|(_, a)| *a != Decimal::ZERO).map(|(currency, amount)| CurrencyExposure { currency, amount }).collect();
    by_currency.sort_by_key(|e| std::cmp::Reverse(e.amount));
    for holding in &mut holdings {
        holding.parts.sort_by_key(|p| std::cmp::Reverse(p.valuation));
    }
    holdings.sort_by(|a, b| b.value_in_base.unwrap_or_default().cmp(&a.value_in_base.unwrap_or_default()).then(a.label.cmp(&b.label)));
    Wealth {
        view,
        basis,
        as_of: day,
        base_currency: inputs.base_currency.clone(),
        net_worth: converted_any.then_some(assets - liabilities),
        assets,
        liabilities,
        by_class,
        by_currency,
        accounts,
        holdings,
        unconverted,
        stale_positions,
        unvalued_positions,
    }
}

/// Adds a position's part to the holding of its ISIN (or to a holding of its own).
#[allow(clippy::too_many_arguments)] // the holdings, their index, and one position's part with how it was classed
fn roll_up(
    holdings: &mut Vec<Holding>,
    by_code: &mut std::collections::HashMap<String, usize>,
    position: &InvestmentPositionRecord,
    class: AssetClass,
    evidence: ClassEvidence,
    part: HoldingPart,
    rate: Option<Decimal>,
) {
    let code = position.code.as_ref().map(|c| c.code.clone());
    let in_base = rate.map(|r| part.valuation * r);
    let gain_in_base = rate.zip(part.gain).map(|(r, g)| g * r);
    let existing = code.as_ref().and_then(|code| by_code.get(code).copied()).map(|index| &mut holdings[index]);
    match existing {
        Some(holding) => {
            if holding.parts.iter().all(|p| p.valuation < part.valuation) {
                holding.label = position.label.clone();
            }
            holding.value_in_base = holding.value_in_base.zip(in_base).map(|(a, b)| a + b);
            holding.gain_in_base = holding.gain_in_base.zip(gain_in_base).map(|(a, b)| a + b);
            holding.parts.push(part);
        }
        None => {
            if let Some(code) = &code {
                by_code.insert(code.clone(), holdings.len());
            }
            holdings.push(Holding { code, label: position.label.clone(), class, evidence, value_in_base: in_base, gain_in_base, parts: vec![part] });
        }
    }
}

#[cfg(test)]
mod tests;
