//! The `household_settings` and `exchange_rates` tables: the base currency the household reports in and the dated
//! rates it enters (what a rate is and how it is looked up: [`crate::fx`]).

use crate::error::{Error, Result};
use crate::domain::Currency;
use crate::fx::{ExchangeRate, DEFAULT_BASE_CURRENCY};
use chrono::NaiveDate;
use rusqlite::{named_params, Connection, OptionalExtension};
use rust_decimal::Decimal;
use std::str::FromStr;

const BASE_CURRENCY_KEY: &str = "base_currency";

/// A household setting, if set.
pub fn setting(connection: &Connection, key: &str) -> Result<Option<String>> {
    connection
        .query_row("SELECT value FROM household_settings WHERE key = :key", named_params! { ":key": key }, |row| row.get(0))
        .optional()
        .map_err(Error::storage("reading a household setting"))
}

/// Sets a household setting.
pub fn set_setting(connection: &Connection, key: &str, value: &str) -> Result<()> {
    connection
        .execute(
            "INSERT INTO household_settings (key, value) VALUES (:key, :value) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            named_params! { ":key": key, ":value": value },
        )
        .map_err(Error::storage("saving a household setting"))?;
    Ok(())
}

/// The household's base currency.
pub fn base_currency(connection: &Connection) -> Result<String> {
    Ok(setting(connection, BASE_CURRENCY_KEY)?.unwrap_or_else(|| DEFAULT_BASE_CURRENCY.to_string()))
}

/// Sets the household's base currency.
pub fn set_base_currency(connection: &Connection, code: &str) -> Result<String> {
    let code = Currency::parse("baseCurrency", code)?.to_string();
    set_setting(connection, BASE_CURRENCY_KEY, &code)?;
    Ok(code)
}

/// Stores a rate (replacing one for the same currency, base and day).
pub fn save_rate(connection: &Connection, rate: &ExchangeRate) -> Result<()> {
    connection
        .execute(
            "INSERT INTO exchange_rates (currency, base, rate, as_of) VALUES (:currency, :base, :rate, :as_of)
             ON CONFLICT (currency, base, as_of) DO UPDATE SET rate = excluded.rate",
            named_params! { ":currency": rate.currency, ":base": rate.base, ":rate": rate.rate.to_string(), ":as_of": rate.as_of },
        )
        .map_err(Error::storage("saving an exchange rate"))?;
    Ok(())
}

/// Removes a rate; returns whether one was there.
pub fn delete_rate(connection: &Connection, currency: &str, base: &str, as_of: NaiveDate) -> Result<bool> {
    let removed = connection
        .execute(
            "DELETE FROM exchange_rates WHERE currency = :currency AND base = :base AND as_of = :as_of",
            named_params! { ":currency": Currency::parse("currency", currency)?, ":base": Currency::parse("base", base)?, ":as_of": as_of },
        )
        .map_err(Error::storage("deleting an exchange rate"))?;
    Ok(removed > 0)
}

/// Every stored rate, newest first per currency.
pub fn list_rates(connection: &Connection) -> Result<Vec<ExchangeRate>> {
    let mut statement = connection
        .prepare_cached("SELECT currency, base, rate, as_of FROM exchange_rates ORDER BY base, currency, as_of DESC")
        .map_err(Error::storage("preparing the exchange-rate list"))?;
    let rows = statement
        .query_map([], |row| Ok((row.get::<_, Currency>(0)?, row.get::<_, Currency>(1)?, row.get::<_, String>(2)?, row.get::<_, NaiveDate>(3)?)))
        .map_err(Error::storage("listing exchange rates"))?
        .collect::<rusqlite::Result<Vec<_>>>()
        .map_err(Error::storage("reading exchange rates"))?;
    rows.into_iter()
        .map(|(currency, base, rate, as_of)| {
            let rate = Decimal::from_str(&rate).map_err(|_| Error::Unreadable { what: "a stored exchange rate".into(), fix: "delete the rate and record it again (Settings, or `pfo rates`)" })?;
            Ok(ExchangeRate { currency, base, rate, as_of })
        })
        .collect()
}
