//! The household's investments: the securities its three investment accounts hold (the PEA, the life insurance,
//! the US securities account), their quotes as the sandbox clock advances, and the market orders that bought and sold
//! them.
//!
//! Everything is a pure function of the seed, the anchor (the sandbox's start) and the ledger, and every figure is an
//! integer: quantities in millionths of a unit ([`QUANTITY_SCALE`]), unit prices and values in ten-thousandths of
//! the currency ([`PRICE_SCALE`]), amounts in minor units (cents), ratios in millionths ([`RATIO_SCALE`], 1,000,000 =
//! 100 %). A valuation is `round(quantity × unit value)` to the cent, half away from zero, so it is exact and
//! reproducible; figures become JSON numbers only at the wire.
//!
//! - **At the anchor**, the positions of each account are sized so that their valuations add up to the cent to the
//!   account's balance then: the other lines are drawn from the seed, and one line absorbs the rest (the PEA's MSCI
//!   World ETF and the US account's S&P 500 ETF, bought by monthly savings plans in fractions of a share, and the
//!   life insurance's euro fund). The balance itself stays the ledger's afterwards: Powens reports the bank's
//!   balance, which for a securities account need not be its positions' valuation.
//! - **Quotes** follow a per-security random walk of business days (Monday to Friday; no holidays), drawn from the
//!   seed and the date and pinned at the anchor: the walk goes forward and backward from the anchor's quote. A
//!   business day's quote is published at 06:00 the same day (the sandbox's nightly sync, when the ledger reveals the
//!   day's transactions), so an investment's `vdate` is the last business day on or before the clock's date less six
//!   hours, and a weekend shows Friday's quote. Shares and ETFs are quoted in cents, funds to four decimals.
//! - **The euro fund** has no quantity or unit value, only a valuation, which earns a fixed yearly rate credited
//!   every calendar day as simple interest on its value at the anchor (so it is exact in both directions of time;
//!   no compounding within the sandbox's life).
//! - **Market orders** are the PEA's and the US account's monthly savings-plan purchases (one per ledger purchase,
//!   for the amount the ledger debits, placed at midnight on its date and executed at 09:05), a few one-off orders of
//!   the months before the anchor, a limit purchase of Apple shares placed the business day before the anchor and
//!   still pending at it, which executes on the first business day at least three days after the anchor, and the sale
//!   of every TotalEnergies share at the market on the first business day at least twenty days after the anchor.
//!   Orders executed after the anchor change the positions (quantity, average buy price); the sale closes the line,
//!   which stays listed with `deleted` set (the sale's date) and `last_update` at the sale. Orders executed before the
//!   anchor are already in the positions the anchor starts from. Other ledger flows (life-insurance payments,
//!   dividends) move cash only, and the sale's proceeds are not booked in the ledger.
//!
//! Long because the securities, the positions and the orders share the one walk of quotes: split, each would need
//! the others' internals.

use crate::household::Household;
use crate::ledger::{self, Instant, Ledger};
use crate::rng::SeededRng;
use chrono::{Datelike, Days, NaiveDate, NaiveDateTime, Weekday};

/// Decimal places of a quantity: quantities are integers in millionths of a unit.
pub const QUANTITY_SCALE: u32 = 6;
/// Decimal places of a unit price or value: integers in ten-thousandths of the currency.
pub const PRICE_SCALE: u32 = 4;
/// Decimal places of a ratio: integers in millionths (1,000,000 = 100 %).
pub const RATIO_SCALE: u32 = 6;

const QUANTITY_UNIT: i64 = 1_000_000;
const PRICE_UNIT: i64 = 10_000;
const RATIO_UNIT: i64 = 1_000_000;
/// Quantity units times price units per cent: `quantity × unit value / VALUE_DIVISOR` is in cents.
const VALUE_DIVISOR: i128 = (QUANTITY_UNIT as i128) * (PRICE_UNIT as i128) / 100;
/// A day's quotes are published at 06:00 (seconds after midnight).
const PUBLISHED_AT: i64 = 6 * 3_600;
/// How many days before the anchor the listed market orders go back.
const ORDER_HISTORY_DAYS: u64 = 120;

/// What kind of line a security makes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// An exchange-traded fund, quoted in cents.
    Etf,
    /// A share, quoted in cents.
    Stock,
    /// A fund (UCITS) unit of account, quoted to four decimals.
    Fund,
    /// A life insurance's euro fund: a valuation only.
    EuroFund,
}

/// What Powens' investment `details` carry for a fund ("if available and activated").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Details {
    /// Synthetic risk and reward indicator, 1 to 7.
    pub srri: i64,
    /// Asset category, as the insurer writes it.
    pub asset_category: &'static str,
    /// Minimum recommended period of investment.
    pub recommended_period: &'static str,
}

/// A security the household holds or traded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Security {
    /// Its name, as the bank writes it.
    pub label: &'static str,
    /// ISIN (none for the euro fund).
    pub isin: Option<&'static str>,
    /// Ticker on its market, for listed securities.
    pub stock_symbol: Option<&'static str>,
    /// The market it is listed on.
    pub stock_market: Option<&'static str>,
    /// What kind of line it makes.
    pub kind: Kind,
    /// Quote at the anchor in whole currency units, before the seed's jitter of up to 8 % either way.
    price_units: i64,
    /// A business day's move is drift ± up to `swing_ppm` (triangular), in millionths.
    swing_ppm: i64,
    /// The average move of a business day, in millionths.
    drift_ppm: i64,
    /// Additional information, for the few funds that have it.
    pub details: Option<Details>,
}

/// A security's walk: quote at the anchor in whole units, swing and drift of a business day in millionths.
type Walk = (i64, i64, i64);

const fn listed(label: &'static str, isin: &'static str, symbol: &'static str, market: &'static str, kind: Kind, walk: Walk) -> Security {
    let (price_units, swing_ppm, drift_ppm) = walk;
    Security { label, isin: Some(isin), stock_symbol: Some(symbol), stock_market: Some(market), kind, price_units, swing_ppm, drift_ppm, details: None }
}

const fn fund(label: &'static str, isin: &'static str, walk: Walk, details: Option<Details>) -> Security {
    let (price_units, swing_ppm, drift_ppm) = walk;
    Security { label, isin: Some(isin), stock_symbol: None, stock_market: None, kind: Kind::Fund, price_units, swing_ppm, drift_ppm, details }
}

const EURONEXT: &str = "Euronext Paris";

/// Every security of the household, by index. Append only: indexes are ids (`id_security`) and seed streams.
pub const SECURITIES: &[Security] = &[
    listed("Amundi MSCI World UCITS ETF", "FR0010756098", "CW8", EURONEXT, Kind::Etf, (560, 22_000, 260)),
    listed("Amundi PEA S&P 500 ESG UCITS ETF", "FR0013412285", "PE500", EURONEXT, Kind::Etf, (45, 24_000, 300)),
    listed("Amundi PEA Nasdaq-100 UCITS ETF", "FR0011871110", "PUST", EURONEXT, Kind::Etf, (85, 32_000, 380)),
    listed("Amundi Stoxx Europe 600 UCITS ETF Acc", "LU0908500753", "MEUD", EURONEXT, Kind::Etf, (250, 20_000, 200)),
    listed("TotalEnergies SE", "FR0000120271", "TTE", EURONEXT, Kind::Stock, (58, 34_000, 120)),
    listed("LVMH", "FR0000121014", "MC", EURONEXT, Kind::Stock, (640, 40_000, 200)),
    listed("Air Liquide", "FR0000120073", "AI", EURONEXT, Kind::Stock, (170, 26_000, 240)),
    listed("Société Générale", "FR0000130809", "GLE", EURONEXT, Kind::Stock, (30, 44_000, 150)),
    Security {
        label: "Fonds Euros Vitalia",
        isin: None,
        stock_symbol: None,
        stock_market: None,
        kind: Kind::EuroFund,
        price_units: 0,
        swing_ppm: 0,
        drift_ppm: 0,
        details: None,
    },
    fund("Carmignac Patrimoine A EUR Acc", "FR0010135103", (700, 10_000, 90), Some(Details { srri: 4, asset_category: "Diversifié", recommended_period: "3 years" })),
    fund("DNCA Invest Eurose A EUR", "LU0284394235", (175, 6_000, 70), Some(Details { srri: 3, asset_category: "Obligations", recommended_period: "2 years" })),
    fund("Pictet - Global Megatrend Selection P EUR", "LU0386882277", (420, 26_000, 260), None),
    fund("Vanguard Global Stock Index Fund EUR Acc", "IE00B03HD191", (45, 22_000, 270), None),
    listed("Apple Inc.", "US0378331005", "AAPL", "NASDAQ", Kind::Stock, (230, 40_000, 300)),
    listed("Microsoft Corp.", "US5949181045", "MSFT", "NASDAQ", Kind::Stock, (420, 36_000, 300)),
    listed("Alphabet Inc. Class A", "US02079K3059", "GOOGL", "NASDAQ", Kind::Stock, (175, 42_000, 300)),
    listed("Vanguard S&P 500 ETF", "US9229083632", "VOO", "NYSE Arca", Kind::Etf, (520, 22_000, 280)),
];

const MSCI_WORLD: usize = 0;
const TOTALENERGIES: usize = 4;
const LVMH: usize = 5;
const SOCIETE_GENERALE: usize = 7;
const APPLE: usize = 13;
const MICROSOFT: usize = 14;
const SP500: usize = 16;

/// How a line's quantity is sized at the anchor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Sizing {
    /// Whole shares, for about this many thousandths of the account.
    Shares(i64),
    /// Fund units to four decimals, for about this many thousandths of the account.
    Units(i64),
    /// Whatever is left of the account's balance, to the cent (fractions of a share to six decimals, or the euro
    /// fund's valuation).
    Rest,
}

/// The lines of each investment account type, in id order.
const HOLDINGS: &[(&str, &[(usize, Sizing)])] = &[
    ("pea", &[(MSCI_WORLD, Sizing::Rest), (1, Sizing::Shares(150)), (2, Sizing::Shares(100)), (3, Sizing::Shares(100)), (TOTALENERGIES, Sizing::Shares(80)), (LVMH, Sizing::Shares(110)), (6, Sizing::Shares(70))]),
    ("lifeinsurance", &[(8, Sizing::Rest), (9, Sizing::Units(150)), (10, Sizing::Units(100)), (11, Sizing::Units(120)), (12, Sizing::Units(130))]),
    ("market", &[(APPLE, Sizing::Shares(250)), (MICROSOFT, Sizing::Shares(220)), (15, Sizing::Shares(150)), (SP500, Sizing::Rest)]),
];

/// `n / d` rounded to the nearest integer, halves away from zero (`d > 0`).
fn div_round(n: i128, d: i128) -> i64 {
    let q = if n >= 0 { (n + d / 2) / d } else { (n - d / 2) / d };
    q as i64
}

/// The valuation in minor units of `quantity` (millionths) at `unit_value` (ten-thousandths).
pub fn value_minor(quantity: i64, unit_value: i64) -> i64 {
    div_round(i128::from(quantity) * i128::from(unit_value), VALUE_DIVISOR)
}

/// `part / whole` in millionths; 0 when `whole` is 0.
pub fn ratio(part: i64, whole: i64) -> i64 {
    if whole == 0 {
        0
    } else {
        div_round(i128::from(part) * i128::from(RATIO_UNIT), i128::from(whole))
    }
}

fn is_business_day(day: NaiveDate) -> bool {
    !matches!(day.weekday(), Weekday::Sat | Weekday::Sun)
}

/// The last business day on or before `day`.
pub fn business_day_on_or_before(day: NaiveDate) -> NaiveDate {
    let mut day = day;
    while !is_business_day(day) {
        day = day - Days::new(1);
    }
    day
}

/// The first business day on or after `day`.
fn business_day_on_or_after(day: NaiveDate) -> NaiveDate {
    let mut day = day;
    while !is_business_day(day) {
        day = day + Days::new(1);
    }
    day
}

fn previous_business_day(day: NaiveDate) -> NaiveDate {
    business_day_on_or_before(day - Days::new(1))
}

fn next_business_day(day: NaiveDate) -> NaiveDate {
    business_day_on_or_after(day + Days::new(1))
}

/// The calendar day whose publications (quotes, euro-fund interest) are out at `now`.
fn published_day(now: Instant) -> NaiveDate {
    ledger::datetime(now - PUBLISHED_AT).date()
}

/// The quote day at `now`: the business day whose quotes are the latest published (`vdate`).
pub fn quote_day(now: Instant) -> NaiveDate {
    business_day_on_or_before(published_day(now))
}

fn publication(day: NaiveDate) -> Instant {
    ledger::instant(day.and_time(chrono::NaiveTime::MIN)) + PUBLISHED_AT
}

fn at(day: NaiveDate, hour: u32, minute: u32) -> Instant {
    ledger::instant(day.and_hms_opt(hour, minute, 0).expect("a valid time"))
}

/// The currency a security is held in: the US account's securities in US dollars, the others in euros (each line is
/// in its account's currency).
fn currency_of(security: &Security) -> &'static str {
    if security.stock_market.is_some_and(|m| m != EURONEXT) { "USD" } else { "EUR" }
}

/// FNV-1a of a security's code: its own stream of daily moves.
fn stream(security: &Security) -> u64 {
    security.isin.unwrap_or(security.label).bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3))
}

/// A market order's direction, with the ids Powens' guide shows (`BUY` 2, `SALE` 3).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// `BUY`.
    Buy,
    /// `SALE`.
    Sale,
}

impl Direction {
    /// `(id, name)` as Powens sends them.
    pub fn wire(self) -> (i64, &'static str) {
        match self {
            Direction::Buy => (2, "BUY"),
            Direction::Sale => (3, "SALE"),
        }
    }
}

/// A market order's type, with the ids Powens' guide shows (`MARKET` 2, `LIMIT` 3).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OrderType {
    /// `MARKET`: at the market's price.
    Market,
    /// `LIMIT`: at the limit price or better.
    Limit,
}

impl OrderType {
    /// `(id, name)` as Powens sends them.
    pub fn wire(self) -> (i64, &'static str) {
        match self {
            OrderType::Market => (2, "MARKET"),
            OrderType::Limit => (3, "LIMIT"),
        }
    }
}

/// One line of an account as it stood at the anchor.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Line {
    /// Powens investment id.
    id: i64,
    /// Powens account id.
    account_id: i64,
    /// Index into [`SECURITIES`].
    security: usize,
    /// Millionths of a unit (0 for the euro fund).
    quantity: i64,
    /// Average buy price, ten-thousandths.
    unitprice: i64,
    /// For the euro fund: its valuation at the anchor, what was paid in, and its yearly rate.
    euro: Option<EuroFund>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct EuroFund {
    start_minor: i64,
    invested_minor: i64,
    rate_bp: i64,
}

/// One market order, decided at start-up.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Order {
    id: i64,
    account_id: i64,
    security: usize,
    /// The line it changes when it executes after the anchor.
    line: Option<usize>,
    number: String,
    direction: Direction,
    order_type: OrderType,
    payment_method: &'static str,
    date: Instant,
    execution: Instant,
    quantity: i64,
    amount_minor: i64,
    /// Execution price, ten-thousandths.
    price: i64,
    /// Limit price, for limit orders.
    limit: Option<i64>,
}

/// The household's investments and market orders: built once at start-up, read at any clock reading.
#[derive(Debug, Clone)]
pub struct Portfolio {
    seed: u64,
    anchor: Instant,
    /// The quote day at the anchor, where every walk is pinned.
    start_day: NaiveDate,
    /// Each security's quote on `start_day`, ten-thousandths.
    start_quotes: Vec<i64>,
    lines: Vec<Line>,
    /// By date of creation.
    orders: Vec<Order>,
}

/// One investment as the sandbox's truth has it at a clock reading (amounts in minor units, quantities in
/// millionths, prices in ten-thousandths, ratios in millionths).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PositionTruth {
    /// Powens investment id.
    pub id: i64,
    /// Powens account id.
    pub account_id: i64,
    /// The security.
    pub security: &'static Security,
    /// Stable id of the security (`id_security`).
    pub id_security: i64,
    /// Currency of the account and of the line.
    pub currency: &'static str,
    /// Quantity, millionths; `None` for the euro fund; 0 once sold.
    pub quantity_e6: Option<i64>,
    /// Average buy price, ten-thousandths; `None` for the euro fund.
    pub unitprice_e4: Option<i64>,
    /// Quote at `vdate`, ten-thousandths; `None` for the euro fund.
    pub unitvalue_e4: Option<i64>,
    /// `round(quantity × unit value)`, or the euro fund's value; 0 once sold.
    pub valuation_minor: i64,
    /// What the line cost (`round(quantity × unit price)`, or what was paid into the euro fund).
    pub invested_minor: i64,
    /// Valuation less what it cost.
    pub diff_minor: i64,
    /// `diff / invested`.
    pub diff_percent_e6: i64,
    /// Change of the valuation since the previous quote (same quantity).
    pub prev_diff_minor: i64,
    /// `prev_diff` over the valuation at the previous quote.
    pub prev_diff_percent_e6: i64,
    /// Share of the account's live valuation.
    pub portfolio_share_e6: i64,
    /// Date of the quote (`vdate`).
    pub vdate: NaiveDate,
    /// Date of the previous quote (`prev_vdate`).
    pub prev_vdate: NaiveDate,
    /// The day the line was sold off, once it was.
    pub deleted: Option<NaiveDate>,
    /// When the line last changed: its quote's publication, a trade, or its sale.
    pub last_update: NaiveDateTime,
    /// Performances over one, three and five years (ratios, millionths), for the lines with details.
    pub performances_e6: Option<[i64; 3]>,
}

/// A wealth account's additional attributes at a clock reading (minor units, ratios in millionths), as Powens'
/// wealth guide defines them for accounts: `diff` is the live positions' valuation less what they cost, `prev_diff`
/// the same figure at the previous sync (the previous quotes).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct AccountWealth {
    /// Sum of the live investments' valuations.
    pub valuation_minor: i64,
    /// Valuation less what the live investments cost.
    pub diff_minor: i64,
    /// `diff` over what they cost.
    pub diff_percent_e6: i64,
    /// `diff` at the previous quotes.
    pub prev_diff_minor: i64,
    /// `prev_diff` over what they cost.
    pub prev_diff_percent_e6: i64,
}

/// The totals of an investments list (`InvestmentsList`): sums over its live investments, with the investments'
/// own meaning of `prev_diff` (the change since the previous quotes).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Totals {
    /// Sum of valuations.
    pub valuation_minor: i64,
    /// Sum of diffs.
    pub diff_minor: i64,
    /// Sum of diffs over what the investments cost.
    pub diff_percent_e6: i64,
    /// Sum of changes since the previous quotes.
    pub prev_diff_minor: i64,
    /// That change over the valuation at the previous quotes.
    pub prev_diff_percent_e6: i64,
}

/// Totals of `positions` (deleted ones count for nothing).
pub fn totals(positions: &[PositionTruth]) -> Totals {
    let live = positions.iter().filter(|p| p.deleted.is_none());
    let (valuation, invested, diff, prev_diff) =
        live.fold((0, 0, 0, 0), |(v, i, d, p), x| (v + x.valuation_minor, i + x.invested_minor, d + x.diff_minor, p + x.prev_diff_minor));
    Totals {
        valuation_minor: valuation,
        diff_minor: diff,
        diff_percent_e6: ratio(diff, invested),
        prev_diff_minor: prev_diff,
        prev_diff_percent_e6: ratio(prev_diff, valuation - prev_diff),
    }
}

/// A wealth account's attributes from its `positions`.
pub fn account_wealth(positions: &[PositionTruth]) -> AccountWealth {
    let totals = totals(positions);
    let invested: i64 = positions.iter().filter(|p| p.deleted.is_none()).map(|p| p.invested_minor).sum();
    let prev_diff = totals.diff_minor - totals.prev_diff_minor;
    AccountWealth {
        valuation_minor: totals.valuation_minor,
        diff_minor: totals.diff_minor,
        diff_percent_e6: totals.diff_percent_e6,
        prev_diff_minor: prev_diff,
        prev_diff_percent_e6: ratio(prev_diff, invested),
    }
}

/// One market order as the sandbox's truth has it at a clock reading.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MarketOrderTruth {
    /// Powens market order id.
    pub id: i64,
    /// Powens account id.
    pub account_id: i64,
    /// The order's number at the bank.
    pub number: String,
    /// The security.
    pub security: &'static Security,
    /// Currency of the account and of the order.
    pub currency: &'static str,
    /// Buy or sale.
    pub direction: Direction,
    /// Market or limit.
    pub order_type: OrderType,
    /// `Executed` or `Pending`.
    pub state: &'static str,
    /// `CASH`, `DEFERRED` or `UNKNOWN`.
    pub payment_method: &'static str,
    /// When it was placed.
    pub date: NaiveDateTime,
    /// When it executed, once it did.
    pub execution_date: Option<NaiveDateTime>,
    /// Until when it stands (three months after it was placed).
    pub validity_date: NaiveDateTime,
    /// Quantity, millionths.
    pub quantity_e6: i64,
    /// What it cost or brought, minor units, once executed.
    pub amount_minor: Option<i64>,
    /// Limit price (ten-thousandths), for limit orders.
    pub ordervalue_e4: Option<i64>,
    /// Execution price (ten-thousandths), once executed.
    pub unitprice_e4: Option<i64>,
    /// The security's current quote (ten-thousandths), once executed.
    pub unitvalue_e4: Option<i64>,
    /// When it last changed (placed, then executed).
    pub last_update: NaiveDateTime,
}

/// A line's holding at a clock reading, after the orders executed since the anchor.
struct Holding {
    quantity: i64,
    unitprice: i64,
    /// The last trade since the anchor, if any.
    traded: Option<Instant>,
    /// When the last share was sold, if it was.
    closed: Option<Instant>,
}

impl Portfolio {
    /// The portfolio of `household` for `seed`, sized at `anchor` on the balances the `ledger` gives its investment
    /// accounts then.
    pub fn new(household: &Household, ledger: &Ledger, seed: u64, anchor: Instant) -> Self {
        let start_day = quote_day(anchor);
        let mut rng = SeededRng::new(seed ^ 0x1A7E_57ED_0000_0001);
        let start_quotes: Vec<i64> = SECURITIES
            .iter()
            .map(|s| {
                let jittered = s.price_units * PRICE_UNIT * (1_000 + rng.between(-80, 80)) / 1_000 + rng.between(0, PRICE_UNIT - 1);
                match s.kind {
                    Kind::Etf | Kind::Stock => div_round(i128::from(jittered), 100) * 100,
                    Kind::Fund | Kind::EuroFund => jittered,
                }
            })
            .collect();
        let mut lines = Vec::new();
        for (account_type, holdings) in HOLDINGS {
            let Some(index) = household.accounts.iter().position(|a| a.account_type == *account_type && a.disabled.is_none()) else {
                continue;
            };
            let account_id = household.accounts[index].id;
            let balance = ledger::balance_at(ledger, index, anchor).max(0);
            let mut sized: Vec<Line> = Vec::new();
            let mut rest_at = None;
            for (security, sizing) in holdings.iter() {
                let quote = start_quotes[*security];
                let gain_permille = rng.between(-100, 350);
                let unitprice = div_round(i128::from(quote) * 1_000, i128::from(1_000 + gain_permille));
                let mut target = |permille: i64| i128::from(balance) * i128::from(permille * (1_000 + rng.between(-200, 200))) / 1_000_000;
                let quantity = match sizing {
                    Sizing::Shares(permille) => (target(*permille) * VALUE_DIVISOR / i128::from(quote)) as i64 / QUANTITY_UNIT * QUANTITY_UNIT,
                    Sizing::Units(permille) => (target(*permille) * VALUE_DIVISOR / i128::from(quote)) as i64 / 100 * 100,
                    Sizing::Rest => {
                        rest_at = Some(sized.len());
                        0
                    }
                };
                sized.push(Line { id: 0, account_id, security: *security, quantity, unitprice, euro: None });
            }
            if let Some(rest) = rest_at {
                let others: i64 = sized.iter().map(|l| value_minor(l.quantity, start_quotes[l.security])).sum();
                let left = balance - others;
                let line = &mut sized[rest];
                if SECURITIES[line.security].kind == Kind::EuroFund {
                    let paid_in = div_round(i128::from(left) * 1_000, i128::from(1_000 + rng.between(20, 90)));
                    line.euro = Some(EuroFund { start_minor: left, invested_minor: paid_in, rate_bp: rng.between(200, 300) });
                    line.unitprice = 0;
                } else {
                    // The smallest quantity whose valuation rounds to what is left: quotes are under 10,000 units,
                    // so a millionth of a share is worth less than a cent and some quantity lands on it.
                    let quote = i128::from(start_quotes[line.security]);
                    let low = (2 * i128::from(left) - 1) * (VALUE_DIVISOR / 2);
                    line.quantity = (if low <= 0 { 0 } else { (low + quote - 1) / quote }) as i64;
                }
            }
            lines.extend(sized);
        }
        for (index, line) in lines.iter_mut().enumerate() {
            line.id = 20_001 + index as i64;
        }
        let mut portfolio = Self { seed, anchor, start_day, start_quotes, lines, orders: Vec::new() };
        portfolio.orders = portfolio.draw_orders(household, ledger, &mut rng);
        portfolio
    }

    /// A business day's move of a security, in millionths.
    fn daily_move(&self, security: usize, day: NaiveDate) -> i64 {
        let s = &SECURITIES[security];
        let days = (day - NaiveDate::from_ymd_opt(2000, 1, 1).expect("a valid date")).num_days() as u64;
        let mut rng = SeededRng::new(self.seed ^ stream(s) ^ days.wrapping_mul(0x9E37_79B9_7F4A_7C15));
        s.drift_ppm + rng.between(0, s.swing_ppm) + rng.between(0, s.swing_ppm) - s.swing_ppm
    }

    /// A security's quote (ten-thousandths) on the last business day on or before `day`, walked from the anchor's.
    pub fn quote(&self, security: usize, day: NaiveDate) -> i64 {
        let target = business_day_on_or_before(day);
        let mut value = i128::from(self.start_quotes[security]) * 1_000_000;
        let mut current = self.start_day;
        // Walked in millionths of the quote's unit, so that the walk does not drift by rounding each step.
        while current < target {
            current = next_business_day(current);
            value = value * i128::from(RATIO_UNIT + self.daily_move(security, current)) / i128::from(RATIO_UNIT);
        }
        while current > target {
            value = value * i128::from(RATIO_UNIT) / i128::from(RATIO_UNIT + self.daily_move(security, current));
            current = previous_business_day(current);
        }
        let quote = div_round(value, 1_000_000).max(1);
        match SECURITIES[security].kind {
            Kind::Etf | Kind::Stock => (div_round(i128::from(quote), 100) * 100).max(100),
            Kind::Fund | Kind::EuroFund => quote,
        }
    }

    /// The euro fund's valuation on calendar `day`: simple interest on its value at the anchor.
    fn euro_value(&self, euro: &EuroFund, day: NaiveDate) -> i64 {
        let days = (day - published_day(self.anchor)).num_days();
        euro.start_minor + div_round(i128::from(euro.start_minor) * i128::from(euro.rate_bp) * i128::from(days), 10_000 * 365)
    }

    /// The market orders: savings-plan purchases from the ledger, a few one-offs before the anchor, a pending limit
    /// purchase, and the sale of the TotalEnergies line twenty days after the anchor.
    fn draw_orders(&self, household: &Household, ledger: &Ledger, rng: &mut SeededRng) -> Vec<Order> {
        let anchor_day = ledger::datetime(self.anchor).date();
        let account = |kind: &str| household.accounts.iter().position(|a| a.account_type == kind && a.disabled.is_none());
        let line_of = |security: usize| self.lines.iter().position(|l| l.security == security);
        let mut orders = Vec::new();
        let order = |account_id: i64, security: usize, direction: Direction, order_type: OrderType, date: Instant, execution: Instant, quantity: i64, rng: &mut SeededRng| {
            let price = self.quote(security, quote_day(execution));
            let prefix = if SECURITIES[security].stock_market == Some(EURONEXT) { "X" } else { "SQ" };
            let limit = match (order_type, direction) {
                (OrderType::Market, _) => None,
                // A limit the execution price met: at or above it to buy, at or below it to sell, in cents.
                (OrderType::Limit, Direction::Buy) => Some((price + 99) / 100 * 100),
                (OrderType::Limit, Direction::Sale) => Some(price / 100 * 100),
            };
            Order {
                id: 0,
                account_id,
                security,
                line: if execution > self.anchor { line_of(security) } else { None },
                number: format!("{prefix}{:08}", rng.between(10_000_000, 99_999_999)),
                direction,
                order_type,
                payment_method: "CASH",
                date,
                execution,
                quantity,
                amount_minor: value_minor(quantity, price),
                price,
                limit,
            }
        };
        // Savings plans: each monthly purchase the ledger debits becomes an order of that amount, placed at midnight
        // and executed at the opening.
        for (kind, label, security) in [("pea", ledger::ETF_BUY, MSCI_WORLD), ("market", ledger::ETF_BUY_USD, SP500)] {
            let Some(index) = account(kind) else { continue };
            let purchases = ledger.txns.iter().rev().filter(|t| t.account as usize == index && t.label == label && t.value_minor < 0);
            for txn in purchases.filter(|t| t.date >= anchor_day - Days::new(ORDER_HISTORY_DAYS)) {
                let execution = at(txn.date, 9, 5);
                let price = self.quote(security, quote_day(execution));
                let quantity = (i128::from(-txn.value_minor) * VALUE_DIVISOR / i128::from(price)) as i64;
                let mut placed = order(household.accounts[index].id, security, Direction::Buy, OrderType::Market, at(txn.date, 0, 0), execution, quantity, rng);
                placed.amount_minor = -txn.value_minor;
                orders.push(placed);
            }
        }
        if let Some(index) = account("pea") {
            let id = household.accounts[index].id;
            let bought = business_day_on_or_after(anchor_day - Days::new(100));
            orders.push(order(id, LVMH, Direction::Buy, OrderType::Limit, at(bought, 10, 30), at(next_business_day(bought), 9, 0), 4 * QUANTITY_UNIT, rng));
            let sold = business_day_on_or_after(anchor_day - Days::new(75));
            let mut sale = order(id, SOCIETE_GENERALE, Direction::Sale, OrderType::Limit, at(sold, 11, 0), at(sold, 16, 20), 40 * QUANTITY_UNIT, rng);
            sale.payment_method = "UNKNOWN";
            orders.push(sale);
            // The scripted sale of the whole TotalEnergies line, at the market.
            if let Some(line) = line_of(TOTALENERGIES) {
                let day = business_day_on_or_after(anchor_day + Days::new(20));
                let quantity = self.lines[line].quantity;
                orders.push(order(id, TOTALENERGIES, Direction::Sale, OrderType::Market, at(day, 10, 15), at(day, 10, 15), quantity, rng));
            }
        }
        if let Some(index) = account("market") {
            let id = household.accounts[index].id;
            let bought = business_day_on_or_after(anchor_day - Days::new(50));
            orders.push(order(id, MICROSOFT, Direction::Buy, OrderType::Market, at(bought, 15, 35), at(bought, 15, 37), 3 * QUANTITY_UNIT, rng));
            // Placed the business day before the anchor, still pending at it; it executes three days later.
            let placed = previous_business_day(anchor_day);
            let executes = business_day_on_or_after(anchor_day + Days::new(3));
            orders.push(order(id, APPLE, Direction::Buy, OrderType::Limit, at(placed, 15, 40), at(executes, 15, 45), 5 * QUANTITY_UNIT, rng));
        }
        orders.sort_by_key(|o| (o.date, o.execution, o.security));
        for (index, order) in orders.iter_mut().enumerate() {
            order.id = 30_001 + index as i64;
        }
        orders
    }

    /// A line's quantity and average buy price at `now`, after the orders executed since the anchor.
    fn holding(&self, line: usize, now: Instant) -> Holding {
        let start = &self.lines[line];
        let mut holding = Holding { quantity: start.quantity, unitprice: start.unitprice, traded: None, closed: None };
        let mut trades: Vec<&Order> = self.orders.iter().filter(|o| o.line == Some(line) && o.execution <= now).collect();
        trades.sort_by_key(|o| o.execution);
        for trade in trades {
            match trade.direction {
                Direction::Buy => {
                    let cost = i128::from(holding.quantity) * i128::from(holding.unitprice) + i128::from(trade.quantity) * i128::from(trade.price);
                    holding.quantity += trade.quantity;
                    holding.unitprice = div_round(cost, i128::from(holding.quantity.max(1)));
                }
                Direction::Sale => {
                    holding.quantity = (holding.quantity - trade.quantity).max(0);
                    if holding.quantity == 0 {
                        holding.closed = Some(trade.execution);
                    }
                }
            }
            holding.traded = Some(trade.execution);
        }
        holding
    }

    /// Every investment at `now`, in id order (sold ones included, with `deleted` set). Meant for `now` at or after
    /// the anchor: before it, the anchor's quantities are shown at the earlier quotes.
    pub fn positions_at(&self, now: Instant) -> Vec<PositionTruth> {
        self.positions_where(now, |_| true)
    }

    /// The investments of one account at `now`.
    pub fn account_positions(&self, account_id: i64, now: Instant) -> Vec<PositionTruth> {
        self.positions_where(now, |l| l.account_id == account_id)
    }

    fn positions_where(&self, now: Instant, wanted: impl Fn(&Line) -> bool) -> Vec<PositionTruth> {
        let mut positions: Vec<PositionTruth> = self
            .lines
            .iter()
            .enumerate()
            .filter(|(_, l)| wanted(l))
            .map(|(index, line)| self.position(index, line, now))
            .collect();
        // Shares of each account's live valuation.
        let mut wholes: std::collections::HashMap<i64, i64> = std::collections::HashMap::new();
        for position in positions.iter().filter(|p| p.deleted.is_none()) {
            *wholes.entry(position.account_id).or_default() += position.valuation_minor;
        }
        for position in &mut positions {
            position.portfolio_share_e6 = ratio(position.valuation_minor, wholes.get(&position.account_id).copied().unwrap_or_default());
        }
        positions
    }

    fn position(&self, index: usize, line: &Line, now: Instant) -> PositionTruth {
        let security = &SECURITIES[line.security];
        let currency = currency_of(security);
        let base = PositionTruth {
            id: line.id,
            account_id: line.account_id,
            security,
            id_security: 50_001 + line.security as i64,
            currency,
            quantity_e6: None,
            unitprice_e4: None,
            unitvalue_e4: None,
            valuation_minor: 0,
            invested_minor: 0,
            diff_minor: 0,
            diff_percent_e6: 0,
            prev_diff_minor: 0,
            prev_diff_percent_e6: 0,
            portfolio_share_e6: 0,
            vdate: quote_day(now),
            prev_vdate: previous_business_day(quote_day(now)),
            deleted: None,
            last_update: ledger::datetime(publication(quote_day(now))),
            performances_e6: None,
        };
        if let Some(euro) = &line.euro {
            // Credited every calendar day, weekends included.
            let day = published_day(now);
            let valuation = self.euro_value(euro, day);
            let previous = self.euro_value(euro, day - Days::new(1));
            return PositionTruth {
                valuation_minor: valuation,
                invested_minor: euro.invested_minor,
                diff_minor: valuation - euro.invested_minor,
                diff_percent_e6: ratio(valuation - euro.invested_minor, euro.invested_minor),
                prev_diff_minor: valuation - previous,
                prev_diff_percent_e6: ratio(valuation - previous, previous),
                vdate: day,
                prev_vdate: day - Days::new(1),
                last_update: ledger::datetime(publication(day)),
                ..base
            };
        }
        let holding = self.holding(index, now);
        let vdate = holding.closed.map_or(quote_day(now), quote_day);
        let prev_vdate = previous_business_day(vdate);
        let unitvalue = self.quote(line.security, vdate);
        let previous = self.quote(line.security, prev_vdate);
        let valuation = value_minor(holding.quantity, unitvalue);
        let prev_valuation = value_minor(holding.quantity, previous);
        let invested = value_minor(holding.quantity, holding.unitprice);
        let last_update = match holding.closed {
            Some(sold) => sold,
            None => holding.traded.map_or(publication(vdate), |t| t.max(publication(vdate))),
        };
        let performances = security.details.map(|_| {
            [365, 3 * 365, 5 * 365 + 1].map(|days| {
                let then = self.quote(line.security, vdate - Days::new(days));
                ratio(unitvalue - then, then)
            })
        });
        PositionTruth {
            quantity_e6: Some(holding.quantity),
            unitprice_e4: Some(holding.unitprice),
            unitvalue_e4: Some(unitvalue),
            valuation_minor: valuation,
            invested_minor: invested,
            diff_minor: valuation - invested,
            diff_percent_e6: ratio(valuation - invested, invested),
            prev_diff_minor: valuation - prev_valuation,
            prev_diff_percent_e6: ratio(valuation - prev_valuation, prev_valuation),
            vdate,
            prev_vdate,
            deleted: holding.closed.map(|sold| ledger::datetime(sold).date()),
            last_update: ledger::datetime(last_update),
            performances_e6: performances,
            ..base
        }
    }

    /// The unit values of investment `id` over the month up to its `vdate` at `now`, newest first: `(vdate, unit
    /// value)` of each business day. Empty for the euro fund (it has no unit value) and for an unknown id.
    pub fn history(&self, id: i64, now: Instant) -> Vec<(NaiveDate, i64)> {
        let Some(index) = self.lines.iter().position(|l| l.id == id) else { return Vec::new() };
        let line = &self.lines[index];
        if line.euro.is_some() {
            return Vec::new();
        }
        let last = self.holding(index, now).closed.map_or(quote_day(now), quote_day);
        let first = business_day_on_or_after(last - Days::new(30));
        let mut values = Vec::new();
        let mut day = first;
        let mut value = self.quote(line.security, first);
        loop {
            values.push((day, value));
            if day >= last {
                break;
            }
            day = next_business_day(day);
            value = self.quote(line.security, day);
        }
        values.reverse();
        values
    }

    /// The market orders visible at `now` (placed by then), by id.
    pub fn orders_at(&self, now: Instant) -> Vec<MarketOrderTruth> {
        let current = quote_day(now);
        self.orders
            .iter()
            .filter(|o| o.date <= now)
            .map(|o| {
                let executed = o.execution <= now;
                let validity = ledger::datetime(o.date)
                    .checked_add_months(chrono::Months::new(3))
                    .expect("a date three months on");
                MarketOrderTruth {
                    id: o.id,
                    account_id: o.account_id,
                    number: o.number.clone(),
                    security: &SECURITIES[o.security],
                    currency: currency_of(&SECURITIES[o.security]),
                    direction: o.direction,
                    order_type: o.order_type,
                    state: if executed { "Executed" } else { "Pending" },
                    payment_method: o.payment_method,
                    date: ledger::datetime(o.date),
                    execution_date: executed.then(|| ledger::datetime(o.execution)),
                    validity_date: validity,
                    quantity_e6: o.quantity,
                    amount_minor: executed.then_some(o.amount_minor),
                    ordervalue_e4: o.limit,
                    unitprice_e4: executed.then_some(o.price),
                    unitvalue_e4: executed.then(|| self.quote(o.security, current)),
                    last_update: ledger::datetime(if executed { o.execution } else { o.date }),
                }
            })
            .collect()
    }

    /// The ids of every investment line.
    pub fn investment_ids(&self) -> Vec<i64> {
        self.lines.iter().map(|l| l.id).collect()
    }
}

/// ISO 6166 check: the last character of an ISIN is the Luhn digit of the others, letters counting as 10 to 35.
pub fn isin_is_valid(isin: &str) -> bool {
    if isin.len() != 12 || !isin.is_ascii() || !isin[..2].chars().all(|c| c.is_ascii_uppercase()) {
        return false;
    }
    let Some(check) = isin[11..].chars().next().and_then(|c| c.to_digit(10)) else { return false };
    let mut digits = String::new();
    for c in isin[..11].chars() {
        match c.to_digit(36) {
            Some(value) => digits.push_str(&value.to_string()),
            None => return false,
        }
    }
    let sum: u32 = digits
        .chars()
        .rev()
        .enumerate()
        .map(|(position, c)| {
            let digit = c.to_digit(10).unwrap_or_default();
            if position % 2 == 0 {
                let doubled = digit * 2;
                if doubled > 9 { doubled - 9 } else { doubled }
            } else {
                digit
            }
        })
        .sum();
    (10 - sum % 10) % 10 == check
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ledger::LedgerConfig;

    fn anchor() -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, 11, 25).unwrap().and_hms_opt(8, 0, 0).unwrap()
    }

    fn portfolio(seed: u64, anchor: NaiveDateTime) -> (Household, Ledger, Portfolio) {
        let household = crate::household::generate(seed, anchor.date());
        let ledger = ledger::generate(&household, seed, anchor, LedgerConfig { transactions: 3_000, years: 2 });
        let portfolio = Portfolio::new(&household, &ledger, seed, ledger::instant(anchor));
        (household, ledger, portfolio)
    }

    fn days(n: i64) -> i64 {
        n * 86_400
    }

    #[test]
    fn every_isin_has_its_check_digit_and_the_check_catches_a_typo() {
        for security in SECURITIES {
            if let Some(isin) = security.isin {
                assert!(isin_is_valid(isin), "{isin} ({})", security.label);
            }
        }
        assert!(isin_is_valid("US0378331005"));
        assert!(!isin_is_valid("US0378331006"), "a wrong check digit");
        assert!(!isin_is_valid("US0378313005"), "two digits swapped");
        assert!(!isin_is_valid("FR000012027"), "too short");
        let prefixes: Vec<&str> = SECURITIES.iter().filter_map(|s| s.isin).map(|i| &i[..2]).collect();
        for prefix in ["FR", "IE", "LU", "US"] {
            assert!(prefixes.contains(&prefix), "an {prefix} ISIN");
        }
    }

    #[test]
    fn at_the_anchor_each_accounts_positions_add_up_to_its_balance_to_the_cent() {
        for seed in [42, 7, 1_234] {
            for anchor in [anchor(), NaiveDate::from_ymd_opt(2027, 3, 6).unwrap().and_hms_opt(19, 30, 0).unwrap()] {
                let (household, ledger, portfolio) = portfolio(seed, anchor);
                let now = ledger::instant(anchor);
                for kind in ["pea", "lifeinsurance", "market"] {
                    let index = household.accounts.iter().position(|a| a.account_type == kind).unwrap();
                    let account = &household.accounts[index];
                    let positions = portfolio.account_positions(account.id, now);
                    assert!(positions.len() >= 4, "{kind}: {} lines", positions.len());
                    let sum: i64 = positions.iter().map(|p| p.valuation_minor).sum();
                    assert_eq!(sum, ledger::balance_at(&ledger, index, now), "seed {seed}, {anchor}, {kind}");
                    assert!(positions.iter().all(|p| p.valuation_minor > 0 && p.deleted.is_none()), "{kind}: every line is worth something");
                    assert!(positions.iter().all(|p| p.currency == account.currency.code), "{kind}: in the account's currency");
                    for p in positions.iter().filter(|p| p.quantity_e6.is_some()) {
                        assert_eq!(p.valuation_minor, value_minor(p.quantity_e6.unwrap(), p.unitvalue_e4.unwrap()), "valuation = quantity × unit value");
                    }
                    let shares: i64 = positions.iter().map(|p| p.portfolio_share_e6).sum();
                    assert!((shares - RATIO_UNIT).abs() <= positions.len() as i64, "shares add up to 100 %: {shares}");
                }
            }
        }
    }

    #[test]
    fn shares_are_whole_funds_have_four_decimals_and_the_euro_fund_a_valuation_only() {
        let (_, _, portfolio) = portfolio(42, anchor());
        let positions = portfolio.positions_at(ledger::instant(anchor()));
        let fractional = |p: &&PositionTruth| p.quantity_e6.is_some_and(|q| q % QUANTITY_UNIT != 0);
        for p in &positions {
            match p.security.kind {
                Kind::Stock => assert_eq!(p.quantity_e6.unwrap() % QUANTITY_UNIT, 0, "{}", p.security.label),
                Kind::Fund => assert_eq!(p.quantity_e6.unwrap() % 100, 0, "{}", p.security.label),
                Kind::EuroFund => {
                    assert_eq!((p.quantity_e6, p.unitprice_e4, p.unitvalue_e4), (None, None, None));
                    assert!(p.valuation_minor > 0 && p.diff_minor > 0, "a euro fund only ever gains");
                }
                Kind::Etf => {}
            }
            if matches!(p.security.kind, Kind::Etf | Kind::Stock) {
                assert_eq!(p.unitvalue_e4.unwrap() % 100, 0, "{} is quoted in cents", p.security.label);
            }
        }
        let labels: Vec<&str> = positions.iter().filter(|p| p.security.kind == Kind::Etf).filter(fractional).map(|p| p.security.label).collect();
        assert_eq!(labels, ["Amundi MSCI World UCITS ETF", "Vanguard S&P 500 ETF"], "only the savings-plan ETFs hold fractions of a share");
        let with_details: Vec<&str> = positions.iter().filter(|p| p.performances_e6.is_some()).map(|p| p.security.label).collect();
        assert_eq!(with_details.len(), 2, "details for a few funds only: {with_details:?}");
    }

    #[test]
    fn quotes_move_with_the_clock_skip_weekends_and_stand_still_when_it_does() {
        let (_, _, portfolio) = portfolio(42, anchor());
        let start = ledger::instant(anchor()); // a Wednesday
        let now = portfolio.positions_at(start);
        assert_eq!(now, portfolio.positions_at(start), "the same clock reading, the same positions");
        assert_eq!(now, portfolio.positions_at(start + 3_600), "an hour later: no new quote yet");
        assert!(now.iter().all(|p| p.vdate == anchor().date()), "Wednesday's quote is out at 08:00");
        let thursday = portfolio.positions_at(start + days(1));
        let moved = now.iter().zip(&thursday).filter(|(a, b)| a.quantity_e6.is_some() && a.unitvalue_e4 != b.unitvalue_e4).count();
        assert!(moved >= 10, "most quotes moved overnight: {moved}");
        assert!(thursday.iter().all(|p| p.vdate == anchor().date() + Days::new(1) && p.prev_vdate == anchor().date()));
        assert!(thursday.iter().all(|p| p.last_update == (anchor().date() + Days::new(1)).and_hms_opt(6, 0, 0).unwrap()), "last_update follows the quote");
        let saturday = portfolio.positions_at(start + days(3));
        let sunday = portfolio.positions_at(start + days(4));
        let friday = anchor().date() + Days::new(2);
        for (sat, sun) in saturday.iter().zip(&sunday).filter(|(p, _)| p.quantity_e6.is_some()) {
            assert_eq!((sat.vdate, sat.unitvalue_e4, sat.last_update), (friday, sun.unitvalue_e4, sun.last_update), "{}: a weekend carries Friday", sat.security.label);
            assert_eq!(sat.prev_vdate, friday - Days::new(1));
        }
        let monday = portfolio.positions_at(start + days(5));
        assert!(monday.iter().filter(|p| p.quantity_e6.is_some()).all(|p| p.vdate == friday + Days::new(3) && p.prev_vdate == friday));
        let euro = |positions: &[PositionTruth]| positions.iter().find(|p| p.security.kind == Kind::EuroFund).unwrap().valuation_minor;
        assert!(euro(&sunday) > euro(&saturday), "the euro fund earns every calendar day");
        // Before 06:00 the day's quote is not out yet.
        let early = portfolio.positions_at(ledger::instant((anchor().date() + Days::new(1)).and_hms_opt(5, 59, 59).unwrap()));
        assert!(early.iter().all(|p| p.vdate == anchor().date()));
    }

    #[test]
    fn the_walk_is_pinned_at_the_anchor_and_drawn_from_the_seed() {
        let (_, _, a) = portfolio(42, anchor());
        let (_, _, b) = portfolio(42, anchor());
        let (_, _, other) = portfolio(43, anchor());
        let later = ledger::instant(anchor()) + days(40);
        assert_eq!(a.positions_at(later), b.positions_at(later));
        assert_ne!(a.positions_at(later), other.positions_at(later));
        for security in 0..SECURITIES.len() {
            let back = a.quote(security, anchor().date() - Days::new(200));
            assert!(back > 0);
            assert_eq!(a.quote(security, anchor().date()), a.start_quotes[security]);
        }
        // Daily moves stay within the security's swing.
        let quotes: Vec<i64> = (0..60).map(|d| a.quote(0, anchor().date() + Days::new(d))).collect();
        for pair in quotes.windows(2).filter(|w| w[0] != w[1]) {
            let change = ratio(pair[1] - pair[0], pair[0]).abs();
            assert!(change <= SECURITIES[0].swing_ppm + SECURITIES[0].drift_ppm + 200, "{change}");
        }
    }

    #[test]
    fn the_totalenergies_line_is_sold_twenty_days_on_and_stays_listed_deleted() {
        let (household, _, portfolio) = portfolio(42, anchor());
        let start = ledger::instant(anchor());
        let line = |now: Instant| portfolio.positions_at(now).into_iter().find(|p| p.security.isin == Some("FR0000120271")).unwrap();
        let sale = portfolio.orders_at(start + days(60)).into_iter().find(|o| o.direction == Direction::Sale && o.security.stock_symbol == Some("TTE")).unwrap();
        let sold_at = sale.execution_date.unwrap();
        assert_eq!(sold_at.date(), NaiveDate::from_ymd_opt(2026, 12, 15).unwrap(), "20 days on is a Tuesday");
        let before = line(ledger::instant(sold_at) - 1);
        assert_eq!(before.deleted, None);
        assert_eq!(sale.quantity_e6, before.quantity_e6.unwrap(), "the whole line is sold");
        assert_eq!(sale.amount_minor, Some(value_minor(sale.quantity_e6, sale.unitprice_e4.unwrap())));
        for later in [ledger::instant(sold_at), start + days(45)] {
            let after = line(later);
            assert_eq!(after.deleted, Some(sold_at.date()));
            assert_eq!((after.quantity_e6, after.valuation_minor, after.diff_minor, after.portfolio_share_e6), (Some(0), 0, 0, 0));
            assert_eq!(after.last_update, sold_at, "last changed when sold");
            assert_eq!(after.vdate, sold_at.date());
        }
        let pea = household.accounts.iter().find(|a| a.account_type == "pea").unwrap().id;
        let after = portfolio.account_positions(pea, start + days(45));
        assert_eq!(totals(&after).valuation_minor, after.iter().filter(|p| p.deleted.is_none()).map(|p| p.valuation_minor).sum::<i64>());
        let shares: i64 = after.iter().filter(|p| p.deleted.is_none()).map(|p| p.portfolio_share_e6).sum();
        assert!((shares - RATIO_UNIT).abs() <= after.len() as i64, "the live lines share the account: {shares}");
    }

    #[test]
    fn the_pending_limit_purchase_executes_three_days_on_and_adds_to_the_line() {
        let (_, _, portfolio) = portfolio(42, anchor());
        let start = ledger::instant(anchor());
        let pending = |now: Instant| portfolio.orders_at(now).into_iter().find(|o| o.security.stock_symbol == Some("AAPL")).unwrap();
        let at_start = pending(start);
        assert_eq!((at_start.state, at_start.execution_date, at_start.amount_minor, at_start.unitprice_e4), ("Pending", None, None, None));
        assert!(at_start.date < anchor(), "placed before the anchor");
        assert_eq!(at_start.order_type, OrderType::Limit);
        let apple = |now: Instant| portfolio.positions_at(now).into_iter().find(|p| p.security.stock_symbol == Some("AAPL")).unwrap();
        let executes = NaiveDate::from_ymd_opt(2026, 11, 30).unwrap().and_hms_opt(15, 45, 0).unwrap(); // 28th is a Saturday
        let just_before = pending(ledger::instant(executes) - 1);
        assert_eq!(just_before.state, "Pending");
        let done = pending(ledger::instant(executes));
        assert_eq!((done.state, done.execution_date), ("Executed", Some(executes)));
        let price = done.unitprice_e4.unwrap();
        assert!(price <= done.ordervalue_e4.unwrap(), "a buy limit is met at or below it");
        assert_eq!(done.amount_minor, Some(value_minor(5 * QUANTITY_UNIT, price)));
        assert_eq!(done.last_update, executes);
        let (before, after) = (apple(ledger::instant(executes) - 1), apple(ledger::instant(executes)));
        assert_eq!(after.quantity_e6.unwrap() - before.quantity_e6.unwrap(), 5 * QUANTITY_UNIT);
        let cost = i128::from(before.quantity_e6.unwrap()) * i128::from(before.unitprice_e4.unwrap()) + 5 * i128::from(QUANTITY_UNIT) * i128::from(price);
        assert_eq!(after.unitprice_e4.unwrap(), div_round(cost, i128::from(after.quantity_e6.unwrap())), "the average buy price");
        assert_eq!(after.last_update, executes, "the trade is the line's last change");
    }

    #[test]
    fn savings_plan_orders_are_the_ledgers_purchases_and_a_dozen_orders_stand_at_the_anchor() {
        let (household, ledger, portfolio) = portfolio(42, anchor());
        let start = ledger::instant(anchor());
        let orders = portfolio.orders_at(start);
        assert!((11..=16).contains(&orders.len()), "about a dozen: {}", orders.len());
        assert_eq!(orders.iter().filter(|o| o.state == "Pending").count(), 1);
        assert!(orders.iter().any(|o| o.direction == Direction::Sale) && orders.iter().any(|o| o.order_type == OrderType::Limit));
        let pea = household.accounts.iter().position(|a| a.account_type == "pea").unwrap();
        let plan: Vec<&MarketOrderTruth> = orders.iter().filter(|o| o.security.stock_symbol == Some("CW8")).collect();
        let purchases: Vec<&ledger::Txn> = ledger
            .txns
            .iter()
            .filter(|t| t.account as usize == pea && t.label == ledger::ETF_BUY && t.date >= anchor().date() - Days::new(ORDER_HISTORY_DAYS) && t.date <= anchor().date())
            .collect();
        assert_eq!(plan.len(), purchases.len());
        for (order, txn) in plan.iter().zip(purchases.iter().rev()) {
            assert_eq!((order.date.date(), order.amount_minor), (txn.date, Some(-txn.value_minor)), "the ledger's amount");
        }
        let ids: Vec<i64> = orders.iter().map(|o| o.id).collect();
        assert!(ids.windows(2).all(|w| w[0] < w[1]));
        // Later orders appear as the clock reaches them; none disappears.
        let later = portfolio.orders_at(start + days(45));
        assert!(later.len() > orders.len() && orders.iter().all(|o| later.iter().any(|l| l.id == o.id)));
    }

    #[test]
    fn history_holds_a_month_of_business_days_ending_at_the_vdate() {
        let (_, _, portfolio) = portfolio(42, anchor());
        let start = ledger::instant(anchor());
        let positions = portfolio.positions_at(start);
        let line = positions.iter().find(|p| p.security.stock_symbol == Some("MC")).unwrap();
        let history = portfolio.history(line.id, start);
        assert!((21..=23).contains(&history.len()), "{}", history.len());
        assert_eq!(history[0], (line.vdate, line.unitvalue_e4.unwrap()));
        assert!(history.iter().all(|(d, _)| is_business_day(*d)));
        assert!(history.windows(2).all(|w| w[0].0 > w[1].0), "newest first");
        let euro = positions.iter().find(|p| p.security.kind == Kind::EuroFund).unwrap();
        assert!(portfolio.history(euro.id, start).is_empty());
        assert!(portfolio.history(1, start).is_empty());
    }
}
