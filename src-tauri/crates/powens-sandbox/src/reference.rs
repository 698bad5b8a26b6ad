//! Reference data served without a token: `/connectors`, `/account_types`, `/currencies`.

use crate::household::{CHF, CONNECTORS, EUR, GBP, USD};
use axum::extract::Path;
use axum::routing::get;
use axum::{Json, Router};
use serde_json::{json, Value};
use std::sync::Arc;

/// Account types as `/account_types` lists them: (id, name, parent id, invests, singular and plural display names).
/// (id, code, parent id, is_invest, French name, French plural) of each Powens account type.
type AccountTypeRow = (i64, &'static str, Option<i64>, bool, &'static str, &'static str);

const ACCOUNT_TYPES: &[AccountTypeRow] = &[
    (1, "unknown", None, false, "Inconnu", "Inconnus"),
    (2, "checking", None, false, "Compte chèque", "Comptes chèques"),
    (3, "savings", None, false, "Livret", "Livrets"),
    (4, "deposit", None, false, "Compte à terme", "Comptes à terme"),
    (5, "card", None, false, "Carte", "Cartes"),
    (6, "loan", None, false, "Prêt", "Prêts"),
    (8, "lifeinsurance", None, true, "Assurance-vie", "Assurances-vie"),
    (10, "capitalisation", None, true, "Contrat de capitalisation", "Contrats de capitalisation"),
    (12, "livret_a", Some(3), false, "Livret A", "Livrets A"),
    (13, "market", None, true, "Compte titres", "Comptes titres"),
    (14, "ldds", Some(3), false, "LDDS", "LDDS"),
    (15, "pea", None, true, "PEA", "PEA"),
    (16, "pel", Some(3), false, "PEL", "PEL"),
    (17, "cel", Some(3), false, "CEL", "CEL"),
    (18, "per", None, true, "PER", "PER"),
    (19, "perp", None, true, "PERP", "PERP"),
    (20, "perco", None, true, "PERCO", "PERCO"),
    (21, "madelin", None, true, "Madelin", "Madelin"),
    (22, "article83", None, true, "Article 83", "Articles 83"),
    (23, "crowdlending", None, true, "Crowdlending", "Crowdlending"),
    (24, "real_estate", None, true, "Immobilier", "Immobilier"),
    (25, "pee", None, true, "PEE", "PEE"),
];

/// Whether accounts of type `code` "usually present investments" (`is_invest` in `/account_types`).
pub fn is_invest(code: &str) -> bool {
    ACCOUNT_TYPES.iter().any(|(_, name, _, invest, _, _)| *name == code && *invest)
}

/// Routes of the reference data.
pub fn router() -> Router<Arc<crate::state::World>> {
    Router::new()
        .route("/2.0/connectors", get(connectors))
        .route("/2.0/connectors/{id}", get(connector))
        .route("/2.0/account_types", get(account_types))
        .route("/2.0/currencies", get(currencies))
}

fn connector_json(index: usize) -> Value {
    let c = &CONNECTORS[index];
    let test = c.name == "Connecteur de test";
    json!({
        "id": c.id, "uuid": c.uuid, "name": c.name, "hidden": false, "charged": !test, "code": null, "beta": false,
        "color": "1f4e8c", "slug": c.name.to_uppercase().replace(' ', "_"), "sync_frequency": null, "months_to_fetch": null,
        "auth_mechanism": if test { "credentials" } else { "webauth" },
        "available_auth_mechanisms": if test { json!(["credentials"]) } else { json!(["webauth"]) },
        "siret": null, "restricted": false,
        "capabilities": ["bank", "bankwealth", "document", "profile"],
        "account_usages": crate::household::usages_at(index), "country": c.country,
    })
}

async fn connectors() -> Json<Value> {
    let list: Vec<Value> = (0..CONNECTORS.len()).map(connector_json).collect();
    Json(json!({ "connectors": list, "total": CONNECTORS.len() }))
}

/// `/connectors/{id}` accepts the UUID (stable) or the numeric id (domain-specific).
async fn connector(Path(id): Path<String>) -> Result<Json<Value>, crate::error::ApiError> {
    CONNECTORS
        .iter()
        .position(|c| c.uuid == id || c.id.to_string() == id)
        .map(|index| Json(connector_json(index)))
        .ok_or_else(crate::error::ApiError::not_found)
}

async fn account_types() -> Json<Value> {
    let list: Vec<Value> = ACCOUNT_TYPES
        .iter()
        .map(|(id, name, parent, invest, one, many)| {
            json!({ "id": id, "name": name, "id_parent": parent, "is_invest": invest, "display_name": one, "display_name_p": many })
        })
        .collect();
    Json(json!({ "accounttypes": list }))
}

async fn currencies() -> Json<Value> {
    let list: Vec<Value> = [EUR, USD, CHF, GBP]
        .iter()
        .map(|c| json!({ "id": c.code, "name": c.name, "symbol": c.symbol, "precision": c.precision, "crypto": false, "prefix": c.code == "USD" }))
        .collect();
    Json(json!({ "currencies": list }))
}
