//! OpenAPI conformance of the sandbox: owns the check that every endpoint the sandbox serves and Powens' own OpenAPI
//! 3.0 description covers answers with a body that validates against the documented response schema, and the one
//! list of deliberate divergences from that description ([`DIVERGENCES`]).
//!
//! The description is test data kept outside the project (in `../shared/powens-openapi/*.yml` beside the
//! workspace) and is read at run time from the folder named by `PFO_POWENS_OPENAPI_DIR`, which `.ci/run` sets. When
//! the variable is set, a missing or unreadable folder fails the tests; when it is not (a plain clone with nothing
//! beside it), each test says on stderr that the suite was not run and why. Its `$ref`s are inlined across files and its OpenAPI 3.0
//! schema dialect is turned into JSON Schema 2020-12 before validation. Adding an endpoint is one line in [`CASES`].
//!
//! Long because it is one suite with one list: the endpoints checked, the schema resolution they share, and the
//! divergences, which must stay next to the checks that would fail without them.

use jsonschema::error::ValidationErrorKind;
use jsonschema::{Draft, ValidationError};
use powens_sandbox::{start, RunningSandbox, SandboxConfig};
use serde_json::{json, Map, Value};
use std::collections::BTreeMap;
use std::path::PathBuf;
use Auth::{Anonymous, Bearer, Credentials};
use Described::{Documented, Schema};

// ---------------------------------------------------------------------------------------------------------------
// What is checked
// ---------------------------------------------------------------------------------------------------------------

/// How a case authenticates.
#[derive(Debug, Clone, Copy)]
enum Auth {
    /// No `Authorization` header and no body.
    Anonymous,
    /// `Authorization: Bearer <permanent token>` obtained from `POST /auth/init`.
    Bearer,
    /// A JSON body with the sandbox's `client_id` and `client_secret` (for `POST /auth/init`).
    Credentials,
}

/// Where the OpenAPI describes a case's body.
#[derive(Debug, Clone, Copy)]
enum Described {
    /// The `application/json` schema of the case's method and status on `path`, as keyed under `paths` in `file`
    /// (and published by the root `powens-api.yml`).
    Response { file: &'static str, path: &'static str },
    /// A schema at `file.yml#/json/pointer`, for bodies no operation lists with that status (such as a 401).
    Schema(&'static str),
    /// A schema transcribed here from Powens' documentation, for a route the OpenAPI does not have (see
    /// [`NOT_IN_THE_OPENAPI`]); its `$ref`s point into the OpenAPI files for the parts they do describe.
    Documented(&'static str),
}

/// One request to the sandbox and the OpenAPI schema its body must satisfy.
#[derive(Debug)]
struct Case {
    label: &'static str,
    /// Lower case, as the OpenAPI path items key it; also the HTTP method sent.
    method: &'static str,
    /// Path and query under the base URL; `{connection}` stands for the first connection of the household,
    /// `{account}` for its first account and `{source}` for that connection's source.
    url: &'static str,
    auth: Auth,
    /// The status the sandbox must answer with; for [`Described::Response`] also the documented response's key.
    status: u16,
    described: Described,
}

const fn op(file: &'static str, path: &'static str) -> Described {
    Described::Response { file, path }
}

const fn case(
    label: &'static str,
    method: &'static str,
    url: &'static str,
    auth: Auth,
    status: u16,
    described: Described,
) -> Case {
    Case { label, method, url, auth, status, described }
}

/// Every endpoint the sandbox serves that the OpenAPI covers, or that Powens documents elsewhere, one line each.
///
/// Routes absent from the OpenAPI are listed in [`NOT_IN_THE_OPENAPI`] with what their bodies are held to. No
/// operation documents a 401; every error shares `ServiceError`.
#[rustfmt::skip]
const CASES: &[Case] = &[
    case("auth init",                       "post", "/auth/init",                                      Credentials, 200, op("authentication.yml", "/auth/init")),
    case("connections",                     "get",  "/users/me/connections",                           Bearer,      200, op("connections.yml", "/users/me/connections")),
    case("connections, connector expanded", "get",  "/users/me/connections?expand=connector",          Bearer,      200, op("connections.yml", "/users/me/connections")),
    case("accounts",                        "get",  "/users/me/accounts",                              Bearer,      200, op("bank-accounts.yml", "/users/me/accounts")),
    case("accounts, all",                   "get",  "/users/me/accounts?all",                          Bearer,      200, op("bank-accounts.yml", "/users/me/accounts")),
    case("accounts of a connection",        "get",  "/users/me/connections/{connection}/accounts",     Bearer,      200, op("bank-accounts.yml", "/users/me/accounts")),
    case("accounts of a connection, all",   "get",  "/users/me/connections/{connection}/accounts?all", Bearer,      200, op("bank-accounts.yml", "/users/me/accounts")),
    case("transactions",                    "get",  "/users/me/transactions?limit=200",                Bearer,      200, op("bank-transactions.yml", "/users/me/transactions")),
    case("transactions, all",               "get",  "/users/me/transactions?limit=1000&all",           Bearer,      200, op("bank-transactions.yml", "/users/me/transactions")),
    case("connections, sources expanded",   "get",  "/users/me/connections?expand=connector,sources",  Bearer,      200, op("connections.yml", "/users/me/connections")),
    case("one connection",                  "get",  "/users/me/connections/{connection}",              Bearer,      200, op("connections.yml", "/users/me/connections/{connectionId}")),
    case("temporary code",                  "get",  "/auth/token/code?type=singleAccess",              Bearer,      200, op("authentication.yml", "/auth/token/code")),
    case("the token's user",                "get",  "/users/me",                                       Bearer,      200, op("users.yml", "/users/me")),
    case("connectors",                      "get",  "/connectors",                                     Anonymous,   200, op("connectors.yml", "/connectors")),
    case("account types",                   "get",  "/account_types",                                  Anonymous,   200, op("bank-account-types.yml", "/account_types")),
    case("error, missing token",            "get",  "/users/me/accounts",                              Anonymous,   401, Schema("core.yml#/components/schemas/ServiceError")),
    case("account ownerships",              "get",  "/users/me/account_ownerships",                    Bearer,      200, Documented(ACCOUNT_OWNERSHIPS)),
    case("account ownerships, all",         "get",  "/users/me/account_ownerships?all",                Bearer,      200, Documented(ACCOUNT_OWNERSHIPS)),
    case("forced sync",                     "put",  "/users/me/connections/{connection}?expand=sources", Bearer,    200, Schema("connections.yml#/components/schemas/Connection")),
    case("update with an empty body (sync)", "post", "/users/me/connections/{connection}",             Bearer,      200, op("connections.yml", "/users/me/connections/{connectionId}")),
    case("one account",                     "get",  "/users/me/accounts/{account}",                    Bearer,      200, op("bank-accounts.yml", "/users/me/accounts/{accountId}")),
    case("sources of a connection",         "get",  "/users/me/connections/{connection}/sources",      Bearer,      200, Documented(CONNECTION_SOURCES)),
    case("one source",                      "get",  "/users/me/connections/{connection}/sources/{source}", Bearer,  200, Schema("connections.yml#/components/schemas/ConnectionSource")),
    case("sync logs",                       "get",  "/users/me/connections/{connection}/logs",         Bearer,      200, Documented(CONNECTION_LOGS)),
];

/// A route the sandbox serves that Powens documents but its OpenAPI files do not have.
#[derive(Debug)]
struct NotInTheOpenApi {
    /// The path as the root document would key it.
    path: &'static str,
    /// Where Powens documents it, and what its body is held to here.
    why: &'static str,
}

/// The routes outside the OpenAPI: `routes_outside_the_openapi_are_still_outside_it` fails when one appears in it,
/// so that its case moves to the published schema.
const NOT_IN_THE_OPENAPI: &[NotInTheOpenApi] = &[
    NotInTheOpenApi {
        path: "/users/me/connections/{connectionId}/accounts",
        why: "fact sheet §4.3: documented as an alias of the accounts list with the same body, so held to that \
              list's schema",
    },
    NotInTheOpenApi {
        path: "/users/me/account_ownerships",
        why: "Powens' account-ownerships page only (a feature \"not activated by default on your domain\"; wealth \
              reference §1.7), which documents `GET /users/{user_id}/account_ownerships` and no route per \
              connection or per account, and no query parameter (the sandbox takes `all`, `offset` and `limit` \
              as the accounts list does). The page gives the 200 body as \"AccountOwnership object\" under the \
              title \"List of account ownerships\"; the sandbox answers Powens' list envelope \
              `{\"account_ownerships\": [...]}`, as py-powens reads it. Held to ACCOUNT_OWNERSHIPS, transcribed \
              from the page",
    },
    NotInTheOpenApi {
        path: "/users/me/connections/{connectionId}/sources",
        why: "Powens' connections page only (\"List sources of a connection\", `?all` for disabled sources); its 200 \
              body is the page's ConnectionSourcesList `{\"sources\": [ConnectionSource]}` (the page's link points at \
              the wrong anchor), held to CONNECTION_SOURCES with the OpenAPI's ConnectionSource",
    },
    NotInTheOpenApi {
        path: "/users/me/connections/{connectionId}/sources/{sourceId}",
        why: "Powens' connections page only (\"Get a connection source\"); held to the OpenAPI's ConnectionSource",
    },
    NotInTheOpenApi {
        path: "/users/me/connections/{connectionId}/logs",
        why: "Powens' connections page only (\"List synchronization logs\", filters `limit`, `offset`, `min_date`, \
              `max_date`, `id_source`), which gives no body (its link points at the sources list). The sandbox answers \
              `{\"connectionlogs\": [...], \"total\": n}` with the legacy Budgea ConnectionLog fields, held to \
              CONNECTION_LOGS (transcribed from that legacy object; fact sheet §4.2: shape not documented)",
    },
    NotInTheOpenApi { path: "/users/me/investments", why: WEALTH },
    NotInTheOpenApi { path: "/users/me/accounts/{accountId}/investments", why: WEALTH },
    NotInTheOpenApi { path: "/users/me/connections/{connectionId}/investments", why: WEALTH },
    NotInTheOpenApi { path: "/users/me/investments/{investmentId}", why: WEALTH },
    NotInTheOpenApi { path: "/users/me/investments/{investmentId}/history", why: WEALTH },
    NotInTheOpenApi { path: "/investments/{investmentId}", why: WEALTH },
    NotInTheOpenApi { path: "/investments/{investmentId}/history", why: WEALTH },
    NotInTheOpenApi { path: "/users/me/marketorders", why: WEALTH },
    NotInTheOpenApi { path: "/users/me/accounts/{accountId}/marketorders", why: WEALTH },
    NotInTheOpenApi { path: "/users/me/connections/{connectionId}/marketorders", why: WEALTH },
    NotInTheOpenApi { path: "/users/me/marketorders/{marketOrderId}", why: WEALTH },
    NotInTheOpenApi { path: "/marketorders/{marketOrderId}", why: WEALTH },
    NotInTheOpenApi { path: "/users/me/amortizations", why: WEALTH },
    NotInTheOpenApi { path: "/users/me/accounts/{accountId}/amortizations", why: WEALTH },
    NotInTheOpenApi { path: "/users/me/connections/{connectionId}/amortizations", why: WEALTH },
];

/// Why the Wealth & Loans routes are outside the OpenAPI, and what holds their bodies instead.
const WEALTH: &str = "Powens' Wealth & Loans pages only (investments, market orders, loan amortizations; wealth reference \
                      §1.3, §1.4, §1.6), with the aliases per account and per connection they list, and the wealth guide's \
                      `/users/me/investments/{id}/history`. No OpenAPI file covers them: their bodies are held to the field \
                      tables of `powens_sandbox::fields` (one row per documented field, with its source) by tests/wealth.rs, \
                      which runs without the OpenAPI files; `powens_sandbox::fields::DIVERGENCES` lists where the sandbox \
                      departs from those pages";

/// The account ownerships list as Powens' account-ownerships page describes it, fields and roles exactly; `usage`
/// and `scheme_name` refer to the page's BankAccountUsage and AccountSchemeName, which the OpenAPI describes.
/// Nothing undocumented is allowed in, so the sandbox cannot invent a field here unnoticed.
const ACCOUNT_OWNERSHIPS: &str = r##"{
    "type": "object",
    "required": ["account_ownerships"],
    "additionalProperties": false,
    "properties": {"account_ownerships": {"type": "array", "items": {
        "type": "object",
        "required": ["id_account", "id_connection", "id_user", "id_connector_source", "name", "bank_name",
                     "multiple_holders", "calculated", "usage", "parties", "identifications"],
        "additionalProperties": false,
        "properties": {
            "id_account": {"$ref": "core.yml#/components/schemas/Id"},
            "id_connection": {"$ref": "core.yml#/components/schemas/Id"},
            "id_user": {"$ref": "core.yml#/components/schemas/Id"},
            "id_connector_source": {"$ref": "core.yml#/components/schemas/Id"},
            "name": {"type": ["string", "null"]},
            "bank_name": {"type": ["string", "null"]},
            "multiple_holders": {"type": ["boolean", "null"]},
            "calculated": {"type": "array", "items": {"enum": ["multiple_holders"]}, "maxItems": 1},
            "usage": {"$ref": "bank-accounts.yml#/components/schemas/BankAccountUsage"},
            "parties": {"type": "array", "items": {
                "type": "object",
                "required": ["role", "identity"],
                "additionalProperties": false,
                "properties": {
                    "role": {"enum": ["holder", "co_holder", "attorney", "custodian_for_minor", "legal_guardian",
                                      "nominee", "successor_on_death", "trustee", "unknown"]},
                    "identity": {
                        "type": "object",
                        "required": ["is_user", "full_name"],
                        "additionalProperties": false,
                        "properties": {"is_user": {"type": ["boolean", "null"]}, "full_name": {"type": "string"}}
                    }
                }
            }},
            "identifications": {"type": "array", "items": {
                "type": "object",
                "required": ["scheme_name", "identification"],
                "additionalProperties": false,
                "properties": {
                    "scheme_name": {"$ref": "bank-transactions.yml#/components/schemas/AccountSchemeName"},
                    "identification": {"type": "string"}
                }
            }}
        }
    }}}
}"##;

/// The ConnectionSourcesList of Powens' connections page.
const CONNECTION_SOURCES: &str = r##"{
    "type": "object",
    "required": ["sources"],
    "additionalProperties": false,
    "properties": {"sources": {"type": "array", "items": {"$ref": "connections.yml#/components/schemas/ConnectionSource"}}}
}"##;

/// The sync logs list: the legacy Budgea ConnectionLog (`cashbee-team/budgea_client: docs/ConnectionLog.md`, the
/// generated client of the Budgea OpenAPI) with `id_source` (the documented filter) and `state` (today's name of its
/// `error`), in a `connectionlogs` envelope with `total`. Nothing else is allowed in.
const CONNECTION_LOGS: &str = r##"{
    "type": "object",
    "required": ["connectionlogs", "total"],
    "additionalProperties": false,
    "properties": {
        "total": {"type": "integer", "minimum": 0},
        "connectionlogs": {"type": "array", "items": {
            "type": "object",
            "required": ["id", "id_connection", "timestamp"],
            "additionalProperties": false,
            "properties": {
                "id": {"$ref": "core.yml#/components/schemas/Id"},
                "id_user": {"$ref": "core.yml#/components/schemas/Id"},
                "id_connection": {"$ref": "core.yml#/components/schemas/Id"},
                "id_connector": {"$ref": "core.yml#/components/schemas/Id"},
                "id_source": {"$ref": "core.yml#/components/schemas/Id"},
                "start": {"type": ["string", "null"], "pattern": "^\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}$"},
                "timestamp": {"type": "string", "pattern": "^\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}$"},
                "next_try": {"type": ["string", "null"], "pattern": "^\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}$"},
                "state": {"oneOf": [{"$ref": "connections.yml#/components/schemas/ConnectionState"}, {"type": "null"}]},
                "error": {"oneOf": [{"$ref": "connections.yml#/components/schemas/ConnectionState"}, {"type": "null"}]},
                "error_message": {"type": ["string", "null"]},
                "nb_accounts": {"type": ["integer", "null"], "minimum": 0}
            }
        }}
    }
}"##;

/// A deliberate difference between the sandbox and the OpenAPI, backed by the fact sheet
/// (`shared/reference/powens-api.md`, which records what live Powens sends).
#[derive(Debug)]
struct Divergence {
    /// The schema replaced: `file.yml#/json/pointer` into the raw OpenAPI files, patched before `$ref`s are inlined.
    at: &'static str,
    /// The schema put there instead (JSON; `$ref`s in it resolve relative to the file of `at`).
    accept: &'static str,
    /// Why, citing the fact sheet.
    why: &'static str,
}

/// The only place where the sandbox is allowed to differ from the OpenAPI. Each entry must still be needed:
/// `every_divergence_is_still_needed` fails when dropping one leaves every case valid.
///
/// Where the docs and the OpenAPI disagree but the sandbox's answers satisfy both, nothing is patched. Account
/// `usage` is one: `PRIV`, `ORGA` or `ASSO` and never null in the OpenAPI (BankAccountUsage), `PRIV`, `ORGA` or
/// null in the docs, which also ask for a generic case for values to come; the sandbox sends `PRIV` and `ORGA`
/// only (on accounts and on account ownerships alike), and the client reads all of them and unknown ones.
const DIVERGENCES: &[Divergence] = &[
    Divergence {
        at: "bank-accounts.yml#/components/schemas/BankAccount/properties/bookmarked",
        accept: r#"{"type": ["boolean", "integer"], "minimum": 0, "maximum": 1}"#,
        why: "fact sheet §4.3 and §12: `bookmarked` is an int (0/1) in the docs and a bool in the OpenAPI",
    },
    Divergence {
        at: "connections.yml#/components/schemas/Connection/properties/error",
        accept: r##"{"oneOf": [{"$ref": "#/components/schemas/ConnectionState"}, {"type": "null"}]}"##,
        why: "fact sheet §4.2: `error` is a string or null (a deprecated copy of `state`, null after a good sync); \
              ConnectionState admits null in its `type` but not in its enum, so `error` is accepted as `state` is",
    },
    Divergence {
        at: "connections.yml#/components/schemas/ConnectionSource/properties/state",
        accept: r##"{"oneOf": [{"$ref": "#/components/schemas/ConnectionState"}, {"type": "null"}]}"##,
        why: "fact sheet §4.2 and §5.4: a source's `state` is null after a good sync, like the connection's; \
              ConnectionState admits null in its `type` but not in its enum",
    },
    Divergence {
        at: "bank-account-types.yml#/components/schemas/BankAccountType/properties/id",
        accept: r##"{"$ref": "core.yml#/components/schemas/Id"}"##,
        why: "fact sheet §4.5: account types are `{id, name, id_parent, …}` with a numeric id (accounts refer to it as \
              `id_type`); the OpenAPI points `id` at `CalendarBound`, a date, which is a slip in the description",
    },
    Divergence {
        at: "bank-account-types.yml#/components/schemas/BankAccountTypeName",
        accept: r#"{"type": "string", "minLength": 1}"#,
        why: "fact sheet §4.3, §4.5 and §9: account type names (an account's `type`, an account type's `name`) are \
              the string codes of an open list that includes `livret_a`, `ldds`, `cel`, `pel`, absent from the \
              OpenAPI enum",
    },
    Divergence {
        at: "bank-transactions.yml#/components/schemas/TransactionType",
        accept: r#"{"type": "string", "minLength": 1}"#,
        why: "fact sheet §4.4: transaction `type` is an open list; the current docs add `fee`, `market_order`, \
              `profit`, … and spell `loan_repayment` where the OpenAPI has `loan_payment`",
    },
    Divergence {
        at: "core.yml#/components/schemas/ServiceError/properties/code",
        accept: r#"{"type": "string", "minLength": 1}"#,
        why: "fact sheet §5.3: error codes are an open set; `invalidToken`, `notFound` and `invalidValue` are \
              outside the OpenAPI enum",
    },
    Divergence {
        at: "core.yml#/components/schemas/ServiceError/properties/request_id",
        accept: r#"{"type": ["integer", "string", "null"]}"#,
        why: "fact sheet §5.3 and §12: `request_id` is an integer in the docs and a string in the OpenAPI",
    },
];

// ---------------------------------------------------------------------------------------------------------------
// Tests
// ---------------------------------------------------------------------------------------------------------------

#[tokio::test]
async fn sandbox_bodies_conform_to_the_powens_openapi() {
    let Some(dir) = openapi_dir() else { return };
    let answers = fetch_all().await;
    let mut openapi = OpenApi::load(&dir);
    for divergence in DIVERGENCES {
        openapi.patch(divergence);
    }
    let failures = openapi.failures(&answers);
    assert!(
        failures.is_empty(),
        "sandbox bodies do not match the Powens OpenAPI (fix the sandbox, or record a divergence backed by the fact \
         sheet in DIVERGENCES):\n{}",
        failures.join("\n")
    );
}

#[tokio::test]
async fn every_divergence_is_still_needed() {
    let Some(dir) = openapi_dir() else { return };
    let answers = fetch_all().await;
    let mut unneeded = Vec::new();
    for (skipped, divergence) in DIVERGENCES.iter().enumerate() {
        let mut openapi = OpenApi::load(&dir);
        for (index, other) in DIVERGENCES.iter().enumerate() {
            if index != skipped {
                openapi.patch(other);
            }
        }
        if openapi.failures(&answers).is_empty() {
            unneeded.push(format!("{} ({})", divergence.at, divergence.why));
        }
    }
    assert!(
        unneeded.is_empty(),
        "every case validates without these DIVERGENCES entries; remove them:\n{}",
        unneeded.join("\n")
    );
}

#[test]
fn routes_outside_the_openapi_are_still_outside_it() {
    let Some(dir) = openapi_dir() else { return };
    let openapi = OpenApi::load(&dir);
    let published = openapi.files[ROOT]["paths"].as_object().expect("the root document has paths");
    for route in NOT_IN_THE_OPENAPI {
        assert!(
            !published.contains_key(route.path),
            "{} is now in the OpenAPI: hold its cases to the published schema and drop it from NOT_IN_THE_OPENAPI \
             ({})",
            route.path,
            route.why
        );
    }
    for case in CASES.iter().filter(|c| matches!(c.described, Documented(_))) {
        let path = case.url.split('?').next().unwrap_or_default().replace("{connection}", "{connectionId}");
        assert!(NOT_IN_THE_OPENAPI.iter().any(|r| r.path == path), "[{}] {path} is held to a documented schema but not listed", case.label);
    }
}

#[test]
fn openapi_3_0_idioms_become_json_schema() {
    let converted = to_json_schema(&json!({
        "type": "object",
        "example": {"nullable": 1},
        "x-unsigned": true,
        "properties": {
            "nullable": {"type": "string", "nullable": true, "format": "sql-date-time"},
            "example": {"type": "string", "nullable": true, "enum": ["a"]},
            "either": {"oneOf": [{"type": "integer"}, {"type": null}]},
            "composed": {"allOf": [{"type": "integer"}], "nullable": true},
        },
    }));
    assert_eq!(
        converted,
        json!({
            "type": "object",
            "properties": {
                "nullable": {"type": ["string", "null"], "format": "sql-date-time"},
                "example": {"type": ["string", "null"], "enum": ["a", null]},
                "either": {"oneOf": [{"type": "integer"}, {"type": "null"}]},
                "composed": {"anyOf": [{"allOf": [{"type": "integer"}]}, {"type": "null"}]},
            },
        }),
        "properties named like keywords are kept; OpenAPI-only keywords go"
    );
    let valid = json!({"nullable": "2024-01-15 09:30:00", "example": null, "either": null, "composed": null});
    assert!(validator(&converted).is_valid(&valid), "an unknown format such as sql-date-time is not a failure");
}

// ---------------------------------------------------------------------------------------------------------------
// Talking to the sandbox
// ---------------------------------------------------------------------------------------------------------------

/// The body the sandbox answered for a case.
struct Answer {
    case: &'static Case,
    body: Value,
}

/// Starts a sandbox and runs every case against it, checking the HTTP status.
async fn fetch_all() -> Vec<Answer> {
    let sandbox = start(SandboxConfig::default()).await.expect("start the sandbox");
    let http = reqwest::Client::new();
    let token = permanent_token(&http, &sandbox).await;
    let connection = sandbox.household().connections.first().expect("the household has a connection").id;
    let account = sandbox.household().accounts.iter().find(|a| a.id_connection == connection).expect("it has an account").id;
    // A little history first, so that the logs list has entries (a background sync, a failed one, a forced one).
    sandbox.advance(std::time::Duration::from_secs(86_400 + 3_600));
    sandbox.set_connection_state(connection, Some("websiteUnavailable"), Some("Maintenance"));
    sandbox.set_connection_state(connection, None, None);
    let mut answers = Vec::new();
    for case in CASES {
        // Past the forced syncs' cooldown, so that each sync case syncs.
        sandbox.advance(std::time::Duration::from_secs(600));
        let path = case
            .url
            .replace("{connection}", &connection.to_string())
            .replace("{account}", &account.to_string())
            .replace("{source}", &(connection * 10).to_string());
        let url = format!("{}{path}", sandbox.base_url());
        let method = reqwest::Method::from_bytes(case.method.to_uppercase().as_bytes()).expect("an HTTP method");
        let request = http.request(method, &url);
        let request = match case.auth {
            Anonymous => request,
            Bearer => request.bearer_auth(&token),
            Credentials => request.json(&credentials(&sandbox)),
        };
        let response = request.send().await.unwrap_or_else(|e| panic!("[{}] {url}: {e}", case.label));
        let status = response.status().as_u16();
        let text = response.text().await.expect("a response body");
        assert_eq!(status, case.status, "[{}] {} {url} answered {status}: {text}", case.label, case.method);
        let body =
            serde_json::from_str(&text).unwrap_or_else(|e| panic!("[{}] {url} is not JSON ({e}): {text}", case.label));
        answers.push(Answer { case, body });
    }
    answers
}

fn credentials(sandbox: &RunningSandbox) -> Value {
    json!({"client_id": sandbox.client_id(), "client_secret": sandbox.client_secret()})
}

async fn permanent_token(http: &reqwest::Client, sandbox: &RunningSandbox) -> String {
    let body: Value = http
        .post(format!("{}/auth/init", sandbox.base_url()))
        .json(&credentials(sandbox))
        .send()
        .await
        .expect("POST /auth/init")
        .json()
        .await
        .expect("a JSON body from /auth/init");
    body["auth_token"].as_str().unwrap_or_else(|| panic!("no auth_token in {body}")).to_string()
}

// ---------------------------------------------------------------------------------------------------------------
// The OpenAPI files
// ---------------------------------------------------------------------------------------------------------------

/// The root document, which references the others.
const ROOT: &str = "powens-api.yml";

/// The variable naming the folder of Powens' OpenAPI files.
const OPENAPI_DIR_VAR: &str = "PFO_POWENS_OPENAPI_DIR";

/// The folder named by `PFO_POWENS_OPENAPI_DIR`, or `None` (after saying so) when the variable is unset: the suite
/// then does not run, and says so rather than passing silently as if it had.
fn openapi_dir() -> Option<PathBuf> {
    match std::env::var_os(OPENAPI_DIR_VAR).filter(|dir| !dir.is_empty()) {
        Some(dir) => Some(PathBuf::from(dir)),
        None => {
            eprintln!(
                "NOT RUN: the OpenAPI conformance suite needs Powens' OpenAPI files; set {OPENAPI_DIR_VAR} to the \
                 folder holding powens-api.yml (.ci/run sets it to ../shared/powens-openapi)"
            );
            None
        }
    }
}

/// The OpenAPI files, as JSON values keyed by file name.
struct OpenApi {
    files: BTreeMap<String, Value>,
}

impl OpenApi {
    /// Reads every `*.yml` of `dir`; once the folder is named, a missing one is a failure, not a skip.
    fn load(dir: &std::path::Path) -> Self {
        let entries = std::fs::read_dir(dir).unwrap_or_else(|e| {
            panic!(
                "cannot read Powens' OpenAPI files at {} ({e}), named by {OPENAPI_DIR_VAR}: point it at the folder \
                 holding powens-api.yml, or unset it to leave the conformance suite out",
                dir.display()
            )
        });
        let mut files = BTreeMap::new();
        for entry in entries {
            let path = entry.expect("a directory entry").path();
            if path.extension().is_some_and(|e| e == "yml") {
                let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()));
                let value: Value =
                    serde_norway::from_str(&text).unwrap_or_else(|e| panic!("parse {} as YAML: {e}", path.display()));
                let name = path.file_name().expect("a file name").to_string_lossy().into_owned();
                files.insert(name, value);
            }
        }
        assert!(files.contains_key(ROOT), "{} has no {ROOT}: not Powens' OpenAPI description?", dir.display());
        Self { files }
    }

    /// Replaces the schema at a divergence's location with the one it accepts.
    fn patch(&mut self, divergence: &Divergence) {
        let (file, pointer) = split_location(divergence.at);
        let accept: Value = serde_json::from_str(divergence.accept)
            .unwrap_or_else(|e| panic!("DIVERGENCES entry {}: `accept` is not JSON: {e}", divergence.at));
        let slot = self.files.get_mut(&file).and_then(|doc| doc.pointer_mut(&pointer));
        *slot.unwrap_or_else(|| panic!("DIVERGENCES entry {} points at nothing in the OpenAPI files", divergence.at)) =
            accept;
    }

    /// One message per case whose body does not validate (empty when all do).
    fn failures(&self, answers: &[Answer]) -> Vec<String> {
        let mut failures = Vec::new();
        for Answer { case, body } in answers {
            let (source, schema) = self.schema_for(case);
            let validator = validator(&schema);
            let mut lines = Vec::new();
            for error in validator.iter_errors(body) {
                describe(&error, 1, &mut lines);
            }
            if !lines.is_empty() {
                failures.push(format!(
                    "[{}] {} {} against {source}:\n{}",
                    case.label,
                    case.method,
                    case.url,
                    lines.join("\n")
                ));
            }
        }
        failures
    }

    /// The JSON Schema a case's body must satisfy, and where it comes from (for messages).
    fn schema_for(&self, case: &Case) -> (String, Value) {
        let (file, pointer) = match case.described {
            Described::Response { file, path } => {
                // The table may only name paths the root document publishes, from the file it says.
                let published = self.files[ROOT]["paths"][path]["$ref"].as_str().unwrap_or_default();
                assert!(
                    split_reference(ROOT, published).0 == file,
                    "[{}] {ROOT} does not publish {path} from {file} (it says {published:?})",
                    case.label
                );
                let pointer = format!(
                    "/paths/{}/{}/responses/{}/content/application~1json/schema",
                    escape_token(path),
                    case.method,
                    case.status
                );
                (file.to_string(), pointer)
            }
            Described::Schema(location) => split_location(location),
            Described::Documented(schema) => {
                let node: Value = serde_json::from_str(schema).unwrap_or_else(|e| panic!("[{}] the documented schema is not JSON: {e}", case.label));
                let schema = to_json_schema(&self.inline(ROOT, &node, &mut Vec::new()));
                return (format!("the documented schema of [{}]", case.label), schema);
            }
        };
        let (resolved_file, node) = self.walk(&file, &pointer);
        let schema = to_json_schema(&self.inline(&resolved_file, node, &mut Vec::new()));
        (format!("{file}#{pointer}"), schema)
    }

    /// The node at `pointer` in `file`, following the `$ref`s met on the way; returns the file it ends in.
    fn walk(&self, file: &str, pointer: &str) -> (String, &Value) {
        let mut file = file.to_string();
        let mut node = self.files.get(&file).unwrap_or_else(|| panic!("no OpenAPI file {file}"));
        for token in pointer.split('/').skip(1) {
            while let Some(reference) = node.get("$ref").and_then(Value::as_str) {
                let (target_file, target_pointer) = split_reference(&file, reference);
                let (resolved_file, resolved) = self.walk(&target_file, &target_pointer);
                file = resolved_file;
                node = resolved;
            }
            let token = token.replace("~1", "/").replace("~0", "~");
            node = match node {
                Value::Object(map) => map.get(&token),
                Value::Array(items) => token.parse::<usize>().ok().and_then(|i| items.get(i)),
                _ => None,
            }
            .unwrap_or_else(|| panic!("{file}#{pointer}: no `{token}` there"));
        }
        (file, node)
    }

    /// `node` (from `file`) with every `$ref` replaced by its target, recursively.
    ///
    /// Keywords beside a `$ref` are dropped, as OpenAPI 3.0 says; in these files they are only `description` and
    /// `deprecated`. A `$ref` already being expanded higher up (Connection.accounts -> BankAccount.connection ->
    /// Connection) becomes `{}`: it is only reachable through nested expands the sandbox does not serve.
    fn inline(&self, file: &str, node: &Value, expanding: &mut Vec<String>) -> Value {
        match node {
            Value::Object(map) => {
                if let Some(reference) = map.get("$ref").and_then(Value::as_str) {
                    let (target_file, target_pointer) = split_reference(file, reference);
                    let key = format!("{target_file}#{target_pointer}");
                    if expanding.contains(&key) {
                        return json!({});
                    }
                    let (resolved_file, target) = self.walk(&target_file, &target_pointer);
                    expanding.push(key);
                    let inlined = self.inline(&resolved_file, target, expanding);
                    expanding.pop();
                    inlined
                } else {
                    Value::Object(map.iter().map(|(k, v)| (k.clone(), self.inline(file, v, expanding))).collect())
                }
            }
            Value::Array(items) => Value::Array(items.iter().map(|v| self.inline(file, v, expanding)).collect()),
            other => other.clone(),
        }
    }
}

/// `file.yml#/pointer` into its file and its decoded JSON pointer.
fn split_location(location: &str) -> (String, String) {
    let (file, fragment) = location.split_once('#').unwrap_or_else(|| panic!("{location}: expected file.yml#/pointer"));
    (file.to_string(), percent_decode(fragment))
}

/// A `$ref` met in `file` (`#/x`, `other.yml#/x`, `./other.yml#/x`) into the file and decoded pointer it targets.
fn split_reference(file: &str, reference: &str) -> (String, String) {
    let (target, fragment) = reference.split_once('#').unwrap_or((reference, ""));
    let target = target.trim_start_matches("./");
    // All the files sit in one folder; a path would need real resolution.
    assert!(!target.contains('/'), "{file}: $ref {reference} leaves the OpenAPI folder");
    let target = if target.is_empty() { file } else { target };
    (target.to_string(), percent_decode(fragment))
}

/// `$ref` fragments are URI fragments: the root document writes `{` as `%7B`.
fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut decoded = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes.get(i + 1..i + 3).and_then(|h| std::str::from_utf8(h).ok());
        match (bytes[i], hex.and_then(|h| u8::from_str_radix(h, 16).ok())) {
            (b'%', Some(byte)) => {
                decoded.push(byte);
                i += 3;
            }
            (byte, _) => {
                decoded.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8(decoded).expect("a UTF-8 $ref fragment")
}

/// One JSON pointer token (RFC 6901).
fn escape_token(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}

// ---------------------------------------------------------------------------------------------------------------
// OpenAPI 3.0 schemas to JSON Schema 2020-12
// ---------------------------------------------------------------------------------------------------------------

/// Keywords that hold a map of schemas; their keys are names, not keywords (BankAccount has a property `type`).
const SCHEMA_MAPS: &[&str] = &["properties", "patternProperties", "$defs", "definitions", "dependentSchemas"];
/// Keywords that hold one schema.
const SCHEMA_VALUES: &[&str] = &[
    "items",
    "additionalProperties",
    "not",
    "contains",
    "propertyNames",
    "if",
    "then",
    "else",
    "unevaluatedProperties",
];
/// Keywords that hold a list of schemas.
const SCHEMA_LISTS: &[&str] = &["allOf", "anyOf", "oneOf", "prefixItems"];
/// OpenAPI-only keywords with no validation meaning in JSON Schema (`nullable` is rewritten, not just dropped).
const OPENAPI_ONLY: &[&str] = &["nullable", "example", "discriminator", "xml", "externalDocs"];

/// Rewrites an (inlined) OpenAPI 3.0 schema as JSON Schema: `nullable: true` admits `null`, `type: null` (YAML's
/// null, a 3.1-ism these files use) becomes `"null"`, and OpenAPI-only and `x-` extension keywords go.
fn to_json_schema(schema: &Value) -> Value {
    let Value::Object(map) = schema else { return schema.clone() };
    let mut out = Map::new();
    for (keyword, value) in map {
        if OPENAPI_ONLY.contains(&keyword.as_str()) || keyword.starts_with("x-") {
            continue;
        }
        let converted = match (keyword.as_str(), value) {
            (k, Value::Object(schemas)) if SCHEMA_MAPS.contains(&k) => {
                Value::Object(schemas.iter().map(|(name, s)| (name.clone(), to_json_schema(s))).collect())
            }
            (k, Value::Array(schemas)) if SCHEMA_LISTS.contains(&k) => {
                Value::Array(schemas.iter().map(to_json_schema).collect())
            }
            (k, s) if SCHEMA_VALUES.contains(&k) => to_json_schema(s),
            ("type", Value::Null) => json!("null"),
            ("type", Value::Array(types)) => {
                Value::Array(types.iter().map(|t| if t.is_null() { json!("null") } else { t.clone() }).collect())
            }
            (_, other) => other.clone(),
        };
        out.insert(keyword.clone(), converted);
    }
    if map.get("nullable") == Some(&Value::Bool(true)) {
        admit_null(out)
    } else {
        Value::Object(out)
    }
}

/// The JSON Schema form of `nullable: true` on an already converted schema.
fn admit_null(mut schema: Map<String, Value>) -> Value {
    match schema.get_mut("type") {
        Some(Value::String(single)) => {
            let single = std::mem::take(single);
            schema.insert("type".into(), json!([single, "null"]));
        }
        Some(Value::Array(types)) if !types.contains(&json!("null")) => types.push(json!("null")),
        Some(_) => {}
        // No `type` (a bare composition): `null` must pass beside whatever the composition demands.
        None => return json!({"anyOf": [Value::Object(schema), {"type": "null"}]}),
    }
    // `nullable` is read as "null is allowed" even beside an `enum` that does not list null (LoanType), which is
    // what these files mean; the OpenAPI 3.0.3 clarification would instead require `null` inside the enum.
    if let Some(Value::Array(values)) = schema.get_mut("enum") {
        if !values.contains(&Value::Null) {
            values.push(Value::Null);
        }
    }
    Value::Object(schema)
}

// ---------------------------------------------------------------------------------------------------------------
// Validation and its messages
// ---------------------------------------------------------------------------------------------------------------

fn validator(schema: &Value) -> jsonschema::Validator {
    jsonschema::options()
        .with_draft(Draft::Draft202012)
        // Formats the validator knows (date, uuid, regex…) are checked; OpenAPI's own ones (sql-date-time,
        // monetary, int64, iban…) are ignored, and the `pattern`s next to them carry the real constraint.
        .should_validate_formats(true)
        .should_ignore_unknown_formats(true)
        .build(schema)
        .unwrap_or_else(|e| panic!("the converted schema is not valid JSON Schema: {e}\n{schema:#}"))
}

/// One line per failure: the JSON pointer of the failing instance, the schema keyword and where it sits, then the
/// failures inside each branch of an `anyOf`/`oneOf`, indented, since the branch that was meant is the useful one.
fn describe(error: &ValidationError<'_>, depth: usize, lines: &mut Vec<String>) {
    let instance = match error.instance_path().as_str() {
        "" => "/",
        pointer => pointer,
    };
    let mut message = error.to_string();
    if message.len() > 200 {
        let cut = (0..=200).rev().find(|&i| message.is_char_boundary(i)).unwrap_or(0);
        message.truncate(cut);
        message.push('…');
    }
    lines.push(format!(
        "{:indent$}- instance {instance}: keyword `{}` at schema {}: {message}",
        "",
        error.kind().keyword(),
        error.schema_path(),
        indent = depth * 2
    ));
    if let ValidationErrorKind::AnyOf { context } | ValidationErrorKind::OneOfNotValid { context } = error.kind() {
        for (branch, errors) in context.iter().enumerate() {
            lines.push(format!("{:indent$}branch {branch}:", "", indent = depth * 2 + 2));
            for inner in errors {
                describe(inner, depth + 2, lines);
            }
        }
    }
}
