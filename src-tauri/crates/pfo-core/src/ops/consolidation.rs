//! Operations on consolidation: the base currency and the exchange rates the household enters by hand.

use crate::app::App;
use crate::error::Result;
use crate::fx::{self, ExchangeRate};
use crate::ops::NoInput;
use crate::store::rates;
use chrono::NaiveDate;
use serde::Deserialize;

/// `pfo.base-currency.get`.
pub async fn base_currency(app: &App, _: NoInput) -> Result<String> {
    app.store().call(|conn| rates::base_currency(conn)).await
}

/// Input of `pfo.base-currency.set`.
#[derive(Debug, Clone, Default, Deserialize, schemars::JsonSchema, ts_rs::TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct BaseCurrencyInput {
    /// ISO 4217 code, any case.
    pub code: String,
}

/// `pfo.base-currency.set`: returns the code normalised.
pub async fn set_base_currency(app: &App, input: BaseCurrencyInput) -> Result<String> {
    app.store().call(move |conn| rates::set_base_currency(conn, &input.code)).await
}

/// `pfo.rates.list`.
pub async fn rates(app: &App, _: NoInput) -> Result<Vec<ExchangeRate>> {
    app.store().call(|conn| rates::list_rates(conn)).await
}

/// Input of `pfo.rates.set`.
#[derive(Debug, Clone, Default, Deserialize, schemars::JsonSchema, ts_rs::TS)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
#[ts(export)]
pub struct RateSetInput {
    /// Currency converted from (ISO 4217).
    pub currency: String,
    /// Exact decimal: 1 `currency` = `rate` in the base currency.
    pub rate: String,
    /// Day the rate was taken (`YYYY-MM-DD`); today by default.
    #[serde(default, with = "crate::domain::input_optional_day")]
    #[schemars(with = "Option<NaiveDate>")]
    #[ts(type = "string | null")]
    pub as_of: Option<NaiveDate>,
}

/// `pfo.rates.set`: records the rate into the current base currency.
pub async fn set_rate(app: &App, input: RateSetInput) -> Result<ExchangeRate> {
    let as_of = input.as_of.unwrap_or_else(|| app.clock().now().date_naive());
    app.store()
        .call(move |conn| {
            let rate = fx::validated(&input.currency, &rates::base_currency(conn)?, &input.rate, as_of)?;
            rates::save_rate(conn, &rate)?;
            Ok(rate)
        })
        .await
}

/// Input of `pfo.rates.delete`.
#[derive(Debug, Clone, Default, Deserialize, schemars::JsonSchema, ts_rs::TS)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
#[ts(export)]
pub struct RateDeleteInput {
    /// Currency converted from.
    pub currency: String,
    /// Day the rate was taken (`YYYY-MM-DD`).
    #[serde(with = "crate::domain::input_day")]
    #[schemars(with = "NaiveDate")]
    #[ts(type = "string")]
    pub as_of: NaiveDate,
}

/// `pfo.rates.delete`: whether a rate was there.
pub async fn delete_rate(app: &App, input: RateDeleteInput) -> Result<bool> {
    app.store().call(move |conn| rates::delete_rate(conn, &input.currency, &rates::base_currency(conn)?, input.as_of)).await
}
