//! Investments as `GET /users/{u}/investments` returns them (Wealth & Loans): the positions of PEA, life-insurance,
//! securities and savings-plan accounts, with their quantities, prices and valuations.
//!
//! Source: https://docs.powens.com/api-reference/products/wealth-aggregation/investments (`InvestmentsList`,
//! `Investment`, `InvestmentDetails`). The docs mark most fields required, but live deployments send `null` for
//! many while an investment is still being imported (militu/py-powens, `models/investment.py`), and a euro fund has
//! a valuation and nothing else: everything but the ids and the list is optional here.

use super::account::Currency;
use super::decimal::optional_amount;
use rust_decimal::Decimal;
use serde::{Deserialize, Deserializer};

/// Envelope of the investments list (not paginated: one answer holds every position of the user, or of the account
/// or connection the alias names).
#[derive(Debug, Deserialize)]
pub struct InvestmentList {
    /// The positions. Required: an envelope without its list is a bad payload, not an empty portfolio (read as
    /// empty, every stored position would be marked sold).
    pub investments: Vec<Investment>,
    /// Total valuation of the listed positions.
    #[serde(default, deserialize_with = "optional_amount")]
    pub valuation: Option<Decimal>,
    /// Total gain or loss.
    #[serde(default, deserialize_with = "optional_amount")]
    pub diff: Option<Decimal>,
}

/// One position.
#[derive(Debug, Clone, Deserialize)]
pub struct Investment {
    /// Powens investment id.
    pub id: i64,
    /// The account holding it. Required: a position of no account cannot be placed.
    pub id_account: i64,
    /// Display name.
    #[serde(default)]
    pub label: Option<String>,
    /// The security's code (an ISIN or an AMF code), when known.
    #[serde(default)]
    pub code: Option<String>,
    /// `ISIN` or `AMF`.
    #[serde(default)]
    pub code_type: Option<String>,
    /// Ticker on its market.
    #[serde(default)]
    pub stock_symbol: Option<String>,
    /// Where the code comes from: `website` or `notFound`.
    #[serde(default)]
    pub source: Option<String>,
    /// Quantity held.
    #[serde(default, deserialize_with = "optional_amount")]
    pub quantity: Option<Decimal>,
    /// Buy price of one unit (the average cost).
    #[serde(default, deserialize_with = "optional_amount")]
    pub unitprice: Option<Decimal>,
    /// Current value of one unit.
    #[serde(default, deserialize_with = "optional_amount")]
    pub unitvalue: Option<Decimal>,
    /// Current value of the position, in the account's currency.
    #[serde(default, deserialize_with = "optional_amount")]
    pub valuation: Option<Decimal>,
    /// Gain or loss (valuation minus cost).
    #[serde(default, deserialize_with = "optional_amount")]
    pub diff: Option<Decimal>,
    /// Gain or loss as a ratio (1 = 100 %).
    #[serde(default, deserialize_with = "optional_amount")]
    pub diff_percent: Option<Decimal>,
    /// The position's share of its portfolio (1 = 100 %).
    #[serde(default, deserialize_with = "optional_amount")]
    pub portfolio_share: Option<Decimal>,
    /// Day of the value (`YYYY-MM-DD`).
    #[serde(default)]
    pub vdate: Option<String>,
    /// Fields Powens computed rather than read from the bank.
    #[serde(default, deserialize_with = "list_or_null")]
    pub calculated: Vec<String>,
    /// Set (a date) when the position no longer exists.
    #[serde(default)]
    pub deleted: Option<String>,
    /// When Powens last updated it (its own clock).
    #[serde(default)]
    pub last_update: Option<String>,
    /// For a foreign security: its currency, when different from the account's.
    #[serde(default)]
    pub original_currency: Option<Currency>,
    /// Valuation in the original currency.
    #[serde(default, deserialize_with = "optional_amount")]
    pub original_valuation: Option<Decimal>,
    /// Unit value in the original currency.
    #[serde(default, deserialize_with = "optional_amount")]
    pub original_unitvalue: Option<Decimal>,
    /// Unit buy price in the original currency.
    #[serde(default, deserialize_with = "optional_amount")]
    pub original_unitprice: Option<Decimal>,
    /// Gain or loss in the original currency.
    #[serde(default, deserialize_with = "optional_amount")]
    pub original_diff: Option<Decimal>,
    /// Fund details, "if available and activated".
    #[serde(default)]
    pub details: Option<InvestmentDetails>,
}

/// Details of a fund (mainly from employee-savings connectors).
#[derive(Debug, Clone, Deserialize)]
pub struct InvestmentDetails {
    /// Performance over one year (1 = 100 %).
    #[serde(default, deserialize_with = "optional_amount")]
    pub performance_1_year: Option<Decimal>,
    /// Performance over three years.
    #[serde(default, deserialize_with = "optional_amount")]
    pub performance_3_years: Option<Decimal>,
    /// Performance over five years.
    #[serde(default, deserialize_with = "optional_amount")]
    pub performance_5_years: Option<Decimal>,
    /// Synthetic risk and reward indicator, 1 to 7.
    #[serde(default, deserialize_with = "optional_amount")]
    pub srri: Option<Decimal>,
    /// Asset category as the bank words it (`Actions`, `Obligations`…).
    #[serde(default)]
    pub asset_category: Option<String>,
    /// Minimum recommended holding period, as worded.
    #[serde(default)]
    pub recommended_period: Option<String>,
}

/// A list that may arrive as `null`.
fn list_or_null<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<String>, D::Error> {
    Ok(Option::<Vec<String>>::deserialize(deserializer)?.unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    #[test]
    fn a_documented_position_and_a_euro_fund_with_nulls_decode_exactly() {
        let json = r#"{"investments": [
            {"id": 7, "id_account": 3, "label": "Amundi MSCI World", "code": "LU1681043599", "code_type": "ISIN",
             "stock_symbol": "CW8", "source": "website", "description": null, "quantity": 12.5, "unitprice": "410.2",
             "unitvalue": 452.31, "valuation": 5653.88, "diff": 526.38, "diff_percent": 0.1026, "prev_diff": null,
             "prev_diff_percent": null, "vdate": "2026-12-03", "prev_vdate": null, "portfolio_share": 0.21,
             "calculated": ["diff"], "deleted": null, "last_update": "2026-12-03 18:02:11",
             "original_currency": null, "original_valuation": null, "original_unitvalue": null,
             "original_unitprice": null, "original_diff": null,
             "details": {"performance_1_year": 0.12, "srri": 5, "asset_category": "Actions", "last_update": null}},
            {"id": 8, "id_account": 4, "label": "Fonds euros", "code": null, "quantity": null, "unitprice": null,
             "unitvalue": null, "valuation": 40210.07, "calculated": null, "vdate": "2026-12-03"}
        ], "valuation": 45863.95}"#;
        let list: InvestmentList = serde_json::from_str(json).unwrap();
        let [etf, euro] = &list.investments[..] else { panic!("two positions") };
        assert_eq!(etf.quantity, Some(Decimal::from_str("12.5").unwrap()));
        assert_eq!(etf.unitprice, Some(Decimal::from_str("410.2").unwrap()));
        assert_eq!(etf.valuation, Some(Decimal::from_str("5653.88").unwrap()));
        assert_eq!(etf.details.as_ref().and_then(|d| d.srri), Some(Decimal::from(5)));
        assert_eq!(etf.calculated, vec!["diff".to_string()]);
        assert_eq!(euro.quantity, None);
        assert!(euro.calculated.is_empty());
        assert_eq!(list.valuation, Some(Decimal::from_str("45863.95").unwrap()));
    }

    #[test]
    fn an_envelope_without_its_list_or_a_position_without_its_account_is_refused() {
        assert!(serde_json::from_str::<InvestmentList>(r#"{"valuation": 0}"#).is_err());
        assert!(serde_json::from_str::<InvestmentList>(r#"{"investments": [{"id": 1, "label": "x"}]}"#).is_err());
    }
}
