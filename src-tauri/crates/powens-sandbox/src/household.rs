//! The seeded demo household: which banks it uses, its connections and its accounts, and who holds each of them
//! (the people and entities themselves are in [`crate::family`]).
//!
//! Everything here is a pure function of the seed, so a test, the demo profile and a benchmark that pass the same
//! seed see the same household. Amounts are integer minor units (cents) so that no float rounding can creep into
//! the sandbox's notion of truth; they only become JSON numbers at the wire boundary.

use crate::family::HeldBy;
use crate::rng::SeededRng;

/// A bank as Powens lists it among its connectors.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Connector {
    /// Domain-specific numeric id (Powens ids are not stable across domains).
    pub id: i64,
    /// Stable connector UUID.
    pub uuid: &'static str,
    /// The bank's name as shown to users.
    pub name: &'static str,
    /// ISO country code of the bank.
    pub country: &'static str,
    /// What the bank tells Powens about an account's holders.
    pub holders: HoldersReport,
}

/// What a bank tells Powens about whether an account has several holders (`multiple_holders` of an account
/// ownership).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HoldersReport {
    /// The bank says it.
    Stated,
    /// The bank does not, and Powens works it out from the parties (`calculated: ["multiple_holders"]`).
    Calculated,
    /// Nobody can tell (`multiple_holders: null`).
    Unknown,
}

/// A currency as Powens describes it (`{id, name, symbol, precision}`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Currency {
    /// ISO 4217 code.
    pub code: &'static str,
    /// English name.
    pub name: &'static str,
    /// Display symbol.
    pub symbol: &'static str,
    /// Number of decimal places.
    pub precision: u32,
}

/// Euro.
pub const EUR: Currency = Currency { code: "EUR", name: "Euro", symbol: "€", precision: 2 };
/// US dollar.
pub const USD: Currency = Currency { code: "USD", name: "US Dollar", symbol: "$", precision: 2 };
/// Swiss franc.
pub const CHF: Currency = Currency { code: "CHF", name: "Swiss Franc", symbol: "CHF", precision: 2 };
/// Pound sterling (card payments abroad only).
pub const GBP: Currency = Currency { code: "GBP", name: "British Pound", symbol: "£", precision: 2 };

/// One bank connection of the household's Powens user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Connection {
    /// Powens connection id.
    pub id: i64,
    /// The bank behind it.
    pub connector: Connector,
    /// `null` when the last sync succeeded, otherwise a Powens connection state.
    pub state: Option<String>,
    /// Bank-provided message accompanying a non-null state.
    pub error_message: Option<String>,
    /// Whether Powens syncs it automatically.
    pub active: bool,
    /// PSD2 consent expiry (`YYYY-MM-DD HH:MM:SS`), if known.
    pub expire: Option<String>,
}

/// Loan details attached to a loan account: the terms its amortization schedule ([`crate::loan::schedule`]) is
/// computed from. What changes with time (payments made, next payment, remaining capital) is read from that schedule
/// at the sandbox clock.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Loan {
    /// Borrowed amount, minor units.
    pub total_amount_minor: i64,
    /// Annual rate in basis points.
    pub rate_bp: i64,
    /// Number of monthly payments.
    pub nb_payments_total: i64,
    /// The constant monthly instalment, principal and interest, minor units (the last one absorbs the roundings).
    pub installment_minor: i64,
    /// The monthly insurance premium paid on top of the instalment, minor units.
    pub insurance_minor: i64,
    /// The insurance's yearly rate on the borrowed amount, in basis points.
    pub insurance_rate_bp: i64,
    /// `mortgage`, `consumercredit`, `revolvingcredit` or `loan`.
    pub loan_type: &'static str,
    /// Subscription date `YYYY-MM-DD` (the money is lent that day).
    pub subscription_date: String,
    /// Date of the first payment `YYYY-MM-DD` (no deferral: the month after the subscription).
    pub start_repayment_date: String,
    /// Date of the last payment `YYYY-MM-DD`.
    pub maturity_date: String,
}

/// What the household pays each month for its mortgage, insurance included: the ledger's monthly debit on the
/// current account, which the mortgage's terms are sized to.
pub const MORTGAGE_PAYMENT_MINOR: i64 = 115_000;

/// The day of the month the mortgage is paid on (the ledger's debit day).
pub const MORTGAGE_PAYMENT_DAY: u32 = 5;

/// One bank account as the sandbox knows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Account {
    /// Powens account id.
    pub id: i64,
    /// Owning connection.
    pub id_connection: i64,
    /// Display name (editable at Powens).
    pub name: String,
    /// Name at the bank.
    pub original_name: String,
    /// Powens account type code (`checking`, `livret_a`, …).
    pub account_type: &'static str,
    /// Numeric id of that type in `/account_types`.
    pub id_type: i64,
    /// `PRIV` (a private account), `ORGA` (a professional one) or none.
    pub usage: Option<&'static str>,
    /// Who holds it at the bank.
    pub held_by: HeldBy,
    /// Account number at the bank.
    pub number: String,
    /// IBAN, when the account has one.
    pub iban: Option<String>,
    /// BIC of the bank.
    pub bic: String,
    /// Booked balance at the sandbox's start, minor units (negative for loans); the ledger leads up to it.
    pub balance_minor: i64,
    /// Account currency.
    pub currency: Currency,
    /// Set when the account is disabled (never consented or switched off).
    pub disabled: Option<String>,
    /// Set when the account disappeared at the bank.
    pub deleted: Option<String>,
    /// Opening date `YYYY-MM-DD`.
    pub opening_date: String,
    /// Loan details for loan accounts.
    pub loan: Option<Loan>,
}

/// The whole household: its connections and accounts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Household {
    /// Bank connections, by ascending id.
    pub connections: Vec<Connection>,
    /// Accounts of every connection, by ascending id (includes disabled and deleted ones).
    pub accounts: Vec<Account>,
}

/// The banks the demo household uses; a French high-street bank, an online bank and a Swiss private bank.
pub const CONNECTORS: [Connector; 4] = [
    Connector { id: 40, uuid: "338178e6-3d01-564f-9a7b-52ca442459bf", name: "Connecteur de test", country: "FR", holders: HoldersReport::Stated },
    Connector { id: 3, uuid: "5b2a1c7e-9d41-4f0b-8a2e-6f1e3c9d0a11", name: "BNP Paribas", country: "FR", holders: HoldersReport::Stated },
    Connector { id: 7, uuid: "8e4f2d19-6c3a-4b7e-9f10-2a5d8c7b3e22", name: "Boursorama Banque", country: "FR", holders: HoldersReport::Calculated },
    Connector { id: 112, uuid: "c1d7e3a5-2b9f-4e68-a0c4-7d3f5b1e9a33", name: "Swissquote", country: "CH", holders: HoldersReport::Unknown },
];

/// What each seeded account looks like before amounts and numbers are drawn.
struct Blueprint {
    connector_index: usize,
    name: &'static str,
    account_type: &'static str,
    id_type: i64,
    currency: Currency,
    /// Balance range in whole currency units.
    balance_units: (i64, i64),
    has_iban: bool,
    disabled: bool,
    usage: &'static str,
    held_by: HeldBy,
}

/// A private account (Powens' `usage`).
const PRIV: &str = "PRIV";
/// A professional account (Powens' `usage`).
const ORGA: &str = "ORGA";

/// How many accounts the seeded household has (before any extra everyday ones).
pub const SEEDED_ACCOUNTS: usize = BLUEPRINTS.len();

/// The seeded accounts, in id order. Append only: amounts and numbers are drawn in this order, so an account added
/// at the end leaves every earlier one (and its history) as it was. The last three came with the family office: the
/// child's savings, and the accounts of the holding company and of the SCI.
const BLUEPRINTS: [Blueprint; 13] = [
    Blueprint { connector_index: 1, name: "Compte de dépôt", account_type: "checking", id_type: 2, currency: EUR, balance_units: (1_500, 9_000), has_iban: true, disabled: false, usage: PRIV, held_by: HeldBy::Principal },
    Blueprint { connector_index: 1, name: "Livret A", account_type: "livret_a", id_type: 12, currency: EUR, balance_units: (8_000, 22_950), has_iban: false, disabled: false, usage: PRIV, held_by: HeldBy::Principal },
    Blueprint { connector_index: 1, name: "Compte sur livret", account_type: "savings", id_type: 3, currency: EUR, balance_units: (3_000, 15_000), has_iban: false, disabled: false, usage: PRIV, held_by: HeldBy::Principal },
    Blueprint { connector_index: 1, name: "Prêt immobilier", account_type: "loan", id_type: 6, currency: EUR, balance_units: (-245_000, -120_000), has_iban: false, disabled: false, usage: PRIV, held_by: HeldBy::Principal },
    Blueprint { connector_index: 2, name: "Compte joint", account_type: "checking", id_type: 2, currency: EUR, balance_units: (800, 6_000), has_iban: true, disabled: false, usage: PRIV, held_by: HeldBy::Spouses },
    Blueprint { connector_index: 2, name: "PEA", account_type: "pea", id_type: 15, currency: EUR, balance_units: (20_000, 95_000), has_iban: false, disabled: false, usage: PRIV, held_by: HeldBy::Principal },
    Blueprint { connector_index: 2, name: "Assurance vie Vitalia", account_type: "lifeinsurance", id_type: 8, currency: EUR, balance_units: (40_000, 180_000), has_iban: false, disabled: false, usage: PRIV, held_by: HeldBy::Principal },
    Blueprint { connector_index: 2, name: "Compte à terme", account_type: "deposit", id_type: 10, currency: EUR, balance_units: (5_000, 10_000), has_iban: false, disabled: true, usage: PRIV, held_by: HeldBy::Principal },
    Blueprint { connector_index: 3, name: "Compte privé CHF", account_type: "checking", id_type: 2, currency: CHF, balance_units: (2_000, 30_000), has_iban: true, disabled: false, usage: PRIV, held_by: HeldBy::Principal },
    Blueprint { connector_index: 3, name: "Compte titres USD", account_type: "market", id_type: 13, currency: USD, balance_units: (10_000, 60_000), has_iban: false, disabled: false, usage: PRIV, held_by: HeldBy::Principal },
    Blueprint { connector_index: 1, name: "Livret Jeune", account_type: "savings", id_type: 3, currency: EUR, balance_units: (300, 1_400), has_iban: false, disabled: false, usage: PRIV, held_by: HeldBy::Child },
    Blueprint { connector_index: 1, name: "Compte courant Holding", account_type: "checking", id_type: 2, currency: EUR, balance_units: (40_000, 160_000), has_iban: true, disabled: false, usage: ORGA, held_by: HeldBy::Holding },
    Blueprint { connector_index: 1, name: "Compte SCI", account_type: "checking", id_type: 2, currency: EUR, balance_units: (6_000, 25_000), has_iban: true, disabled: false, usage: ORGA, held_by: HeldBy::Sci },
];

/// The usages of the seeded accounts at a connector (as its `account_usages` lists them), `PRIV` when it has none.
pub fn usages_at(connector_index: usize) -> Vec<&'static str> {
    let mut usages = vec![PRIV];
    for blueprint in BLUEPRINTS.iter().filter(|b| b.connector_index == connector_index) {
        if !usages.contains(&blueprint.usage) {
            usages.push(blueprint.usage);
        }
    }
    usages
}

/// Generates the household for `seed`. `today` (`YYYY-MM-DD`) anchors consent expiry and loan dates.
pub fn generate(seed: u64, today: chrono::NaiveDate) -> Household {
    generate_sized(seed, today, 0)
}

/// Names of the extra everyday accounts of a larger household, used in turn (all the principal's: the family's
/// structures have their own seeded accounts).
const EXTRA_NAMES: [&str; 4] = ["Compte courant", "Compte enfant", "Carte de dépenses", "Compte vacances"];

/// The household for `seed` with `extra` everyday EUR current accounts added at the two French banks after the
/// seeded ones (drawn after them, so the seeded accounts are the same whatever `extra` is).
pub fn generate_sized(seed: u64, today: chrono::NaiveDate, extra: usize) -> Household {
    let mut rng = SeededRng::new(seed);
    let connections: Vec<Connection> = (1..CONNECTORS.len())
        .map(|index| {
            // PSD2 consents last 90 to 180 days. The draw stays the one it always was (every amount after it comes
            // from the same generator), mapped onto that range.
            let drawn = rng.between(60, 170);
            let consent_days = 90 + (drawn - 60) * 90 / 110;
            Connection {
                id: 100 + index as i64,
                connector: CONNECTORS[index].clone(),
                state: None,
                error_message: None,
                active: true,
                expire: Some(format!("{} 00:00:00", today + chrono::Days::new(consent_days as u64))),
            }
        })
        .collect();

    let accounts = BLUEPRINTS
        .iter()
        .enumerate()
        .map(|(index, blueprint)| {
            let connection = &connections[blueprint.connector_index - 1];
            let (low, high) = blueprint.balance_units;
            let balance_minor = rng.between(low * 100, high * 100);
            let number = rng.digits(11);
            let iban = blueprint.has_iban.then(|| iban_for(blueprint.connector_index, &number, &mut rng));
            let opened_years_ago = rng.between(2, 15) as u64;
            let opening = today - chrono::Days::new(opened_years_ago * 365);
            let loan = (blueprint.account_type == "loan").then(|| mortgage(opening, rng.between(95, 210), rng.between(20, 36)));
            // A loan account's balance is minus the capital still due; the ledger pins it at its pivot.
            let balance_minor = match &loan {
                Some(loan) => -crate::loan::remaining_at_pivot(loan),
                None => balance_minor,
            };
            Account {
                id: 1000 + index as i64 + 1,
                id_connection: connection.id,
                name: blueprint.name.to_string(),
                original_name: blueprint.name.to_uppercase(),
                account_type: blueprint.account_type,
                id_type: blueprint.id_type,
                usage: Some(blueprint.usage),
                held_by: blueprint.held_by,
                number,
                iban,
                bic: bic_for(blueprint.connector_index).to_string(),
                balance_minor,
                currency: blueprint.currency,
                disabled: blueprint.disabled.then(|| format!("{today} 06:00:00")),
                deleted: None,
                opening_date: opening.to_string(),
                loan,
            }
        })
        .collect::<Vec<Account>>();
    let mut accounts = accounts;
    for index in 0..extra {
        let connector_index = 1 + index % 2;
        let connection = &connections[connector_index - 1];
        let number = rng.digits(11);
        let iban = iban_for(connector_index, &number, &mut rng);
        accounts.push(Account {
            id: 1000 + accounts.len() as i64 + 1,
            id_connection: connection.id,
            name: format!("{} {}", EXTRA_NAMES[index % EXTRA_NAMES.len()], index / EXTRA_NAMES.len() + 2),
            original_name: EXTRA_NAMES[index % EXTRA_NAMES.len()].to_uppercase(),
            account_type: "checking",
            id_type: 2,
            usage: Some(PRIV),
            held_by: HeldBy::Principal,
            number,
            iban: Some(iban),
            bic: bic_for(connector_index).to_string(),
            balance_minor: rng.between(50_000, 900_000),
            currency: EUR,
            disabled: None,
            deleted: None,
            opening_date: (today - chrono::Days::new(rng.between(2, 15) as u64 * 365)).to_string(),
            loan: None,
        });
    }

    Household { connections, accounts }
}

/// The household's mortgage, subscribed on `opening` for twenty years at `rate_bp`, with an insurance of
/// `insurance_rate_bp` a year on the borrowed amount: the borrowed amount is the most that the monthly payment of
/// [`MORTGAGE_PAYMENT_MINOR`] (instalment and insurance) repays.
fn mortgage(opening: chrono::NaiveDate, rate_bp: i64, insurance_rate_bp: i64) -> Loan {
    let payments = 240;
    // The insurance depends on the borrowed amount and the borrowed amount on what the insurance leaves of the
    // payment: a few rounds settle it to the cent.
    let mut insurance = 0;
    let mut borrowed = 0;
    for _ in 0..8 {
        borrowed = crate::loan::principal_for(MORTGAGE_PAYMENT_MINOR - insurance, rate_bp, payments);
        insurance = (borrowed * insurance_rate_bp + 60_000) / 120_000;
    }
    let first = first_payment_after(opening);
    let last = first.checked_add_months(chrono::Months::new(payments as u32 - 1)).expect("a date twenty years on");
    Loan {
        total_amount_minor: borrowed,
        rate_bp,
        nb_payments_total: payments,
        installment_minor: MORTGAGE_PAYMENT_MINOR - insurance,
        insurance_minor: insurance,
        insurance_rate_bp,
        loan_type: "mortgage",
        subscription_date: opening.to_string(),
        start_repayment_date: first.to_string(),
        maturity_date: last.to_string(),
    }
}

/// The first payment day of a loan subscribed on `opening`: the payment day of the following month.
fn first_payment_after(opening: chrono::NaiveDate) -> chrono::NaiveDate {
    use chrono::Datelike;
    let next_month = opening.with_day(1).and_then(|d| d.checked_add_months(chrono::Months::new(1))).expect("a next month");
    next_month.with_day(MORTGAGE_PAYMENT_DAY).expect("every month has a 5th")
}

fn bic_for(connector_index: usize) -> &'static str {
    match connector_index {
        1 => "BNPAFRPPXXX",
        2 => "BOUSFRPPXXX",
        _ => "SWQBCHZZXXX",
    }
}

/// Builds a syntactically valid IBAN (correct ISO 13616 check digits) for the account.
fn iban_for(connector_index: usize, number: &str, rng: &mut SeededRng) -> String {
    let (country, bban) = match connector_index {
        1 => ("FR", format!("30004{}{}{}", rng.digits(5), number, rng.digits(2))),
        2 => ("FR", format!("40618{}{}{}", rng.digits(5), number, rng.digits(2))),
        _ => ("CH", format!("08781{}", &format!("{number}0")[..12])),
    };
    let check = 98 - mod97(&format!("{bban}{country}00"));
    format!("{country}{check:02}{bban}")
}

/// The ISO 7064 mod-97 remainder of an IBAN-style string (letters count as 10..35).
fn mod97(text: &str) -> u32 {
    text.chars().fold(0u32, |acc, c| {
        let value = c.to_digit(36).expect("IBAN characters are alphanumeric");
        if value >= 10 {
            (acc * 100 + value) % 97
        } else {
            (acc * 10 + value) % 97
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> chrono::NaiveDate {
        chrono::NaiveDate::from_ymd_opt(2026, 11, 25).unwrap()
    }

    #[test]
    fn household_is_deterministic_per_seed() {
        assert_eq!(generate(42, today()), generate(42, today()));
        assert_ne!(generate(42, today()).accounts, generate(43, today()).accounts);
    }

    #[test]
    fn household_covers_the_required_banks_types_and_currencies() {
        let household = generate(42, today());
        assert!(household.connections.len() >= 3);
        let banks: std::collections::BTreeSet<_> = household.connections.iter().map(|c| c.connector.name).collect();
        assert_eq!(banks.len(), household.connections.len(), "each connection is at a different bank");
        let enabled: Vec<_> = household.accounts.iter().filter(|a| a.disabled.is_none()).collect();
        assert!(enabled.len() >= 8);
        for kind in ["checking", "savings", "livret_a", "pea", "lifeinsurance", "loan"] {
            assert!(enabled.iter().any(|a| a.account_type == kind), "missing {kind}");
        }
        for currency in ["EUR", "USD", "CHF"] {
            assert!(enabled.iter().any(|a| a.currency.code == currency), "missing {currency}");
        }
        let loan = enabled.iter().find(|a| a.account_type == "loan").unwrap();
        assert!(loan.balance_minor < 0 && loan.loan.is_some());
    }

    #[test]
    fn the_household_is_a_family_with_a_child_a_holding_and_an_sci() {
        let household = generate(42, today());
        assert_eq!(household.accounts.len(), SEEDED_ACCOUNTS);
        let held_by = |name: &str| household.accounts.iter().find(|a| a.name == name).map(|a| (a.held_by, a.usage));
        assert_eq!(held_by("Compte joint"), Some((HeldBy::Spouses, Some("PRIV"))));
        assert_eq!(held_by("Livret Jeune"), Some((HeldBy::Child, Some("PRIV"))));
        assert_eq!(held_by("Compte courant Holding"), Some((HeldBy::Holding, Some("ORGA"))));
        assert_eq!(held_by("Compte SCI"), Some((HeldBy::Sci, Some("ORGA"))));
        let principal_only = household.accounts.iter().filter(|a| a.held_by == HeldBy::Principal).count();
        assert_eq!(principal_only, SEEDED_ACCOUNTS - 4, "every other account is the principal's alone");
        assert!(household.accounts.iter().all(|a| a.usage.is_some()), "every account states its usage");
        assert_eq!(usages_at(1), ["PRIV", "ORGA"], "the companies bank where the principal does");
        assert_eq!(usages_at(0), ["PRIV"]);
    }

    #[test]
    fn extra_accounts_come_after_the_seeded_ones_and_leave_them_unchanged() {
        let seeded = generate(42, today());
        let larger = generate_sized(42, today(), 27);
        assert_eq!(larger.accounts.len(), 40);
        assert_eq!(larger.accounts[..SEEDED_ACCOUNTS], seeded.accounts[..]);
        assert!(larger.accounts[SEEDED_ACCOUNTS..].iter().all(|a| a.held_by == HeldBy::Principal && a.usage == Some("PRIV")));
    }

    #[test]
    fn the_mortgage_costs_the_monthly_payment_and_its_balance_is_the_capital_due_at_the_pivot() {
        for seed in [42, 7, 11, 1_234] {
            let household = generate(seed, today());
            let account = household.accounts.iter().find(|a| a.account_type == "loan").unwrap();
            let loan = account.loan.as_ref().unwrap();
            assert_eq!(loan.installment_minor + loan.insurance_minor, MORTGAGE_PAYMENT_MINOR);
            assert_eq!(loan.insurance_minor, (loan.total_amount_minor * loan.insurance_rate_bp + 60_000) / 120_000, "the insurance is on the borrowed amount");
            assert_eq!(account.balance_minor, -crate::loan::remaining_at_pivot(loan));
            assert!(-account.balance_minor < loan.total_amount_minor, "some capital was repaid by the pivot");
            assert_eq!(loan.subscription_date, account.opening_date);
            assert!(loan.subscription_date < loan.start_repayment_date && loan.start_repayment_date.ends_with("-05"));
            let schedule = crate::loan::schedule(loan);
            assert_eq!(schedule.last().unwrap().payment_date.to_string(), loan.maturity_date);
            assert!((95..=210).contains(&loan.rate_bp) && (20..=36).contains(&loan.insurance_rate_bp));
        }
    }

    #[test]
    fn generated_ibans_pass_the_mod97_check() {
        for account in generate(9, today()).accounts {
            if let Some(iban) = account.iban {
                let rearranged = format!("{}{}", &iban[4..], &iban[..4]);
                assert_eq!(mod97(&rearranged), 1, "{} fails mod 97", account.name);
            }
        }
    }
}
