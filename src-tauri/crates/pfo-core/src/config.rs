//! `config.toml` in the data directory: the household's Powens connection settings (never its secrets).
//!
//! No file, or a file without a `[powens]` table, means no Powens connection is configured: the app runs the
//! demo household. Errors name the file, the line and the field.

use crate::error::{Error, Result};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// The file name inside the data directory.
pub const CONFIG_FILE: &str = "config.toml";

/// Which Powens environment the household's domain belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Environment {
    /// A `…-sandbox.biapi.pro` domain.
    Sandbox,
    /// A contracted production domain.
    Production,
}

impl Environment {
    /// Reads `sandbox` or `production`, refusing anything else naming the field.
    pub fn parse(text: &str) -> crate::error::Result<Self> {
        match text.trim() {
            "sandbox" => Ok(Self::Sandbox),
            "production" => Ok(Self::Production),
            other => Err(crate::error::Error::InvalidInput {
                field: "environment".into(),
                reason: format!("`{other}` is neither sandbox nor production"),
            }),
        }
    }
}

/// The `[powens]` table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct PowensConfig {
    /// Powens environment.
    pub environment: Environment,
    /// API root of the household's domain, e.g. `https://acme.biapi.pro/2.0`.
    pub base_url: String,
    /// Optional Powens region (see [`REGIONS`]): checks that the base URL is an API host of that region and chooses
    /// the region's connect webview.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    /// Optional background sync cadence.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub polling_interval_ms: Option<u64>,
}

/// A Powens region: where its domains' API hosts and its connect webview live.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Region {
    /// The identifier written as `region` in `config.toml`.
    pub id: &'static str,
    /// Every API host of the region is `<domain><suffix>`.
    pub api_host_suffix: &'static str,
    /// The connect webview shared by the region's domains.
    pub webview: &'static str,
}

/// The regions Powens documents. Powens' own documentation and SDKs know one API host pattern,
/// `https://<domain>.biapi.pro/2.0`, and one webview, `https://webview.powens.com` (European domains; sandbox and
/// production differ by domain, not by region), so there is one entry; a new one is a new row here.
pub const REGIONS: &[Region] = &[Region { id: "eu", api_host_suffix: ".biapi.pro", webview: "https://webview.powens.com" }];

impl PowensConfig {
    /// The configured region, or the one every documented Powens domain belongs to when none is named.
    pub fn region(&self) -> Region {
        self.region.as_deref().and_then(find_region).unwrap_or(REGIONS[0])
    }
}

fn find_region(id: &str) -> Option<Region> {
    REGIONS.iter().copied().find(|r| r.id == id)
}

/// Sane bounds of `pollingIntervalMs`: more often than a minute would burn the Powens rate limit for nothing.
pub const POLLING_BOUNDS_MS: std::ops::RangeInclusive<u64> = 60_000..=86_400_000;

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct ConfigFile {
    powens: Option<PowensConfig>,
}

/// Checks a `[powens]` table's values; errors name the file and the field.
pub fn validate(path: &Path, powens: &PowensConfig) -> Result<()> {
    let invalid = |reason: String| Error::Config { path: path.to_path_buf(), reason };
    let base_url = powens_client::validate_base_url(&powens.base_url).map_err(|e| invalid(format!("field `powens.baseUrl`: {e}")))?;
    if let Some(id) = &powens.region {
        let Some(region) = find_region(id) else {
            let known: Vec<&str> = REGIONS.iter().map(|r| r.id).collect();
            return Err(invalid(format!(
                "field `powens.region`: `{id}` is not a Powens region (known: {}); leave it out unless your Powens contract names one",
                known.join(", ")
            )));
        };
        check_region_host(&base_url, region).map_err(|reason| invalid(format!("field `powens.baseUrl`: {reason}")))?;
    }
    if let Some(interval) = powens.polling_interval_ms {
        if !POLLING_BOUNDS_MS.contains(&interval) {
            return Err(invalid(format!(
                "field `powens.pollingIntervalMs`: {interval} is outside {}..={} (one minute to one day); \
                 Powens itself refreshes banks about once a day",
                POLLING_BOUNDS_MS.start(),
                POLLING_BOUNDS_MS.end()
            )));
        }
    }
    Ok(())
}

/// A region's API host is `<domain><suffix>`, the domain label being lowercase letters, digits and inner hyphens (the
/// rule of Powens' SDK). A loopback host is the local sandbox, which stands in for any region.
fn check_region_host(base_url: &str, region: Region) -> std::result::Result<(), String> {
    let url = url::Url::parse(base_url).map_err(|_| "it is not an absolute URL".to_string())?;
    let loopback = powens_client::is_loopback(&url);
    if loopback {
        return Ok(());
    }
    let host = url.host_str().unwrap_or_default();
    let label = host.strip_suffix(region.api_host_suffix).unwrap_or_default();
    let valid_label = !label.is_empty()
        && label.split('-').all(|part| !part.is_empty() && part.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()));
    if valid_label {
        Ok(())
    } else {
        Err(format!(
            "host `{host}` is not a Powens API host of region `{}`; it must be https://<your-domain>{}/2.0",
            region.id, region.api_host_suffix
        ))
    }
}

/// Writes `config.toml` with this `[powens]` table: serialized by `toml`, read back through [`parse`] (so through
/// [`validate`]) and put in place only if it loads to the same table (see [`crate::atomic_write`]).
pub fn write(path: &Path, powens: &PowensConfig) -> Result<()> {
    let table = toml::to_string(&ConfigFile { powens: Some(powens.clone()) })
        .map_err(|e| Error::Config { path: path.to_path_buf(), reason: format!("cannot be written: {e}") })?;
    let text = format!("# Pocket Family Office: the household's Powens connection. Secrets live in the OS keyring.\n{table}");
    crate::atomic_write::write_verified(path, text.as_bytes(), |written| match parse(path, written)? {
        Some(loaded) if loaded == *powens => Ok(()),
        _ => Err(Error::Config { path: path.to_path_buf(), reason: "would not load back as written; the previous file was kept".into() }),
    })
}

/// Reads `<data_dir>/config.toml`; `Ok(None)` when Powens is not configured.
pub fn load(data_dir: &Path) -> Result<Option<PowensConfig>> {
    let path = data_dir.join(CONFIG_FILE);
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(source) => return Err(Error::Io { action: "read", path, source }),
    };
    parse(&path, &text)
}

/// Parses and validates the text of the config file at `path` (named in errors).
pub fn parse(path: &Path, text: &str) -> Result<Option<PowensConfig>> {
    let file: ConfigFile = toml::from_str(text).map_err(|e| toml_error(path, text, &e))?;
    if let Some(powens) = &file.powens {
        validate(path, powens)?;
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

    fn every_field() -> PowensConfig {
        PowensConfig {
            environment: Environment::Production,
            base_url: "https://acme.biapi.pro/2.0".into(),
            region: Some("eu".into()),
            polling_interval_ms: Some(3_600_000),
        }
    }

    #[test]
    fn a_config_with_every_field_round_trips_through_the_file() {
        let dir = tempfile::tempdir().unwrap();
        super::write(&dir.path().join(CONFIG_FILE), &every_field()).unwrap();
        assert_eq!(load(dir.path()).unwrap(), Some(every_field()));
        let sparse = PowensConfig { environment: Environment::Sandbox, base_url: "http://127.0.0.1:9/2.0".into(), region: None, polling_interval_ms: None };
        super::write(&dir.path().join(CONFIG_FILE), &sparse).unwrap();
        assert_eq!(load(dir.path()).unwrap(), Some(sparse));
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1, "no temporary file is left behind");
    }

    #[test]
    fn a_write_that_would_not_load_back_leaves_the_old_file_intact() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(CONFIG_FILE);
        super::write(&path, &every_field()).unwrap();
        let before = std::fs::read(&path).unwrap();
        // Values only the loader refuses: `write` does not pre-check them, the read-back does.
        for broken in [
            PowensConfig { base_url: "http://127.0.0.1:9\\2.0".into(), ..every_field() },
            PowensConfig { polling_interval_ms: Some(10), ..every_field() },
            PowensConfig { region: Some("mars\"\n[powens]".into()), ..every_field() },
        ] {
            let error = super::write(&path, &broken).unwrap_err();
            assert_eq!(error.code(), "config.invalid", "{error}");
            assert!(error.to_string().contains("config.toml"), "{error}");
            assert_eq!(std::fs::read(&path).unwrap(), before, "{broken:?} replaced the file");
            assert_eq!(load(dir.path()).unwrap(), Some(every_field()));
        }
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1, "no temporary file is left behind");
    }

    #[test]
    fn a_region_must_be_known_and_match_the_base_url_host() {
        let dir = write("[powens]\nenvironment = \"production\"\nbaseUrl = \"https://acme.biapi.pro/2.0\"\nregion = \"us\"\n");
        let message = load(dir.path()).unwrap_err().to_string();
        assert!(message.contains("powens.region") && message.contains("`us`") && message.contains("known: eu"), "{message}");

        let dir = write("[powens]\nenvironment = \"production\"\nbaseUrl = \"https://api.example.com/2.0\"\nregion = \"eu\"\n");
        let message = load(dir.path()).unwrap_err().to_string();
        assert!(message.contains("powens.baseUrl") && message.contains("api.example.com") && message.contains(".biapi.pro"), "{message}");

        let dir = write("[powens]\nenvironment = \"sandbox\"\nbaseUrl = \"https://-x.biapi.pro/2.0\"\nregion = \"eu\"\n");
        assert!(load(dir.path()).is_err(), "a domain label must not start with a hyphen");

        let dir = write("[powens]\nenvironment = \"sandbox\"\nbaseUrl = \"https://acme-sandbox.biapi.pro/2.0\"\nregion = \"eu\"\n");
        let config = load(dir.path()).unwrap().unwrap();
        assert_eq!(config.region().webview, "https://webview.powens.com");
        let dir = write("[powens]\nenvironment = \"sandbox\"\nbaseUrl = \"http://127.0.0.1:8080/2.0\"\nregion = \"eu\"\n");
        assert!(load(dir.path()).is_ok(), "the loopback sandbox stands in for any region");
    }
}
