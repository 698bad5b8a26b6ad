//! `AlertSettings`: which alerts the household wants, with their windows and thresholds, and whether new ones
//! become desktop notifications. Stored in the encrypted store (`household_settings`, key `alerts`), validated
//! here whichever door they come through.

use crate::error::{Error, Result};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// The longest warning window for a consent: the Renew button shows from 30 days before the end.
pub const MAX_CONSENT_DAYS: u32 = crate::domain::CONSENT_WARNING_DAYS as u32;
/// The longest wait before bank data is called stale.
pub const MAX_STALE_DAYS: u32 = 30;

/// Which alerts are on. A window or threshold of `null` switches its alert off.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema, ts_rs::TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[ts(export)]
pub struct AlertSettings {
    /// Whether a new alert also shows as a desktop notification (worded without any account, amount or name).
    pub notify: bool,
    /// Warn this many days (1 to 30) before a consent ends.
    pub consent_ending_days: Option<u32>,
    /// Warn when a connection needs the household, or its bank is in trouble.
    pub connection_needs_user: bool,
    /// Call the bank's data stale after this many days (1 to 30) without a bank sync.
    pub stale_after_days: Option<u32>,
    /// Warn when a balance moved by more (or less) than its transactions add up to.
    pub balance_mismatch: bool,
    /// Warn of a movement at least this large, in the base currency, either way.
    #[serde(with = "rust_decimal::serde::str_option")]
    #[schemars(with = "Option<String>")]
    #[ts(type = "string | null")]
    pub large_movement: Option<Decimal>,
    /// Warn when a current account's balance is below this, in the base currency.
    #[serde(with = "rust_decimal::serde::str_option")]
    #[schemars(with = "Option<String>")]
    #[ts(type = "string | null")]
    pub low_balance: Option<Decimal>,
}

impl Default for AlertSettings {
    /// Everything about the connections on, with a 30-day consent window and two days for stale data; the money
    /// thresholds off until the household sets its own (what is large depends on the family).
    fn default() -> Self {
        Self {
            notify: true,
            consent_ending_days: Some(MAX_CONSENT_DAYS),
            connection_needs_user: true,
            stale_after_days: Some(2),
            balance_mismatch: true,
            large_movement: None,
            low_balance: None,
        }
    }
}

impl AlertSettings {
    /// The settings, refused with the field and the reason when a window or threshold is out of range.
    pub fn validated(self) -> Result<Self> {
        let invalid = |field: &str, reason: String| Error::InvalidInput { field: field.into(), reason };
        if let Some(days) = self.consent_ending_days.filter(|d| !(1..=MAX_CONSENT_DAYS).contains(d)) {
            return Err(invalid("consentEndingDays", format!("is {days}; choose 1 to {MAX_CONSENT_DAYS} days, or switch the alert off")));
        }
        if let Some(days) = self.stale_after_days.filter(|d| !(1..=MAX_STALE_DAYS).contains(d)) {
            return Err(invalid("staleAfterDays", format!("is {days}; choose 1 to {MAX_STALE_DAYS} days, or switch the alert off")));
        }
        if let Some(amount) = self.large_movement.filter(|a| *a <= Decimal::ZERO) {
            return Err(invalid("largeMovement", format!("is {amount}; a threshold is an amount above zero")));
        }
        Ok(Self { large_movement: self.large_movement.map(|a| a.normalize()), low_balance: self.low_balance.map(|a| a.normalize()), ..self })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn out_of_range_windows_and_thresholds_are_refused_by_name() {
        let refused = |settings: AlertSettings, field: &str| match settings.validated() {
            Err(Error::InvalidInput { field: named, .. }) => assert_eq!(named, field),
            other => panic!("{field}: {other:?}"),
        };
        refused(AlertSettings { consent_ending_days: Some(0), ..AlertSettings::default() }, "consentEndingDays");
        refused(AlertSettings { consent_ending_days: Some(31), ..AlertSettings::default() }, "consentEndingDays");
        refused(AlertSettings { stale_after_days: Some(45), ..AlertSettings::default() }, "staleAfterDays");
        refused(AlertSettings { large_movement: Some(Decimal::ZERO), ..AlertSettings::default() }, "largeMovement");
        let kept = AlertSettings { large_movement: Some(Decimal::new(500000, 2)), low_balance: Some(Decimal::new(-20000, 2)), ..AlertSettings::default() };
        let kept = kept.validated().unwrap();
        assert_eq!((kept.large_movement.unwrap().to_string(), kept.low_balance.unwrap().to_string()), ("5000".into(), "-200".into()));
    }

    #[test]
    fn the_json_carries_amounts_as_exact_strings_and_refuses_unknown_fields() {
        let settings = AlertSettings { large_movement: Some(Decimal::new(250075, 2)), ..AlertSettings::default() };
        let json = serde_json::to_value(&settings).unwrap();
        assert_eq!(json["largeMovement"], "2500.75");
        assert_eq!(serde_json::from_value::<AlertSettings>(json).unwrap(), settings);
        let unknown = serde_json::json!({ "notify": true, "consentEndingDays": 30, "connectionNeedsUser": true, "staleAfterDays": 2,
            "balanceMismatch": true, "largeMovement": null, "lowBalance": null, "loudness": 11 });
        assert!(serde_json::from_value::<AlertSettings>(unknown).is_err());
    }
}
