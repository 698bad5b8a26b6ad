//! Renders the household as Powens JSON: field names, nesting and value shapes of the live API.
//!
//! Kept apart from the data model so that the shapes Powens uses (amounts as JSON numbers, `type` as a string
//! code, the currency object, naive `YYYY-MM-DD HH:MM:SS` timestamps) are decided in one place.

use crate::household::{Account, Connection, Currency, Loan};
use serde_json::{json, Value};

/// Minor units to the JSON number Powens sends (`1452.56`). Exact for the shortest decimal representation.
pub fn amount(minor: i64, precision: u32) -> Value {
    let value = minor as f64 / 10f64.powi(precision as i32);
    json!(value)
}

fn currency(currency: &Currency) -> Value {
    json!({
        "id": currency.code,
        "name": currency.name,
        "symbol": currency.symbol,
        "precision": currency.precision,
        "prefix": currency.code == "USD",
        "crypto": false,
    })
}

/// One connection object; `expand_connector` inlines the connector as `?expand=connector` does.
pub fn connection(connection: &Connection, user_id: i64, last_update: &str, expand_connector: bool) -> Value {
    let mut value = json!({
        "id": connection.id,
        "id_user": user_id,
        "id_connector": connection.connector.id,
        "connector_uuid": connection.connector.uuid,
        "id_bank": connection.connector.id,
        "id_provider": connection.connector.id,
        "state": connection.state,
        "error": connection.state,
        "error_message": connection.error_message,
        "fields": null,
        "last_update": last_update,
        "created": "2024-01-15 09:30:00",
        "active": connection.active,
        "last_push": null,
        "expire": connection.expire,
        "next_try": null,
    });
    if expand_connector {
        value["connector"] = json!({
            "id": connection.connector.id,
            "uuid": connection.connector.uuid,
            "name": connection.connector.name,
            "hidden": false,
            "charged": true,
            "beta": false,
            "restricted": false,
            "country": connection.connector.country,
            "auth_mechanism": "webauth",
            "capabilities": ["bank", "bankwealth"],
        });
    }
    value
}

fn loan(loan: &Loan, precision: u32) -> Value {
    json!({
        "total_amount": amount(loan.total_amount_minor, precision),
        "rate": loan.rate_bp as f64 / 100.0,
        "nb_payments_total": loan.nb_payments_total,
        "nb_payments_done": loan.nb_payments_done,
        "nb_payments_left": loan.nb_payments_total - loan.nb_payments_done,
        "next_payment_amount": amount(loan.next_payment_minor, precision),
        "type": loan.loan_type,
        "subscription_date": loan.subscription_date,
        "maturity_date": loan.maturity_date,
    })
}

/// One bank account object.
pub fn account(account: &Account, user_id: i64, last_update: &str) -> Value {
    let precision = account.currency.precision;
    json!({
        "id": account.id,
        "id_connection": account.id_connection,
        "id_user": user_id,
        "id_source": account.id_connection * 10,
        "id_parent": null,
        "number": account.number,
        "webid": account.number,
        "iban": account.iban,
        "bic": account.bic,
        "original_name": account.original_name,
        "name": account.name,
        "balance": amount(account.balance_minor, precision),
        "coming": account.coming_minor.map(|c| amount(c, precision)),
        "currency": currency(&account.currency),
        "type": account.account_type,
        "id_type": account.id_type,
        "usage": account.usage,
        "display": true,
        "bookmarked": 0,
        "disabled": account.disabled,
        "deleted": account.deleted,
        "last_update": if account.disabled.is_some() { None } else { Some(last_update) },
        "error": null,
        "ownership": "owner",
        "company_name": null,
        "opening_date": account.opening_date,
        "loan": account.loan.as_ref().map(|l| loan(l, precision)),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_are_plain_json_numbers() {
        assert_eq!(amount(145_256, 2).to_string(), "1452.56");
        assert_eq!(amount(-12_000_050, 2).to_string(), "-120000.5");
        assert_eq!(amount(0, 2).to_string(), "0.0");
    }
}
