//! Asset classes: which class an account or a position counts in on the balance sheet, and how that was decided,
//! so that the Wealth screen can say it. The rules run from the most to the least reliable evidence: the bank's
//! own category, a euro fund's name, a fund's wrapper words, a security code with a quantity, the account's type.

use crate::domain::{AccountType, InvestmentPositionRecord};

stored_enum! {
    /// A class of the balance sheet.
    pub enum AssetClass {
        /// Current accounts, savings accounts, term deposits, the cash of an investment account.
        Cash = "cash",
        /// Shares of companies, held directly.
        Equities = "equities",
        /// Bonds and bond funds.
        Bonds = "bonds",
        /// Investment funds and ETFs (other than bond funds).
        Funds = "funds",
        /// The capital-guaranteed euro funds of French life insurance.
        EuroFunds = "euro_funds",
        /// Property.
        RealEstate = "real_estate",
        /// Unlisted companies and private-equity funds.
        PrivateEquity = "private_equity",
        /// Everything else, and investment accounts whose positions are not known.
        Other = "other",
        /// Loans and card debts (negative).
        Liabilities = "liabilities",
    }
}

stored_enum! {
    /// What a class was decided from.
    pub enum ClassEvidence {
        /// The bank's asset category of the fund.
        BankCategory = "bank_category",
        /// The position's name (a euro fund, a fund or ETF wrapper).
        Label = "label",
        /// A security code with a quantity and no fund word: a listed share.
        SecurityCode = "security_code",
        /// The account's type (its positions are not known, or it holds none).
        AccountType = "account_type",
        /// The account's balance beside its positions (the cash left, or a gap to the positions' value).
        BalanceRemainder = "balance_remainder",
    }
}

/// The class of an account counted whole (no positions known).
pub fn of_account(account_type: &AccountType, balance_negative: bool) -> AssetClass {
    if account_type.is_liability() || (balance_negative && matches!(account_type, AccountType::Checking)) {
        return AssetClass::Liabilities;
    }
    match account_type {
        AccountType::Checking | AccountType::Savings | AccountType::Deposit | AccountType::LivretA | AccountType::RegulatedSavings(_) => AssetClass::Cash,
        _ => AssetClass::Other,
    }
}

/// The class of a position, and what it was decided from.
pub fn of_position(position: &InvestmentPositionRecord) -> (AssetClass, ClassEvidence) {
    if let Some(class) = position.details.as_ref().and_then(|d| d.asset_category.as_deref()).and_then(from_bank_category) {
        return (class, ClassEvidence::BankCategory);
    }
    let label = fold(&position.label);
    if EURO_FUND_WORDS.iter().any(|w| label.contains(w)) {
        return (AssetClass::EuroFunds, ClassEvidence::Label);
    }
    if BOND_WORDS.iter().any(|w| contains_word(&label, w)) {
        return (AssetClass::Bonds, ClassEvidence::Label);
    }
    if FUND_WORDS.iter().any(|w| contains_word(&label, w)) {
        return (AssetClass::Funds, ClassEvidence::Label);
    }
    if REAL_ESTATE_WORDS.iter().any(|w| contains_word(&label, w)) {
        return (AssetClass::RealEstate, ClassEvidence::Label);
    }
    if position.code.is_some() && position.quantity.is_some() {
        return (AssetClass::Equities, ClassEvidence::SecurityCode);
    }
    (AssetClass::Other, ClassEvidence::Label)
}

/// A bank's category (French or English, as banks word it) as a class.
fn from_bank_category(category: &str) -> Option<AssetClass> {
    let category = fold(category);
    [
        (&["action", "equit", "stock"][..], AssetClass::Equities),
        (&["obligat", "bond", "taux"][..], AssetClass::Bonds),
        (&["monetaire", "money market", "liquidit", "cash"][..], AssetClass::Cash),
        (&["immobili", "real estate", "scpi", "opci"][..], AssetClass::RealEstate),
        (&["fonds euro", "euro fund", "garanti"][..], AssetClass::EuroFunds),
        (&["private equity", "capital investissement", "non cote"][..], AssetClass::PrivateEquity),
        (&["diversifi", "mixte", "multi", "balanced", "flexible"][..], AssetClass::Funds),
    ]
    .into_iter()
    .find(|(words, _)| words.iter().any(|w| category.contains(w)))
    .map(|(_, class)| class)
}

const EURO_FUND_WORDS: &[&str] = &["fonds euro", "fonds en euro", "fonds general", "euro fund", "actif general"];
const BOND_WORDS: &[&str] = &["bond", "bonds", "obligations", "obligataire", "oblig", "treasury", "govt", "aggregate"];
const FUND_WORDS: &[&str] = &["etf", "ucits", "fcp", "sicav", "fund", "fonds", "index", "tracker", "msci", "s&p", "stoxx", "ftse", "opcvm"];
const REAL_ESTATE_WORDS: &[&str] = &["scpi", "opci", "sci", "reit", "immobilier", "pierre"];

/// Lower case without accents, so that "Fonds Général" and "fonds general" read alike.
fn fold(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            'à' | 'â' | 'ä' | 'À' | 'Â' | 'Ä' => 'a',
            'é' | 'è' | 'ê' | 'ë' | 'É' | 'È' | 'Ê' | 'Ë' => 'e',
            'î' | 'ï' | 'Î' | 'Ï' => 'i',
            'ô' | 'ö' | 'Ô' | 'Ö' => 'o',
            'ù' | 'û' | 'ü' | 'Ù' | 'Û' | 'Ü' => 'u',
            'ç' | 'Ç' => 'c',
            other => other.to_ascii_lowercase(),
        })
        .collect()
}

/// Whether `word` appears in `text` as a whole word (so that "sci" is not found in "science").
fn contains_word(text: &str, word: &str) -> bool {
    text.match_indices(word).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + word.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{AccountId, CodeScheme, Currency, FundDetails, PositionId, SecurityCode, Timestamp};
    use rust_decimal::Decimal;

    fn position(label: &str, code: bool, quantity: bool, category: Option<&str>) -> InvestmentPositionRecord {
        InvestmentPositionRecord {
            id: PositionId::new("powens", "1"),
            account_id: AccountId::new("powens", "2"),
            label: label.into(),
            code: code.then(|| SecurityCode { scheme: CodeScheme::Isin, code: "FR0000120271".into() }),
            stock_symbol: None,
            currency: Currency::parse("c", "EUR").unwrap(),
            quantity: quantity.then_some(Decimal::ONE),
            unit_price: None,
            unit_value: None,
            valuation: Some(Decimal::ONE),
            gain: None,
            gain_ratio: None,
            portfolio_share: None,
            value_date: None,
            foreign: None,
            details: category.map(|c| FundDetails { asset_category: Some(c.into()), ..FundDetails::default() }),
            calculated: vec![],
            ended_on: None,
            synced_at: Timestamp::parse("2026-12-01T00:00:00Z").unwrap(),
        }
    }

    #[test]
    fn positions_are_classed_from_the_best_evidence_there_is() {
        let cases = [
            (position("Amundi Patrimoine", true, true, Some("Obligations")), AssetClass::Bonds, ClassEvidence::BankCategory),
            (position("Fonds Général Euro", false, false, None), AssetClass::EuroFunds, ClassEvidence::Label),
            (position("Amundi MSCI World UCITS ETF", true, true, None), AssetClass::Funds, ClassEvidence::Label),
            (position("iShares Core Euro Govt Bond", true, true, None), AssetClass::Bonds, ClassEvidence::Label),
            (position("SCPI Primovie", true, true, None), AssetClass::RealEstate, ClassEvidence::Label),
            (position("TotalEnergies", true, true, None), AssetClass::Equities, ClassEvidence::SecurityCode),
            (position("Science Corp", true, true, None), AssetClass::Equities, ClassEvidence::SecurityCode),
            (position("Mystery line", false, false, None), AssetClass::Other, ClassEvidence::Label),
        ];
        for (position, class, evidence) in cases {
            assert_eq!(of_position(&position), (class, evidence), "{}", position.label);
        }
    }

    #[test]
    fn accounts_counted_whole_are_cash_liabilities_or_other() {
        assert_eq!(of_account(&AccountType::Checking, false), AssetClass::Cash);
        assert_eq!(of_account(&AccountType::Checking, true), AssetClass::Liabilities);
        assert_eq!(of_account(&AccountType::LivretA, false), AssetClass::Cash);
        assert_eq!(of_account(&AccountType::Loan, true), AssetClass::Liabilities);
        assert_eq!(of_account(&AccountType::Pea, false), AssetClass::Other);
    }
}
