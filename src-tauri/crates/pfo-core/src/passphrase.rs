//! How strong a passphrase the household chooses must be: a backup's (all that protects the file once it is copied
//! anywhere) and the app lock's. One rule for both, so the window can say it once.

use secrecy::{ExposeSecret, SecretString};

/// The fewest characters a passphrase may have.
pub const MIN_PASSPHRASE_CHARS: usize = 12;

/// Words of our own that make a passphrase easy to guess for anyone who knows which app it is for.
const APP_WORDS: &[&str] = &["pocketfamilyoffice", "pocket", "family", "office", "backup", "powens", "banque", "bank", "lock", "unlock"];

/// `Err(reason)` for a passphrase that is short or that the zxcvbn estimator finds guessable in fewer than 10^10
/// tries (score 3). The reason names the kind of weakness (a common word, a sequence), never the text.
pub fn check_strength(passphrase: &SecretString) -> Result<(), String> {
    let text = passphrase.expose_secret();
    let chars = text.chars().count();
    if chars < MIN_PASSPHRASE_CHARS {
        return Err(format!("it has {chars} characters, fewer than {MIN_PASSPHRASE_CHARS}"));
    }
    let estimate = zxcvbn::zxcvbn(text, APP_WORDS);
    if estimate.score() < zxcvbn::Score::Three {
        return Err(match estimate.feedback().and_then(|f| f.warning()) {
            Some(warning) => format!("it is easy to guess ({})", warning.to_string().trim_end_matches('.')),
            None => "it is easy to guess".to_string(),
        });
    }
    Ok(())
}
