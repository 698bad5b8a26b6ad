//! Powens investments become canonical positions here (a part of [`super`], the one wire boundary). Field by field:
//!
//! | canonical | Powens | notes |
//! |---|---|---|
//! | `InvestmentPositionRecord.id` / `.account_id` | `id` / `id_account` | the account must be stored already |
//! | `.label` | `label`, else `code`, else `Position <id>` | |
//! | `.code` | `code` + `code_type` (`ISIN`/`AMF`) | an ISIN is kept only if it reads as one (12 characters, letters then digits, check digit right); an unknown or missing type with an ISIN-shaped code counts as ISIN |
//! | `.currency` | the account's currency | every main figure is in it |
//! | `.quantity` / `.unit_price` / `.unit_value` / `.valuation` | `quantity` / `unitprice` / `unitvalue` / `valuation` | exact decimals; absent stays absent (a euro fund has a valuation only) |
//! | `.gain` / `.gain_ratio` / `.portfolio_share` | `diff` / `diff_percent` / `portfolio_share` | ratios as sent (1 = 100 %) |
//! | `.value_date` | `vdate` | `YYYY-MM-DD`; an unreadable one is refused |
//! | `.foreign` | `original_currency.id` + `original_valuation`, `original_unitvalue`, `original_unitprice` | only when a currency is given and differs from the account's |
//! | `.details` | `details.{performance_1_year, _3_years, _5_years, srri, asset_category, recommended_period}` | `srri` kept only when 1–7 |
//! | `.calculated` | `calculated[]` | which figures Powens computed |
//! | `.ended_on` | `deleted` (a date) | |

use crate::domain::{AccountId, CodeScheme, Currency, ForeignValues, FundDetails, InvestmentPositionRecord, PositionId, SecurityCode, Timestamp};
use crate::error::{Error, Result};
use chrono::NaiveDate;
use powens_client::model;
use rust_decimal::prelude::ToPrimitive;
use std::collections::HashMap;

const PROVIDER: &str = super::PROVIDER;

/// Maps a whole listing; fails as a whole if one position cannot be mapped, so a sync never writes half of a bad
/// payload. `currencies` maps the provider's account ids to their currency.
pub fn investments(wire: &[model::Investment], currencies: &HashMap<String, String>, synced_at: Timestamp) -> Result<Vec<InvestmentPositionRecord>> {
    wire.iter().map(|i| investment(i, currencies, synced_at)).collect()
}

fn investment(wire: &model::Investment, currencies: &HashMap<String, String>, synced_at: Timestamp) -> Result<InvestmentPositionRecord> {
    let id = wire.id;
    let account = wire.id_account.to_string();
    let currency = currencies.get(&account).and_then(|code| Currency::parse("currency", code).ok()).ok_or_else(|| Error::ProviderPayload {
        reason: format!("investment {id} belongs to account {account}, which the accounts sync has not stored"),
    })?;
    let label = [&wire.label, &wire.code]
        .into_iter()
        .flatten()
        .map(|l| l.trim())
        .find(|l| !l.is_empty())
        .map_or_else(|| format!("Position {id}"), str::to_string);
    let foreign = wire
        .original_currency
        .as_ref()
        .and_then(|c| Currency::parse("original_currency", &c.id).ok())
        .filter(|c| *c != currency)
        .map(|currency| ForeignValues {
            currency,
            valuation: wire.original_valuation,
            unit_value: wire.original_unitvalue,
            unit_price: wire.original_unitprice,
        });
    Ok(InvestmentPositionRecord {
        id: PositionId::new(PROVIDER, &id.to_string()),
        account_id: AccountId::new(PROVIDER, &account),
        label,
        code: security_code(wire.code.as_deref(), wire.code_type.as_deref()),
        stock_symbol: wire.stock_symbol.clone().filter(|s| !s.trim().is_empty()),
        currency,
        quantity: wire.quantity,
        unit_price: wire.unitprice,
        unit_value: wire.unitvalue,
        valuation: wire.valuation,
        gain: wire.diff,
        gain_ratio: wire.diff_percent,
        portfolio_share: wire.portfolio_share,
        value_date: day(&wire.vdate, id, "vdate")?,
        foreign,
        details: wire.details.as_ref().map(|d| FundDetails {
            performance_1y: d.performance_1_year,
            performance_3y: d.performance_3_years,
            performance_5y: d.performance_5_years,
            srri: d.srri.and_then(|s| s.to_u8()).filter(|s| (1..=7).contains(s)),
            asset_category: d.asset_category.clone().filter(|s| !s.trim().is_empty()),
            recommended_period: d.recommended_period.clone().filter(|s| !s.trim().is_empty()),
        }),
        calculated: wire.calculated.clone(),
        ended_on: day(&wire.deleted, id, "deleted")?,
        synced_at,
    })
}

/// Maps the market orders; fails as a whole if one cannot be placed. An order marked deleted is left out.
pub fn market_orders(wire: &[model::MarketOrder], currencies: &HashMap<String, String>, synced_at: Timestamp) -> Result<Vec<crate::domain::MarketOrderRecord>> {
    wire.iter()
        .filter(|o| o.deleted.is_none())
        .map(|o| {
            let account = o.id_account.to_string();
            let currency = currencies.get(&account).and_then(|code| Currency::parse("currency", code).ok()).ok_or_else(|| Error::ProviderPayload {
                reason: format!("market order {} belongs to account {account}, which the accounts sync has not stored", o.id),
            })?;
            let time = |text: &Option<String>| text.as_deref().and_then(|t| chrono::NaiveDateTime::parse_from_str(t.get(..19).unwrap_or(t), "%Y-%m-%d %H:%M:%S").ok());
            let name = |code: &Option<model::NamedCode>| code.as_ref().and_then(|c| c.name.as_deref()).map(|n| n.trim().to_ascii_lowercase()).filter(|n| !n.is_empty());
            Ok(crate::domain::MarketOrderRecord {
                id: crate::domain::OrderId::new(PROVIDER, &o.id.to_string()),
                account_id: AccountId::new(PROVIDER, &account),
                label: o.label.clone().filter(|l| !l.trim().is_empty()).unwrap_or_else(|| format!("Order {}", o.id)),
                code: security_code(o.code.as_deref(), None).map(|c| c.code),
                direction: name(&o.order_direction).and_then(|n| match n.as_str() {
                    "buy" => Some(crate::domain::OrderDirection::Buy),
                    "sale" | "sell" => Some(crate::domain::OrderDirection::Sale),
                    _ => None,
                }),
                order_type: name(&o.order_type),
                state: o.state.clone().filter(|s| !s.trim().is_empty()),
                currency,
                placed_at: time(&o.date),
                executed_at: time(&o.execution_date),
                quantity: o.quantity,
                amount: o.amount,
                limit_price: o.ordervalue,
                execution_price: o.unitprice,
                synced_at,
            })
        })
        .collect()
}

/// Reads a `YYYY-MM-DD` day (Powens may append a time); a value that is no day is refused, naming the field.
fn day(value: &Option<String>, id: i64, field: &str) -> Result<Option<NaiveDate>> {
    value
        .as_deref()
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .map(|v| {
            NaiveDate::parse_from_str(v.get(..10).unwrap_or(v), "%Y-%m-%d")
                .map_err(|_| Error::ProviderPayload { reason: format!("investment {id} has an invalid `{field}` date") })
        })
        .transpose()
}

/// The security's code: an AMF code as given; an ISIN only when it is one (a bank's internal code in the field
/// would otherwise roll unrelated lines up together).
fn security_code(code: Option<&str>, code_type: Option<&str>) -> Option<SecurityCode> {
    let code = code.map(|c| c.trim().to_ascii_uppercase()).filter(|c| !c.is_empty())?;
    match code_type.map(str::trim) {
        Some(t) if t.eq_ignore_ascii_case("AMF") => Some(SecurityCode { scheme: CodeScheme::Amf, code }),
        _ if is_isin(&code) => Some(SecurityCode { scheme: CodeScheme::Isin, code }),
        _ => None,
    }
}

/// ISO 6166: two letters, nine letters or digits, a check digit (Luhn over the letters read as numbers, A = 10).
pub fn is_isin(code: &str) -> bool {
    let bytes = code.as_bytes();
    if bytes.len() != 12 || !bytes[..2].iter().all(u8::is_ascii_uppercase) || !bytes[2..11].iter().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit()) || !bytes[11].is_ascii_digit() {
        return false;
    }
    let digits: Vec<u32> = bytes
        .iter()
        .flat_map(|b| if b.is_ascii_digit() { vec![u32::from(b - b'0')] } else { let n = u32::from(b - b'A') + 10; vec![n / 10, n % 10] })
        .collect();
    // Luhn from the right: every second digit, starting with the one left of the check digit, is doubled.
    let sum: u32 = digits
        .iter()
        .rev()
        .enumerate()
        .map(|(i, d)| if i % 2 == 1 { let doubled = d * 2; doubled / 10 + doubled % 10 } else { *d })
        .sum();
    sum.is_multiple_of(10)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn real_isins_pass_and_near_misses_fail() {
        for good in ["FR0000120271", "US0378331005", "LU1681043599", "IE00B4L5Y983", "FR0000131104"] {
            assert!(is_isin(good), "{good}");
        }
        for bad in ["FR0000120272", "US037833100", "XX-000000000", "fr0000120271", "ABCDEFGHIJKL", ""] {
            assert!(!is_isin(bad), "{bad}");
        }
    }

    #[test]
    fn a_code_is_an_isin_only_when_it_reads_as_one_and_an_amf_code_is_kept() {
        assert_eq!(security_code(Some(" fr0000120271 "), Some("ISIN")), Some(SecurityCode { scheme: CodeScheme::Isin, code: "FR0000120271".into() }));
        assert_eq!(security_code(Some("US0378331005"), None).map(|c| c.scheme), Some(CodeScheme::Isin));
        assert_eq!(security_code(Some("BANK-LINE-7"), Some("ISIN")), None);
        assert_eq!(security_code(Some("990000097649"), Some("AMF")).map(|c| c.scheme), Some(CodeScheme::Amf));
        assert_eq!(security_code(Some("  "), Some("ISIN")), None);
    }
}
