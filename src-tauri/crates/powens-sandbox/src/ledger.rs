//! The household's transactions: a deterministic, compact ledger generated from the seed, and its life over time.
//!
//! Each transaction is a small fixed-size record (labels are indexes into static tables) so that millions fit in
//! memory and generate in well under a second per million. Time is part of the data: a transaction *appears* at
//! its scrape time, may stay pending (`coming`) until it *books* under the same id, and a few pending ones are
//! *deleted* at the bank instead. What a client sees is a pure function of the sandbox clock, so advancing the clock
//! replays exactly what Powens would have shown.
//!
//! Long because generation and replay share the compact record and its tables: splitting them would spread one
//! format over several files.

use crate::family::HeldBy;
use crate::household::{Account, Household};
use crate::rng::SeededRng;
use chrono::{Datelike, Days, NaiveDate, NaiveDateTime};

/// Seconds since the Unix epoch, in the sandbox's naive (Europe/Paris wall) time.
pub type Instant = i64;

/// Never (for `deleted_at`).
pub const NEVER: Instant = i64::MAX;

/// One transaction of the ledger.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Txn {
    /// Powens transaction id (unique across the household).
    pub id: i64,
    /// Index of the account in `Household::accounts`.
    pub account: u16,
    /// Debit date (`date`).
    pub date: NaiveDate,
    /// Signed amount in the account currency, minor units.
    pub value_minor: i64,
    /// Index into [`LABELS`].
    pub label: u16,
    /// For transfers between the family's accounts: the other account's index.
    pub other_account: Option<u16>,
    /// When Powens first scraped it.
    pub appears_at: Instant,
    /// When it booked (equal to `appears_at` when it was never pending).
    pub books_at: Instant,
    /// When the bank deleted it, or [`NEVER`].
    pub deleted_at: Instant,
    /// For card payments abroad: amount in the original currency (minor units) and that currency's index.
    pub original: Option<(i64, u8)>,
}

impl Txn {
    /// Visible to the API at `now`.
    pub fn visible(&self, now: Instant) -> bool {
        self.appears_at <= now
    }

    /// Pending (not yet booked) at `now`.
    pub fn coming(&self, now: Instant) -> bool {
        now < self.books_at
    }

    /// Deleted at the bank at `now`.
    pub fn deleted(&self, now: Instant) -> bool {
        self.deleted_at <= now
    }

    /// Booked and not deleted at `now`: counts in the balance.
    pub fn booked(&self, now: Instant) -> bool {
        self.books_at <= now && !self.deleted(now)
    }

    /// The last change visible at `now` (`last_update`).
    pub fn last_update(&self, now: Instant) -> Instant {
        [self.appears_at, self.books_at, self.deleted_at].into_iter().filter(|t| *t <= now).max().unwrap_or(self.appears_at)
    }
}

/// What a label says and how it is categorised.
#[derive(Debug, Clone, Copy)]
pub struct Label {
    /// Raw bank wording.
    pub original: &'static str,
    /// Cleaned wording.
    pub simplified: &'static str,
    /// Powens transaction type.
    pub kind: &'static str,
    /// Category code and parent code.
    pub category: (&'static str, &'static str),
    /// Counterparty name (creditor or debtor).
    pub counterparty: &'static str,
}

macro_rules! label {
    ($original:expr, $simplified:expr, $kind:expr, $code:expr, $parent:expr, $party:expr) => {
        Label { original: $original, simplified: $simplified, kind: $kind, category: ($code, $parent), counterparty: $party }
    };
}

/// Every label the generator uses. Indexes are part of the ledger's format: append only.
pub const LABELS: &[Label] = &[
    label!("VIR SEPA SALAIRE ACME INDUSTRIES", "Salaire Acme Industries", "transfer", "salary", "income", "ACME INDUSTRIES SAS"),
    label!("VIR SEPA SALAIRE HOPITAL SAINT-LOUIS", "Salaire Hôpital Saint-Louis", "transfer", "salary", "income", "AP-HP"),
    label!("PRLV SEPA ECHEANCE PRET IMMO", "Échéance prêt immobilier", "loan_repayment", "mortgage", "housing", "BNP PARIBAS PRETS"),
    label!("PRLV SEPA EDF CLIENTS PARTICULIERS", "EDF électricité", "order", "energy", "housing", "EDF"),
    label!("PRLV SEPA ORANGE SA", "Orange box internet", "order", "telecom", "subscriptions", "ORANGE SA"),
    label!("PRLV SEPA DGFIP IMPOT PRELEVEMENT", "Impôt sur le revenu", "order", "income_tax", "taxes", "DGFIP"),
    label!("CB CARREFOUR MARKET PARIS 15", "Carrefour Market", "card", "groceries", "food", "CARREFOUR MARKET"),
    label!("CB MONOPRIX PARIS 07", "Monoprix", "card", "groceries", "food", "MONOPRIX"),
    label!("CB PICARD SURGELES", "Picard", "card", "groceries", "food", "PICARD"),
    label!("CB BOULANGERIE DU MARCHE", "Boulangerie du Marché", "card", "groceries", "food", "BOULANGERIE DU MARCHE"),
    label!("CB LE PETIT BISTROT", "Le Petit Bistrot", "card", "restaurants", "food", "LE PETIT BISTROT"),
    label!("CB SNCF CONNECT", "SNCF Connect", "card", "transport", "transport", "SNCF VOYAGEURS"),
    label!("CB TOTALENERGIES STATION", "TotalEnergies", "card", "fuel", "transport", "TOTALENERGIES"),
    label!("CB RATP NAVIGO", "Navigo", "card", "transport", "transport", "RATP"),
    label!("CB FNAC DARTY", "Fnac", "card", "shopping", "shopping", "FNAC DARTY"),
    label!("CB DECATHLON", "Decathlon", "card", "sports", "leisure", "DECATHLON"),
    label!("CB PHARMACIE DES ECOLES", "Pharmacie des Écoles", "card", "health", "health", "PHARMACIE DES ECOLES"),
    label!("PRLV SEPA NETFLIX.COM", "Netflix", "order", "streaming", "subscriptions", "NETFLIX INTERNATIONAL"),
    label!("PRLV SEPA SPOTIFY", "Spotify", "order", "streaming", "subscriptions", "SPOTIFY AB"),
    label!("CB AMAZON EU SARL", "Amazon", "card", "shopping", "shopping", "AMAZON EU SARL"),
    label!("RETRAIT DAB BNP PARIS", "Retrait espèces", "withdrawal", "cash", "cash", "BNP PARIBAS"),
    label!("VIR VERS LIVRET A", "Virement vers Livret A", "transfer", "internal_transfer", "transfers", "FAMILLE"),
    label!("VIR RECU DEPUIS COMPTE COURANT", "Virement reçu", "transfer", "internal_transfer", "transfers", "FAMILLE"),
    label!("VERSEMENT PROGRAMME ASSURANCE VIE", "Versement assurance vie", "deposit", "investment", "savings", "VITALIA VIE"),
    label!("ACHAT ETF MSCI WORLD", "Achat ETF MSCI World", "market_order", "investment", "savings", "BOURSORAMA"),
    label!("DIVIDENDE ETF MSCI WORLD", "Dividende ETF", "profit", "dividends", "income", "BOURSORAMA"),
    label!("INTERETS CREDITEURS", "Intérêts", "bank", "interest", "income", "BANQUE"),
    label!("FRAIS TENUE DE COMPTE", "Frais bancaires", "fee", "bank_fees", "fees", "BANQUE"),
    label!("CB APPLE.COM/BILL", "Apple", "card", "subscriptions", "subscriptions", "APPLE DISTRIBUTION"),
    label!("CB AIRBNB PAYMENTS", "Airbnb", "card", "travel", "leisure", "AIRBNB PAYMENTS"),
    label!("REMBOURSEMENT CPAM", "Remboursement CPAM", "transfer", "health_refund", "health", "CPAM PARIS"),
    label!("CB MIGROS GENEVE", "Migros", "card", "groceries", "food", "MIGROS GENEVE"),
    label!("SWISSQUOTE TRADING FEE", "Frais de courtage", "fee", "bank_fees", "fees", "SWISSQUOTE"),
    label!("BUY VANGUARD S&P500 ETF", "Achat ETF S&P 500", "market_order", "investment", "savings", "SWISSQUOTE"),
    label!("CB UBER TRIP", "Uber", "card", "transport", "transport", "UBER BV"),
    label!("VIR SEPA LOYER APPARTEMENT T3", "Loyer appartement", "transfer", "rent", "income", "AGENCE IMMOBILIERE EXEMPLE"),
    label!("PRLV SEPA ECHEANCE PRET SCI", "Échéance prêt SCI", "loan_repayment", "mortgage", "housing", "BNP PARIBAS PRETS"),
    label!("PRLV SEPA DGFIP TAXE FONCIERE", "Taxe foncière", "order", "property_tax", "taxes", "DGFIP"),
    label!("VIR SEPA HONORAIRES DE GESTION", "Honoraires de gestion", "transfer", "business_income", "income", "EXEMPLE INDUSTRIE SAS"),
    label!("PRLV SEPA CABINET EXPERT COMPTABLE", "Expert-comptable", "order", "accounting_fees", "fees", "CABINET COMPTABLE EXEMPLE"),
    label!("VIR SEPA DISTRIBUTION DIVIDENDES", "Dividendes versés", "transfer", "dividends_paid", "transfers", "ASSOCIES"),
    label!("VIR SEPA CADEAU ANNIVERSAIRE", "Cadeau d'anniversaire", "transfer", "gifts", "income", "FAMILLE"),
];

const SALARY_A: u16 = 0;
const SALARY_B: u16 = 1;
const LOAN_DEBIT: u16 = 2;
const TRANSFER_OUT: u16 = 21;
const TRANSFER_IN: u16 = 22;
const LIFE_INSURANCE: u16 = 23;
pub(crate) const ETF_BUY: u16 = 24;
const DIVIDEND: u16 = 25;
const INTEREST: u16 = 26;
const INCOME_TAX: u16 = 5;
const BANK_FEES: u16 = 27;
const RENT: u16 = 35;
const SCI_LOAN_DEBIT: u16 = 36;
const PROPERTY_TAX: u16 = 37;
const MANAGEMENT_FEES: u16 = 38;
const ACCOUNTANT: u16 = 39;
const DIVIDENDS_PAID: u16 = 40;
const BIRTHDAY_GIFT: u16 = 41;
/// Everyday spending labels and their amount range in currency units, for EUR current accounts.
const SPENDING: &[(u16, i64, i64)] = &[
    (6, 15, 180), (7, 8, 95), (8, 12, 70), (9, 2, 18), (10, 25, 140), (11, 30, 220), (12, 40, 95), (13, 86, 86),
    (14, 15, 400), (15, 20, 250), (16, 5, 60), (17, 14, 18), (18, 11, 11), (19, 10, 150), (20, 40, 200),
    (28, 1, 15), (29, 90, 900), (34, 9, 45), (3, 60, 190), (4, 35, 45), (27, 3, 9), (30, 10, 80),
];
/// Spending in CHF.
const SPENDING_CHF: &[(u16, i64, i64)] = &[(31, 20, 260), (32, 9, 30), (34, 9, 45)];
pub(crate) const ETF_BUY_USD: u16 = 33;

/// Currencies that card payments abroad are made in.
pub const FOREIGN_CURRENCIES: [&str; 3] = ["USD", "GBP", "CHF"];

/// How much history to generate.
#[derive(Debug, Clone, Copy)]
pub struct LedgerConfig {
    /// Total transactions wanted across the household (visible at the anchor, plus those still to come).
    pub transactions: u64,
    /// Years of history before the anchor.
    pub years: u32,
}

impl Default for LedgerConfig {
    fn default() -> Self {
        Self { transactions: 6_000, years: 3 }
    }
}

/// Converts a naive datetime to an [`Instant`].
pub fn instant(at: NaiveDateTime) -> Instant {
    at.and_utc().timestamp()
}

/// Converts an [`Instant`] back to a naive datetime.
pub fn datetime(at: Instant) -> NaiveDateTime {
    chrono::DateTime::from_timestamp(at, 0).map(|d| d.naive_utc()).unwrap_or_default()
}

/// The ledger: transactions sorted by (date descending, id descending), the order the API pages in.
#[derive(Debug)]
pub struct Ledger {
    /// All transactions, newest first.
    pub txns: Vec<Txn>,
    /// Per account: balance before any transaction, minor units (so that the balance at the anchor matches the
    /// household's seeded balance).
    pub opening_minor: Vec<i64>,
}

/// Day zero of transaction ids and of the spending cadence, so that both are the same whatever window is generated.
const EPOCH: NaiveDate = match NaiveDate::from_ymd_opt(2000, 1, 1) {
    Some(date) => date,
    None => panic!("valid epoch"),
};

/// The date at which each account has its seeded balance (the first day of the window, if later).
pub(crate) const PIVOT: NaiveDate = match NaiveDate::from_ymd_opt(2026, 1, 1) {
    Some(date) => date,
    None => panic!("valid pivot"),
};

/// Generates the ledger of `household` over `config.years` before `anchor` and 120 days after it, so advancing the
/// clock reveals new activity.
///
/// Every day is generated from its own seed (the household seed and the date), and ids are the day number times
/// 1,000 plus the day's sequence. So the same date always holds the same transactions with the same ids, whatever
/// the anchor: a demo sandbox started tomorrow shows today's history unchanged, plus one more day. Everyday spending
/// is spread at a steady rate so that the window holds about `config.transactions`.
pub fn generate(household: &Household, seed: u64, anchor: NaiveDateTime, config: LedgerConfig) -> Ledger {
    let first_day = anchor.date() - Days::new(u64::from(config.years) * 365);
    let last_day = anchor.date() + Days::new(120);
    let span_days = (last_day - first_day).num_days() + 1;

    // The family's everyday life runs through the accounts the user holds; the child's savings and the companies'
    // accounts have flows of their own (see `structure_flows`).
    let accounts: Vec<(usize, &Account)> =
        household.accounts.iter().enumerate().filter(|(_, a)| a.disabled.is_none() && a.held_by.by_the_user()).collect();
    let structures: Vec<(usize, HeldBy)> = household
        .accounts
        .iter()
        .enumerate()
        .filter(|(_, a)| a.disabled.is_none() && !a.held_by.by_the_user())
        .map(|(i, a)| (i, a.held_by))
        .collect();
    let rent = SeededRng::new(seed ^ 0x5C11_E700_0000_0001).between(95_000, 140_000);
    let checking: Vec<usize> = accounts.iter().filter(|(_, a)| a.account_type == "checking" && a.currency.code == "EUR").map(|(i, _)| *i).collect();
    let find = |kind: &str| accounts.iter().find(|(_, a)| a.account_type == kind).map(|(i, _)| *i);
    let main = checking.first().copied();
    let spenders: Vec<usize> = accounts.iter().filter(|(_, a)| a.account_type == "checking").map(|(i, _)| *i).collect();

    // About 10 scheduled movements a month (salaries, loan, savings, investments), plus the structures' own;
    // everyday spending fills the rest of the wanted count. Rates, not counts over the window: a count would change
    // with the anchor, and with it every day's spending.
    let structures_per_day: f64 = structures.iter().map(|(_, held_by)| structure_flows_per_year(*held_by)).sum::<f64>() / 365.25;
    let scheduled_per_day = 10.4 / 30.44 + structures_per_day;
    let spend_rate = ((config.transactions as f64 / span_days as f64) - scheduled_per_day).max(0.0);
    // Spending is scaled so that a month of it costs about 85 % of the household's salaries: balances wander
    // like a real family's instead of drifting without bound.
    let income_per_month = if checking.len() > 1 { 7_000.0 } else { 4_000.0 };
    let mean_spend: f64 = SPENDING.iter().map(|(_, low, high)| (low + high) as f64 / 2.0).sum::<f64>() / SPENDING.len() as f64;
    let spend_scale = (0.85 * income_per_month / (spend_rate * 30.44 * mean_spend).max(1.0)).clamp(0.02, 1.0);

    let mortgage = find("loan").and_then(|index| household.accounts[index].loan.as_ref());
    let mortgage_schedule = mortgage.map(crate::loan::schedule).unwrap_or_default();
    let mortgage_payments: std::collections::HashMap<NaiveDate, crate::loan::Period> =
        mortgage_schedule.iter().map(|p| (p.payment_date, *p)).collect();

    let mut txns: Vec<Txn> = Vec::with_capacity(config.transactions as usize + 64);
    let mut day = first_day;
    while day <= last_day {
        let k = (day - EPOCH).num_days();
        let mut rng = SeededRng::new(seed ^ (k as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ 0x1ED6_E12A_B00C_5EED);
        let first_of_day = txns.len();
        if let Some(main) = main {
            if day.day() == 27 {
                push(&mut txns, main, day, rng_amount(&mut rng, 3_800, 4_200), SALARY_A, None);
            }
            if day.day() == 28 {
                if let Some(second) = checking.get(1).copied() {
                    push(&mut txns, second, day, rng_amount(&mut rng, 2_900, 3_100), SALARY_B, None);
                }
            }
            // The mortgage's payments as its schedule has them: the current account pays the whole of it, the
            // loan account receives the principal part (its balance is minus the capital still due).
            if let Some(period) = mortgage_payments.get(&day) {
                if let Some(loan) = find("loan") {
                    push(&mut txns, main, day, -period.total_minor, LOAN_DEBIT, Some(loan));
                    push(&mut txns, loan, day, period.principal_minor, LOAN_DEBIT, Some(main));
                }
            }
            if day.day() == 2 {
                if let Some(livret) = find("livret_a") {
                    let amount = rng_amount(&mut rng, 100, 300);
                    push(&mut txns, main, day, -amount, TRANSFER_OUT, Some(livret));
                    push(&mut txns, livret, day, amount, TRANSFER_IN, Some(main));
                }
            }
        }
        if day.day() == 10 {
            if let Some(life) = find("lifeinsurance") {
                push(&mut txns, life, day, 20_000, LIFE_INSURANCE, None);
            }
        }
        if day.day() == 15 && day.month() >= 9 {
            // Income tax, paid monthly from September to December.
            if let Some(main) = main {
                push(&mut txns, main, day, -rng_amount(&mut rng, 350, 650), INCOME_TAX, None);
            }
        }
        if day.day() == 15 {
            if let Some(pea) = find("pea") {
                push(&mut txns, pea, day, -rng_amount(&mut rng, 150, 400), ETF_BUY, None);
            }
        }
        if day.day() == 20 && day.month().is_multiple_of(6) {
            if let Some(pea) = find("pea") {
                push(&mut txns, pea, day, rng_amount(&mut rng, 40, 160), DIVIDEND, None);
            }
        }
        if day.day() == 12 {
            if let Some(market) = find("market") {
                // Cash paid in, then invested: the account's cash does not drift, its activity is realistic.
                let amount = rng_amount(&mut rng, 500, 4_000);
                push(&mut txns, market, day, amount, TRANSFER_IN, None);
                push(&mut txns, market, day, -amount, ETF_BUY_USD, None);
            }
        }
        if day.day() == 28 && day.month() == 12 {
            for (index, account) in &accounts {
                if matches!(account.account_type, "savings" | "livret_a") {
                    push(&mut txns, *index, day, rng_amount(&mut rng, 20, 400), INTEREST, None);
                }
            }
        }
        let spends = ((k + 1) as f64 * spend_rate).floor() as i64 - (k as f64 * spend_rate).floor() as i64;
        if !spenders.is_empty() {
            for _ in 0..spends {
                let account_index = spenders[(rng.next_u64() % spenders.len() as u64) as usize];
                let table = if household.accounts[account_index].currency.code == "EUR" { SPENDING } else { SPENDING_CHF };
                let (label, low, high) = table[(rng.next_u64() % table.len() as u64) as usize];
                let amount = -((rng.between(low * 100, high * 100) as f64 * spend_scale).round() as i64).max(1);
                push(&mut txns, account_index, day, amount, label, None);
            }
        }
        // From a stream of their own, so that their draws do not move the household's.
        let mut structure_rng = SeededRng::new(seed ^ (k as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ 0x57C7_0C7E_5EED_0002);
        for (index, held_by) in &structures {
            structure_flows(&mut txns, *index, *held_by, day, rent, &mut structure_rng);
        }
        for (sequence, txn) in txns[first_of_day..].iter_mut().enumerate() {
            txn.id = k * 1_000 + sequence as i64;
            shape_lifecycle(txn, &mut rng);
            if txn.label == LOAN_DEBIT {
                // Scraped without jitter, at the instant the loan's schedule counts the payment as made
                // (`loan::paid_at`): the loan account's balance and the loan's state switch together.
                txn.appears_at = instant(day.and_hms_opt(6, 0, 0).expect("valid time"));
                txn.books_at = txn.appears_at;
            }
        }
        day = day + Days::new(1);
    }
    // The API's page order: newest first.
    txns.sort_by(|a, b| b.date.cmp(&a.date).then(b.id.cmp(&a.id)));

    // Openings: the seeded balance holds at the end of the pivot day.
    let pivot = PIVOT.max(first_day);
    let pivot_instant = instant(pivot.and_hms_opt(23, 59, 59).expect("valid time"));
    let mut booked_at_pivot = vec![0i64; household.accounts.len()];
    for txn in txns.iter().filter(|t| t.booked(pivot_instant)) {
        booked_at_pivot[txn.account as usize] += txn.value_minor;
    }
    let mut opening_minor: Vec<i64> = household.accounts.iter().zip(&booked_at_pivot).map(|(a, booked)| a.balance_minor - booked).collect();
    // The mortgage's account opens at minus the capital due before the window: its balance then follows the
    // schedule whatever the pivot (equal to the seeded balance when the pivot is in the window).
    if let (Some(index), Some(loan)) = (find("loan"), mortgage) {
        let repaid_before: i64 = mortgage_schedule.iter().filter(|p| p.payment_date < first_day).map(|p| p.principal_minor).sum();
        opening_minor[index] = repaid_before - loan.total_amount_minor;
    }
    Ledger { txns, opening_minor }
}

/// One day of an account the user does not hold: the child's savings get a birthday gift and their interest, the
/// SCI collects the flat's rent and pays its loan and property tax, the holding invoices its subsidiary for
/// management and pays its accountant, its bank and, once a year, a dividend to its partners.
fn structure_flows(txns: &mut Vec<Txn>, index: usize, held_by: HeldBy, day: NaiveDate, rent: i64, rng: &mut SeededRng) {
    match held_by {
        HeldBy::Child => {
            if day.month() == 4 && day.day() == 14 {
                push(txns, index, day, rng_amount(rng, 30, 150), BIRTHDAY_GIFT, None);
            }
            if day.month() == 12 && day.day() == 28 {
                push(txns, index, day, rng_amount(rng, 5, 40), INTEREST, None);
            }
        }
        HeldBy::Sci => {
            if day.day() == 3 {
                push(txns, index, day, rent, RENT, None);
            }
            if day.day() == 10 {
                push(txns, index, day, -82_000, SCI_LOAN_DEBIT, None);
            }
            if day.month() == 10 && day.day() == 15 {
                push(txns, index, day, -rng_amount(rng, 1_200, 1_700), PROPERTY_TAX, None);
            }
        }
        HeldBy::Holding => {
            if day.day() == 1 {
                push(txns, index, day, 250_000, MANAGEMENT_FEES, None);
            }
            if day.day() == 6 {
                push(txns, index, day, -rng_amount(rng, 12, 25), BANK_FEES, None);
            }
            if day.day() == 20 && day.month() % 3 == 1 {
                push(txns, index, day, -rng_amount(rng, 600, 900), ACCOUNTANT, None);
            }
            if day.month() == 6 && day.day() == 30 {
                push(txns, index, day, -rng_amount(rng, 18_000, 24_000), DIVIDENDS_PAID, None);
            }
        }
        HeldBy::Principal | HeldBy::Spouses => {}
    }
}

/// How many transactions [`structure_flows`] makes in a year for such an account.
fn structure_flows_per_year(held_by: HeldBy) -> f64 {
    match held_by {
        HeldBy::Child => 2.0,
        HeldBy::Sci => 12.0 + 12.0 + 1.0,
        HeldBy::Holding => 12.0 + 12.0 + 4.0 + 1.0,
        HeldBy::Principal | HeldBy::Spouses => 0.0,
    }
}

fn rng_amount(rng: &mut SeededRng, low_units: i64, high_units: i64) -> i64 {
    rng.between(low_units * 100, high_units * 100)
}

fn push(txns: &mut Vec<Txn>, account: usize, date: NaiveDate, value_minor: i64, label: u16, other: Option<usize>) {
    txns.push(Txn {
        id: 0,
        account: account as u16,
        date,
        value_minor,
        label,
        other_account: other.map(|o| o as u16),
        appears_at: 0,
        books_at: 0,
        deleted_at: NEVER,
        original: None,
    });
}

/// Card payments appear pending a day before their debit date and book on it; one in fifty pending payments is
/// cancelled (deleted) by the bank instead, and one in forty was paid abroad in another currency. Everything else
/// appears booked on its date.
fn shape_lifecycle(txn: &mut Txn, rng: &mut SeededRng) {
    if LABELS[txn.label as usize].kind == "card" && rng.next_u64().is_multiple_of(40) {
        let currency = (rng.next_u64() % FOREIGN_CURRENCIES.len() as u64) as u8;
        txn.original = Some((txn.value_minor * 108 / 100, currency));
    }
    let date_start = instant(txn.date.and_hms_opt(6, 0, 0).expect("valid time"));
    let scrape_jitter = (rng.next_u64() % 3_600) as i64;
    if LABELS[txn.label as usize].kind == "card" {
        txn.appears_at = date_start - 86_400 + scrape_jitter;
        txn.books_at = date_start + scrape_jitter;
        if rng.next_u64().is_multiple_of(50) {
            txn.deleted_at = date_start + 43_200;
            txn.books_at = NEVER;
        }
    } else {
        txn.appears_at = date_start + scrape_jitter;
        txn.books_at = txn.appears_at;
    }
}

/// The balance of account `index` at `now`: opening plus everything booked by then.
pub fn balance_at(ledger: &Ledger, index: usize, now: Instant) -> i64 {
    ledger.opening_minor[index] + ledger.txns.iter().filter(|t| t.account as usize == index && t.booked(now)).map(|t| t.value_minor).sum::<i64>()
}

/// Pending amount of account `index` at `now`.
pub fn coming_at(ledger: &Ledger, index: usize, now: Instant) -> i64 {
    ledger
        .txns
        .iter()
        .filter(|t| t.account as usize == index && t.visible(now) && t.coming(now) && !t.deleted(now))
        .map(|t| t.value_minor)
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::household;

    fn anchor() -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, 11, 25).unwrap().and_hms_opt(8, 0, 0).unwrap()
    }

    fn ledger(seed: u64, transactions: u64) -> (Household, Ledger) {
        let household = household::generate(seed, anchor().date());
        let ledger = generate(&household, seed, anchor(), LedgerConfig { transactions, years: 3 });
        (household, ledger)
    }

    #[test]
    fn deterministic_sorted_unique_and_sized() {
        let (_, a) = ledger(42, 5_000);
        let (_, b) = ledger(42, 5_000);
        assert_eq!(a.txns, b.txns);
        assert!(a.txns.len().abs_diff(5_000) < 50, "about the wanted count: {}", a.txns.len());
        assert!(a.txns.windows(2).all(|w| (w[0].date, w[0].id) > (w[1].date, w[1].id)), "newest first, keyset order");
        let mut ids: Vec<i64> = a.txns.iter().map(|t| t.id).collect();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), a.txns.len());
    }

    #[test]
    fn the_structures_accounts_have_a_life_of_their_own() {
        let (household, ledger) = ledger(42, 5_000);
        for held_by in [HeldBy::Child, HeldBy::Holding, HeldBy::Sci] {
            let index = household.accounts.iter().position(|a| a.held_by == held_by).unwrap();
            let own: Vec<&Txn> = ledger.txns.iter().filter(|t| t.account as usize == index).collect();
            assert!(own.len() >= 3 * 2, "{held_by:?}: a few movements a year at least, {}", own.len());
            assert!(own.iter().all(|t| t.other_account.is_none()), "{held_by:?}: no transfer with the family's accounts");
            assert!(own.iter().all(|t| LABELS[t.label as usize].kind != "card"), "{held_by:?}: nobody pays by card from it");
        }
        let spent_from = |index: usize| ledger.txns.iter().any(|t| t.account as usize == index && LABELS[t.label as usize].kind == "card");
        let structures = household.accounts.iter().enumerate().filter(|(_, a)| !a.held_by.by_the_user());
        assert!(structures.clone().count() == 3 && structures.clone().all(|(i, _)| !spent_from(i)), "everyday spending stays on the user's accounts");
    }

    #[test]
    fn the_structures_yearly_rates_match_their_calendar() {
        for held_by in [HeldBy::Child, HeldBy::Holding, HeldBy::Sci] {
            let mut txns = Vec::new();
            let mut rng = SeededRng::new(1);
            let mut day = NaiveDate::from_ymd_opt(2024, 1, 1).unwrap();
            while day.year() < 2028 {
                structure_flows(&mut txns, 0, held_by, day, 100_000, &mut rng);
                day = day + Days::new(1);
            }
            assert_eq!(txns.len() as f64, 4.0 * structure_flows_per_year(held_by), "{held_by:?}");
        }
    }

    #[test]
    fn balances_at_the_pivot_equal_the_seeded_balances() {
        let (household, ledger) = ledger(7, 3_000);
        let pivot = instant(PIVOT.and_hms_opt(23, 59, 59).unwrap());
        for (index, account) in household.accounts.iter().enumerate() {
            assert_eq!(balance_at(&ledger, index, pivot), account.balance_minor, "{}", account.name);
        }
    }

    #[test]
    fn the_loan_accounts_balance_is_minus_the_capital_due_and_the_payments_are_the_schedules() {
        for seed in [42, 7, 11] {
            let (household, ledger) = ledger(seed, 3_000);
            let index = household.accounts.iter().position(|a| a.account_type == "loan").unwrap();
            let main = household.accounts.iter().position(|a| a.account_type == "checking").unwrap();
            let loan = household.accounts[index].loan.as_ref().unwrap();
            let schedule = crate::loan::schedule(loan);
            let first_day = anchor().date() - Days::new(3 * 365);
            let mut checked = 0;
            for period in schedule.iter().filter(|p| p.payment_date >= first_day && p.payment_date <= anchor().date() + Days::new(120)) {
                let paid = crate::loan::paid_at(period);
                for at in [paid - 1, paid, paid + 86_400] {
                    let due = crate::loan::state_at(loan, &schedule, at).remaining_minor;
                    assert_eq!(balance_at(&ledger, index, at), -due, "seed {seed}, {}", datetime(at));
                }
                let on_the_day: Vec<(usize, i64)> =
                    ledger.txns.iter().filter(|t| t.date == period.payment_date && t.label == LOAN_DEBIT).map(|t| (t.account as usize, t.value_minor)).collect();
                assert_eq!(on_the_day.len(), 2, "{}", period.payment_date);
                assert!(on_the_day.contains(&(index, period.principal_minor)) && on_the_day.contains(&(main, -period.total_minor)));
                checked += 1;
            }
            assert!(checked >= 24, "seed {seed}: {checked} payments in the window");
            let payments = ledger.txns.iter().filter(|t| t.account as usize == index).count();
            assert_eq!(payments, checked, "seed {seed}: nothing but the schedule's payments on the loan account");
        }
    }

    #[test]
    fn a_later_anchor_keeps_every_earlier_day_identical() {
        let household = crate::household::generate(5, anchor().date());
        let config = LedgerConfig { transactions: 4_000, years: 2 };
        let today = generate(&household, 5, anchor(), config);
        let tomorrow = generate(&household, 5, anchor() + Days::new(1), config);
        let overlap = |t: &&Txn| t.date > anchor().date() - Days::new(600) && t.date <= anchor().date() + Days::new(100);
        let a: Vec<&Txn> = today.txns.iter().filter(overlap).collect();
        let b: Vec<&Txn> = tomorrow.txns.iter().filter(overlap).collect();
        assert_eq!(a, b, "same dates, same transactions and ids");
        let now = instant(anchor() + Days::new(3));
        for index in 0..household.accounts.len() {
            assert_eq!(balance_at(&today, index, now), balance_at(&tomorrow, index, now), "balances do not jump when the window moves");
        }
    }

    #[test]
    fn time_reveals_books_and_deletes() {
        let (_, ledger) = ledger(3, 20_000);
        let now = instant(anchor());
        let later = now + 30 * 86_400;
        let visible_now = ledger.txns.iter().filter(|t| t.visible(now)).count();
        let visible_later = ledger.txns.iter().filter(|t| t.visible(later)).count();
        assert!(visible_later > visible_now, "advancing the clock reveals new transactions");
        assert!(ledger.txns.iter().any(|t| t.visible(now) && t.coming(now)), "some are pending now");
        assert!(ledger.txns.iter().any(|t| t.coming(now) && t.visible(now) && t.booked(later)), "and book later");
        assert!(ledger.txns.iter().any(|t| t.deleted_at != NEVER));
    }

    #[test]
    fn a_million_generates_quickly_enough_to_start_a_sandbox() {
        let started = std::time::Instant::now();
        let (_, ledger) = ledger(1, 1_000_000);
        assert!(ledger.txns.len().abs_diff(1_000_000) < 1_000);
        // Not a timing assertion: just report, so a slow machine never fails the suite.
        eprintln!("generated 1,000,000 transactions in {:?}", started.elapsed());
    }
}
