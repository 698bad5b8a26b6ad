//! `config.toml` in the data directory: the household's Powens connection settings (never its secrets).
//!
//! No file, or a file without a `[powens]` table, means no Powens connection is configured: the app runs the
//! demo household. Errors name the file, the line and the field.

use crate::error::{Error, Result};
use serde::Deserialize;
use std::path::{Path, PathBuf};

/// The file name inside the data directory.
pub const CONFIG_FILE: &str = "config.toml";

/// Which Powens environment the household's domain belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Environment {
    /// A `…-sandbox.biapi.pro` domain.
    Sandbox,
    /// A contracted production domain.
    Production,
}

/// The `[powens]` table.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct PowensConfig {
    /// Powens environment.
    pub environment: Environment,
    /// API root of the household's domain, e.g. `https://acme.biapi.pro/2.0`.
    pub base_url: String,
    /// Optional region identifier (kept for the integration spec; Powens domains carry no region today).
    #[serde(default)]
    pub region: Option<String>,
    /// Optional background sync cadence.
    #[serde(default)]
    pub polling_interval_ms: Option<u64>,
}

/// Sane bounds of `pollingIntervalMs`: more often than a minute would burn the Powens rate limit for nothing.
pub const POLLING_BOUNDS_MS: std::ops::RangeInclusive<u64> = 60_000..=86_400_000;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ConfigFile {
    powens: Option<PowensConfig>,
}

/// Checks a `[powens]` table's values; errors name the file and the field.
pub fn validate(path: &Path, powens: &PowensConfig) -> Result<()> {
    powens_client::validate_base_url(&powens.base_url)
        .map_err(|e| Error::Config { path: path.to_path_buf(), reason: format!("field `powens.baseUrl`: {e}") })?;
    if let Some(interval) = powens.polling_interval_ms {
        if !POLLING_BOUNDS_MS.contains(&interval) {
            return Err(Error::Config {
                path: path.to_path_buf(),
                reason: format!(
                    "field `powens.pollingIntervalMs`: {interval} is outside {}..={} (one minute to one day); \
                     Powens itself refreshes banks about once a day",
                    POLLING_BOUNDS_MS.start(),
                    POLLING_BOUNDS_MS.end()
                ),
            });
        }
    }
    Ok(())
}

/// Writes `config.toml` with this `[powens]` table, atomically (temporary file, then rename).
pub fn write(path: &Path, powens: &PowensConfig) -> Result<()> {
    let mut text = String::from("# Pocket Family Office: the household's Powens connection. Secrets live in the OS keyring.\n[powens]\n");
    let environment = match powens.environment {
        Environment::Sandbox => "sandbox",
        Environment::Production => "production",
    };
    text.push_str(&format!("environment = \"{environment}\"\nbaseUrl = \"{}\"\n", powens.base_url));
    if let Some(region) = &powens.region {
        text.push_str(&format!("region = \"{}\"\n", region.replace('"', "")));
    }
    if let Some(interval) = powens.polling_interval_ms {
        text.push_str(&format!("pollingIntervalMs = {interval}\n"));
    }
    let temporary = path.with_extension("toml.tmp");
    std::fs::write(&temporary, text).map_err(|source| Error::Io { action: "write", path: temporary.clone(), source })?;
    std::fs::rename(&temporary, path).map_err(|source| Error::Io { action: "replace", path: path.to_path_buf(), source })
}

/// Reads `<data_dir>/config.toml`; `Ok(None)` when Powens is not configured.
pub fn load(data_dir: &Path) -> Result<Option<PowensConfig>> {
    let path = data_dir.join(CONFIG_FILE);
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(source) => return Err(Error::Io { action: "read", path, source }),
    };
    let file: ConfigFile = toml::from_str(&text).map_err(|e| toml_error(&path, &text, &e))?;
    if let Some(powens) = &file.powens {
        validate(&path, powens)?;
    }
    Ok(file.powens)
}

/// A TOML parse or shape error as an [`Error::Config`] naming the line.
pub(crate) fn toml_error(path: &Path, text: &str, error: &toml::de::Error) -> Error {
    let line = error.span().map(|span| text[..span.start.min(text.len())].lines().count().max(1));
    let reason = match line {
        Some(line) => format!("line {line}: {}", error.message()),
        None => error.message().to_string(),
    };
    Error::Config { path: PathBuf::from(path), reason }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(text: &str) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(CONFIG_FILE), text).unwrap();
        dir
    }

    #[test]
    fn no_file_or_no_table_means_demo() {
        assert!(load(tempfile::tempdir().unwrap().path()).unwrap().is_none());
        assert!(load(write("").path()).unwrap().is_none());
    }

    #[test]
    fn a_valid_table_is_read() {
        let dir = write("[powens]\nenvironment = \"sandbox\"\nbaseUrl = \"https://acme-sandbox.biapi.pro/2.0\"\n");
        let config = load(dir.path()).unwrap().unwrap();
        assert_eq!(config.environment, Environment::Sandbox);
    }

    #[test]
    fn errors_name_the_file_line_and_field() {
        let dir = write("[powens]\nenvironment = \"staging\"\nbaseUrl = \"https://x.biapi.pro/2.0\"\n");
        let message = load(dir.path()).unwrap_err().to_string();
        assert!(message.contains("config.toml") && message.contains("line 2") && message.contains("staging"), "{message}");

        let dir = write("[powens]\nenvironment = \"sandbox\"\nbaseUrl = \"https://x.biapi.pro/2.0\"\npollingIntervalMs = 10\n");
        let message = load(dir.path()).unwrap_err().to_string();
        assert!(message.contains("powens.pollingIntervalMs"), "{message}");

        let dir = write("[powens]\nenvironment = \"production\"\nbaseUrl = \"http://x.biapi.pro/2.0\"\n");
        let message = load(dir.path()).unwrap_err().to_string();
        assert!(message.contains("powens.baseUrl") && message.contains("https"), "{message}");
    }
}
