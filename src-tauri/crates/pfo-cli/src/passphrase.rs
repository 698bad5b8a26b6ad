//! Passphrases typed at the command line: a backup's and the app lock's. At a terminal they are read without echo;
//! otherwise each is one line of standard input (so scripts can pipe them). The text never reaches an output or an
//! error.

use pfo_core::secrets::SecretString;
use pfo_core::{Error, Result};
use secrecy::ExposeSecret;
use std::io::IsTerminal;

/// A strength rule run on a new passphrase before it is asked for again.
pub type StrengthCheck<'a> = &'a dyn Fn(&SecretString) -> Result<()>;

/// One passphrase: `prompt` at a terminal (typed twice when `confirm`, with `check` run on the first), or one line
/// of standard input.
pub fn read(prompt: &str, confirm: Option<StrengthCheck<'_>>) -> Result<SecretString> {
    let invalid = |reason: &str| Error::InvalidInput { field: "passphrase".into(), reason: reason.into() };
    if std::io::stdin().is_terminal() {
        let ask = |text: &str| rpassword::prompt_password(text).map(SecretString::from).map_err(|_| invalid("could not be read from the terminal"));
        let first = ask(prompt)?;
        let Some(check) = confirm else { return Ok(first) };
        check(&first)?;
        let again = ask("The same passphrase again: ")?;
        if again.expose_secret() != first.expose_secret() {
            return Err(invalid("the two entries differ; nothing was written"));
        }
        Ok(first)
    } else {
        let mut line = String::new();
        std::io::stdin().read_line(&mut line).map_err(|_| invalid("could not be read from standard input"))?;
        // Only the line ending goes: spaces may be part of a passphrase.
        let trimmed = line.strip_suffix('\n').map(|l| l.strip_suffix('\r').unwrap_or(l)).unwrap_or(&line).to_string();
        if trimmed.is_empty() {
            return Err(invalid("is missing: give it as a line of standard input"));
        }
        Ok(SecretString::from(trimmed))
    }
}

/// Asks for the app lock's passphrase when its owner set the lock to cover the command line: before any command
/// reads or changes the data of `data_dir`.
pub fn unlock(data_dir: &std::path::Path) -> Result<()> {
    pfo_core::lock::unlock_for_cli(data_dir, &pfo_core::secrets::SecretStore::default(), || read("App lock passphrase: ", None))
}
