//! Masking of personal identifiers: the one place that decides how an IBAN or account number is shown.
//!
//! Stored values stay whole (the database is encrypted); everything that leaves the core (IPC, CLI output, logs,
//! telemetry, overview documents) sees only these masked forms.

/// The character used to hide digits.
const HIDDEN: &str = "••••";

/// `FR7630004000031234567890143` → `FR76 •••• 0143`: country and check digits, then the last four characters.
pub fn mask_iban(iban: &str) -> String {
    let compact: String = iban.chars().filter(|c| !c.is_whitespace()).collect();
    if compact.chars().count() <= 8 {
        return HIDDEN.to_string();
    }
    let head: String = compact.chars().take(4).collect();
    format!("{head} {HIDDEN} {}", last_four(&compact))
}

/// `0212366548` → `•••• 6548`: only the last four characters survive.
pub fn mask_account_number(number: &str) -> String {
    let compact: String = number.chars().filter(|c| !c.is_whitespace()).collect();
    // Short numbers would be mostly revealed by their last four digits: hide them whole.
    if compact.chars().count() < 8 {
        return HIDDEN.to_string();
    }
    format!("{HIDDEN} {}", last_four(&compact))
}

fn last_four(compact: &str) -> String {
    let count = compact.chars().count();
    compact.chars().skip(count - 4).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ibans_keep_only_country_check_digits_and_last_four() {
        assert_eq!(mask_iban("FR7630004000031234567890143"), "FR76 •••• 0143");
        assert_eq!(mask_iban("FR76 3000 4000 0312 3456 7890 143"), "FR76 •••• 0143");
        assert_eq!(mask_iban("CH12"), "••••");
    }

    #[test]
    fn account_numbers_keep_only_last_four() {
        assert_eq!(mask_account_number("0212366548"), "•••• 6548");
        assert_eq!(mask_account_number("123"), "••••");
        assert_eq!(mask_account_number("1234567"), "••••");
        assert_eq!(mask_account_number("12345678"), "•••• 5678");
    }
}
