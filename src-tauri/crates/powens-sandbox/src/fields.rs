//! The fields of the Wealth & Loans resources, written down once with where Powens documents each: what the sandbox
//! serves is checked against these tables (the crate's `tests/wealth.rs`: every object has exactly these keys, with
//! values of these types), and the app's tests may read them too.
//!
//! Powens' OpenAPI files do not cover these resources, so each row cites Powens' page (with a stored mirror) or, for
//! a field the pages' tables leave out, the wealth guide's example or a live-tested client. Each row is
//! `(field, JSON types, source)`; types are `|`-separated among `integer`, `number`, `string`, `date`
//! (`YYYY-MM-DD`), `datetime` (`YYYY-MM-DD HH:MM:SS`), `boolean`, `array`, `object` and `null`. A type that departs
//! from the documented one says so in its source, and is also in [`DIVERGENCES`].

/// One documented field: its name, its JSON types, its source.
pub type Field = (&'static str, &'static str, &'static str);

const INVESTMENTS: &str = "https://docs.powens.com/api-reference/products/wealth-aggregation/investments \
                           (mirror TheNarciss/tangent:backend/docs/powens_reference/30-investments.md)";
const MARKET_ORDERS: &str = "https://docs.powens.com/api-reference/products/wealth-aggregation/market-orders \
                             (mirror TheNarciss/tangent:backend/docs/powens_reference/31-market-orders.md)";
const AMORTIZATIONS: &str = "https://docs.powens.com/api-reference/products/wealth-aggregation/loan-amortizations \
                             (mirror TheNarciss/tangent:backend/docs/powens_reference/33-loan-amortizations.md)";
const GUIDE: &str = "https://docs.powens.com/documentation/integration-guides/wealth-and-loans";
const ACCOUNTS: &str = "https://docs.powens.com/api-reference/products/data-aggregation/bank-accounts, Loan object \
                        (mirror TheNarciss/tangent:backend/docs/powens_reference/20-bank-accounts.md)";

/// `Investment` object.
pub const INVESTMENT_FIELDS: &[Field] = &[
    ("id", "integer", INVESTMENTS),
    ("id_account", "integer", INVESTMENTS),
    ("label", "string", INVESTMENTS),
    ("code", "string|null", INVESTMENTS),
    ("code_type", "string|null", "investments page (String: ISIN or AMF); null on the euro fund, which has no code — \
                                  militu/py-powens:src/powens/models/investment.py: documented-required fields arrive null live"),
    ("stock_symbol", "string|null", INVESTMENTS),
    ("source", "string", INVESTMENTS),
    ("description", "string|null", INVESTMENTS),
    ("quantity", "number|null", "investments page (Decimal); null on the euro fund — militu/py-powens:src/powens/models/investment.py"),
    ("unitprice", "number|null", "investments page (Decimal); null on the euro fund — militu/py-powens:src/powens/models/investment.py"),
    ("unitvalue", "number|null", "investments page (Decimal); null on the euro fund — militu/py-powens:src/powens/models/investment.py"),
    ("valuation", "number", INVESTMENTS),
    ("diff", "number", INVESTMENTS),
    ("diff_percent", "number", INVESTMENTS),
    ("prev_diff", "number|null", INVESTMENTS),
    ("prev_diff_percent", "number|null", INVESTMENTS),
    ("vdate", "date", INVESTMENTS),
    ("prev_vdate", "date|null", INVESTMENTS),
    ("portfolio_share", "number", INVESTMENTS),
    ("calculated", "array", INVESTMENTS),
    ("deleted", "date|null", INVESTMENTS),
    ("last_update", "datetime", INVESTMENTS),
    ("original_currency", "object|null", INVESTMENTS),
    ("original_valuation", "number|null", INVESTMENTS),
    ("original_unitvalue", "number|null", INVESTMENTS),
    ("original_unitprice", "number|null", INVESTMENTS),
    ("original_diff", "number|null", INVESTMENTS),
    ("details", "object|null", INVESTMENTS),
    ("id_security", "integer", "wealth guide's investments example (https://docs.powens.com/documentation/integration-guides/wealth-and-loans); \
                               cashbee-team/budgea_client:docs/Investment.md (\"ID of the related security\")"),
    ("stock_market", "string|null", "militu/py-powens:src/powens/models/investment.py (observed live, not in the reference)"),
];

/// `InvestmentDetails` object (the `details` of an investment, when not null).
pub const INVESTMENT_DETAILS_FIELDS: &[Field] = &[
    ("performance_1_year", "number|null", INVESTMENTS),
    ("performance_3_years", "number|null", INVESTMENTS),
    ("performance_5_years", "number|null", INVESTMENTS),
    ("srri", "number|null", INVESTMENTS),
    ("asset_category", "string|null", INVESTMENTS),
    ("recommended_period", "string|null", INVESTMENTS),
    ("last_update", "datetime|null", INVESTMENTS),
];

/// `InvestmentsList` object (the envelope of the investments lists).
pub const INVESTMENTS_LIST_FIELDS: &[Field] = &[
    ("investments", "array", INVESTMENTS),
    ("valuation", "number", INVESTMENTS),
    ("diff", "number", INVESTMENTS),
    ("diff_percent", "number", INVESTMENTS),
    ("prev_diff", "number", INVESTMENTS),
    ("prev_diff_percent", "number", INVESTMENTS),
    ("calculated", "array", INVESTMENTS),
    ("total", "integer", "wealth guide's investments example (https://docs.powens.com/documentation/integration-guides/wealth-and-loans)"),
];

/// `InvestmentHistoryValue` object.
pub const INVESTMENT_HISTORY_FIELDS: &[Field] = &[
    ("id", "integer", INVESTMENTS),
    ("id_investment", "integer", INVESTMENTS),
    ("vdate", "date", INVESTMENTS),
    ("unitvalue", "number", INVESTMENTS),
    ("original_currency", "object|null", INVESTMENTS),
    ("original_unitvalue", "number|null", INVESTMENTS),
];

/// `InvestmentHistoryValuesList` object.
pub const INVESTMENT_HISTORY_LIST_FIELDS: &[Field] = &[
    ("investmentvalues", "array", INVESTMENTS),
    ("total", "integer", "wealth guide's investment history example (https://docs.powens.com/documentation/integration-guides/wealth-and-loans)"),
];

/// `MarketOrder` object.
pub const MARKET_ORDER_FIELDS: &[Field] = &[
    ("id", "integer", MARKET_ORDERS),
    ("id_account", "integer", MARKET_ORDERS),
    ("number", "string", MARKET_ORDERS),
    ("label", "string", MARKET_ORDERS),
    ("code", "string|null", MARKET_ORDERS),
    ("stock_symbol", "string|null", MARKET_ORDERS),
    ("order_direction", "object", MARKET_ORDERS),
    ("order_type", "object", MARKET_ORDERS),
    ("stock_market", "string|null", MARKET_ORDERS),
    ("state", "string", MARKET_ORDERS),
    ("payment_method", "string", MARKET_ORDERS),
    ("date", "datetime|null", MARKET_ORDERS),
    ("execution_date", "datetime|null", MARKET_ORDERS),
    ("validity_date", "datetime|null", MARKET_ORDERS),
    ("quantity", "number|null", MARKET_ORDERS),
    ("amount", "number|null", MARKET_ORDERS),
    ("ordervalue", "number|null", MARKET_ORDERS),
    ("unitprice", "number|null", MARKET_ORDERS),
    ("unitvalue", "number|null", MARKET_ORDERS),
    ("deleted", "datetime|null", MARKET_ORDERS),
    ("last_update", "datetime", MARKET_ORDERS),
    ("created", "datetime", "wealth guide's market orders example (https://docs.powens.com/documentation/integration-guides/wealth-and-loans)"),
    ("webid", "string", "wealth guide's market orders example (https://docs.powens.com/documentation/integration-guides/wealth-and-loans)"),
];

/// `MarketOrderDirection` and `MarketOrderType` objects.
pub const MARKET_ORDER_KIND_FIELDS: &[Field] = &[("id", "integer", MARKET_ORDERS), ("name", "string", MARKET_ORDERS)];

/// `MarketOrdersList` object.
pub const MARKET_ORDERS_LIST_FIELDS: &[Field] = &[("marketorders", "array", MARKET_ORDERS)];

/// `LoanAmortization` object.
pub const LOAN_AMORTIZATION_FIELDS: &[Field] = &[
    ("id_account", "integer", AMORTIZATIONS),
    ("payment_date", "date|null", AMORTIZATIONS),
    ("amortization_amount", "object", AMORTIZATIONS),
    ("interest_amount", "object", AMORTIZATIONS),
    ("insurance_amount", "object", AMORTIZATIONS),
    ("total_payment_amount", "object", AMORTIZATIONS),
    ("remaining_capital", "object", AMORTIZATIONS),
    ("period", "string", "loan amortizations page (String, \"monthly (YYYY_MM) or annual (YYYY)\"); written YYYY-MM as the wealth \
                          guide's example has it (https://docs.powens.com/documentation/integration-guides/wealth-and-loans)"),
    ("calculated", "array", AMORTIZATIONS),
    ("deleted", "datetime|null", AMORTIZATIONS),
    ("last_update", "datetime", AMORTIZATIONS),
];

/// `MonetaryAmount` object (each amount of a loan amortization).
pub const MONETARY_AMOUNT_FIELDS: &[Field] = &[("currency", "string", AMORTIZATIONS), ("value", "number|null", AMORTIZATIONS)];

/// `LoanAmortizationsList` object.
pub const LOAN_AMORTIZATIONS_LIST_FIELDS: &[Field] = &[
    ("loanamortizations", "array", AMORTIZATIONS),
    ("total", "integer", "wealth guide's loan amortizations example (https://docs.powens.com/documentation/integration-guides/wealth-and-loans)"),
];

/// The additional attributes of a wealth account (on accounts of an investing type; the guide gives no types).
pub const WEALTH_ACCOUNT_FIELDS: &[Field] = &[
    ("valuation", "number", GUIDE),
    ("diff", "number", GUIDE),
    ("diff_percent", "number", GUIDE),
    ("prev_diff", "number", GUIDE),
    ("prev_diff_percent", "number", GUIDE),
];

/// `Loan` object (the `loan` of a loan account), every field of the current documentation.
pub const LOAN_FIELDS: &[Field] = &[
    ("total_amount", "number|null", ACCOUNTS),
    ("available_amount", "number|null", ACCOUNTS),
    ("used_amount", "number|null", ACCOUNTS),
    ("subscription_date", "date|null", ACCOUNTS),
    ("maturity_date", "date|null", ACCOUNTS),
    ("start_repayment_date", "date|null", ACCOUNTS),
    ("deferred", "boolean|null", ACCOUNTS),
    ("next_payment_amount", "number|null", ACCOUNTS),
    ("next_payment_date", "date|null", ACCOUNTS),
    ("rate", "number|null", ACCOUNTS),
    ("nb_payments_left", "integer|null", ACCOUNTS),
    ("nb_payments_done", "integer|null", ACCOUNTS),
    ("nb_payments_total", "integer|null", ACCOUNTS),
    ("last_payment_amount", "number|null", ACCOUNTS),
    ("last_payment_date", "date|null", ACCOUNTS),
    ("account_label", "string|null", ACCOUNTS),
    ("insurance_label", "string|null", ACCOUNTS),
    ("insurance_amount", "number|null", ACCOUNTS),
    ("insurance_rate", "number|null", ACCOUNTS),
    ("duration", "integer|null", ACCOUNTS),
    ("type", "string", ACCOUNTS),
];

/// Where the sandbox departs from Powens' documentation of these resources, and why: the lines to keep with the
/// project's list of divergences.
pub const DIVERGENCES: &[&str] = &[
    "Investment `quantity`, `unitprice`, `unitvalue`, `code_type`: Decimal/String in the investments page, null on the euro \
     fund (which has no code nor units; py-powens: documented-required investment fields arrive null live)",
    "Investment `details`: the reference's name; the wealth guide's example spells it `detail` (py-powens follows the reference)",
    "Investment `deleted`: a date (`YYYY-MM-DD`) as the investments page types it (Date), where market orders and amortizations \
     have a datetime; the legacy Budgea documentation typed it DateTime",
    "Investment `id_security` and `stock_market`, InvestmentsList and InvestmentHistoryValuesList `total`, MarketOrder `created` \
     and `webid`, LoanAmortizationsList `total`: not in the pages' tables, served as the wealth guide's examples (and py-powens, \
     for `stock_market`) show them; the guide's `id_type` is not served (its meaning is not documented)",
    "InvestmentsList `calculated`: the guide's example lists `pref_diff_percent`, a typo; the sandbox writes `prev_diff_percent`",
    "LoanAmortization `period`: `YYYY-MM` as the guide's example writes it; the page's table says `YYYY_MM`",
    "Investment `prev_diff` is the change since the previous value (investments page) while an account's `prev_diff` is the \
     `diff` of the previous sync (wealth guide): both are served with their own page's meaning",
    "Loan `rate` in percent (as the sandbox always sent it; the page gives no unit) but `insurance_rate` as a ratio (the page: \
     between 0 and 1); `insurance_amount` is the monthly premium",
    "InvestmentsList totals add lines of different currencies as they come when a list spans accounts in several currencies \
     (the pages say nothing of it; the accounts list's `balance` does the same)",
    "Pockets are not served: they belong to employee-savings accounts, which the demo household does not have",
];

/// Where the sandbox's connections, sources, sync logs and account updates depart from Powens' connections and
/// bank-accounts pages (mirrors TheNarciss/tangent:backend/docs/powens_reference/11-connections.md and
/// 20-bank-accounts.md) or from its OpenAPI files, and why; `tests/openapi.rs` holds the bodies.
pub const CONNECTION_DIVERGENCES: &[&str] = &[
    "`PUT /users/{u}/connections/{id}` (forced sync, `psu_requested`) is on the connections page but not in the OpenAPI \
     (which has only GET, POST and DELETE on the path); its body is held to the OpenAPI's Connection",
    "Sources (`…/sources`, `…/sources/{id}`) and sync logs (`…/logs`) are on the connections page only; the page gives no \
     body for the logs (its link points at the sources list): the sandbox serves `{\"connectionlogs\": [...], \"total\": n}` \
     with the legacy Budgea ConnectionLog fields (cashbee-team/budgea_client:docs/ConnectionLog.md) plus `id_source` and \
     `state` — a guess, UNCONFIRMED live",
    "ConnectionUpdateRequest `resume`: Boolean on the page, a string with enum [true] in the OpenAPI; the sandbox takes \
     JSON true and \"true\" (and likewise for `refresh_auth`, `active`, and an account's `disabled`)",
    "Connection `expire`: \"highest value among expiration dates of connection sources\"; ConnectionSource `expire` is a \
     purge date for unfinished connections and `access_expire` the consent's end. The sandbox serves the consent's end \
     (its one source's `access_expire`) as the connection's `expire`, as it always did and as the app reads it, and null \
     as the source's `expire`",
    "ConnectionState: the page lists `notSupported`, the OpenAPI enum does not; the sandbox never sends it. A source's \
     `state` is null after a good sync (\"string or null\" on the page, not nullable in the OpenAPI: patched there)",
    "Reconnect webview: the page says success adds nothing but `state` to the callback; the sandbox also adds \
     `connection_id` (as it always did)",
    "`POST …/connections/{id}` answers 202 with `?background=true`, as `api-design` describes 202 for syncs needing \
     more; the page lists only 200 and 400. A sync that meets an SCA or a decoupled approval still answers 200 (the \
     connection in `SCARequired` or `decoupled`)",
    "What a refused decoupled approval leaves is not documented: the sandbox turns the connection `actionNeeded`. A \
     resume sent before the approval turns it `validating` (the page's \"validation is being processed\") instead of \
     blocking until the user answers, as Powens' synchronous call would",
    "Disabling an account \"will result in the deletion of account child resources (transactions, investments, market \
     orders, balances)\" (bank-accounts page): the sandbox keeps serving what the account had when it was disabled \
     (frozen, under the same ids) and, once enabled again, catches up under the same ids; Powens would drop them and \
     may re-create them with new ids",
    "Enabling an account is \"the PSU's consent\" (bank-accounts page), which says nothing of an SCA: the sandbox enables \
     at once, and meets an SCA or approval only when a test armed the connection with `require_on_next_sync`",
    "Every strong authentication that completes (the reconnect webview, an approved decoupled resume) renews the \
     consent for 180 days from then (fact sheet §5.4, §7: PSD2 consents are renewed every 180 days); Powens reports \
     whatever the bank says",
    "`POST …/connections/{id}` with `expire` (\"set expiration of the connection\") or credential fields (for Agent-status \
     clients only) does not keep them: the request syncs as an empty body would",
];
