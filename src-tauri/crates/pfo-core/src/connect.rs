//! Configuring the household's Powens connection (`pfo connect powens`): validate the settings, put the BYOK
//! secrets in the OS keyring, prove them against the Powens API, and only then write `config.toml`. A refusal at any
//! step leaves the previous configuration and secrets exactly as they were.

use crate::config::{self, Environment, PowensConfig, CONFIG_FILE};
use crate::error::{Error, Result};
use crate::profile::{Mode, Profile};
use crate::provider::factory::{build_powens_provider, PowensSettings, TokenSlot};
use crate::secrets::SecretStore;
use secrecy::{ExposeSecret, SecretString};
use std::path::Path;

/// What `connect` needs.
#[derive(Debug, Clone)]
pub struct ConnectRequest {
    /// Powens environment.
    pub environment: Environment,
    /// API root of the household's domain.
    pub base_url: String,
    /// Optional region.
    pub region: Option<String>,
    /// Optional refresh cadence.
    pub polling_interval_ms: Option<u64>,
    /// Client id (BYOK).
    pub client_id: SecretString,
    /// Client secret (BYOK).
    pub client_secret: SecretString,
    /// Optional supplemental API key; `None` removes a stored one.
    pub api_key: Option<SecretString>,
    /// Optional webhook signing secret; `None` removes a stored one (and so turns the webhook receiver off).
    pub webhook_secret: Option<SecretString>,
}

/// What a successful connect found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Connected {
    /// Bank connections of the household's Powens user.
    pub bank_connections: usize,
    /// The base URL as saved (normalised: lowercase host, no trailing slash).
    pub base_url: String,
}

/// Configures Powens for the data directory; see the module comment for the order of steps. The base URL is
/// normalised first and used in that form everywhere; a URL that is not clean is refused before anything is written.
pub async fn connect_powens(data_dir: &Path, request: ConnectRequest) -> Result<Connected> {
    let config_path = data_dir.join(CONFIG_FILE);
    let base_url = powens_client::validate_base_url(&request.base_url)
        .map_err(|e| Error::InvalidInput { field: "powens.baseUrl".into(), reason: e.to_string() })?;
    let config = PowensConfig {
        environment: request.environment,
        base_url: base_url.clone(),
        region: request.region.clone(),
        polling_interval_ms: request.polling_interval_ms,
    };
    config::validate(&config_path, &config)?;
    for (field, value) in [("clientId", &request.client_id), ("clientSecret", &request.client_secret)] {
        if value.expose_secret().trim().is_empty() {
            return Err(Error::InvalidInput { field: field.into(), reason: "is empty; give the value from the Powens console".into() });
        }
    }
    // An optional secret given as blanks is a slip, not a request to remove it.
    for (field, value) in [("apiKey", &request.api_key), ("webhookSecret", &request.webhook_secret)] {
        if value.as_ref().is_some_and(|v| v.expose_secret().trim().is_empty()) {
            return Err(Error::InvalidInput { field: field.into(), reason: "is blank; leave it out instead".into() });
        }
    }
    std::fs::create_dir_all(data_dir).map_err(|source| Error::Io { action: "create", path: data_dir.to_path_buf(), source })?;
    if config::load(data_dir)?.is_some() {
        // Binds a live profile from before domains were recorded to the domain configured now, before another
        // domain is looked up: that one must then get a profile of its own, not the current household's.
        Profile::open(data_dir, Mode::Live)?;
    }
    let domain = crate::profile::powens_domain(&request.base_url);
    let profile = Profile::open_live(data_dir, domain.as_deref())?;
    tracing::info!(profile = %profile.dir.display(), "the Powens domain's profile");
    let secrets = SecretStore::default();
    let entries = [profile.powens_client_id_entry(), profile.powens_client_secret_entry(), profile.powens_api_key_entry(), profile.powens_webhook_secret_entry()];
    let token_entries = [profile.powens_token_entry(), format!("{}/user", profile.powens_token_entry())];
    let previous: Vec<Option<SecretString>> = entries.iter().chain(&token_entries).map(|e| secrets.get(e)).collect::<Result<_>>()?;
    let same_client = previous[0].as_ref().is_some_and(|old| old.expose_secret() == request.client_id.expose_secret());

    let attempt = async {
        let values = [Some(&request.client_id), Some(&request.client_secret), request.api_key.as_ref(), request.webhook_secret.as_ref()];
        for (entry, value) in entries.iter().zip(values) {
            match value {
                Some(value) => secrets.set(entry, value)?,
                None => secrets.delete(entry)?,
            }
        }
        if !same_client {
            // Another client (another Powens domain): the old user token cannot work there.
            for entry in &token_entries {
                secrets.delete(entry)?;
            }
        }
        let settings = PowensSettings {
            base_url: base_url.clone(),
            client_id: request.client_id.expose_secret().to_string(),
            client_secret: request.client_secret.clone(),
            api_key: request.api_key.clone(),
        };
        let slot = TokenSlot::Keyring { store: secrets.clone(), entry: profile.powens_token_entry() };
        let provider = build_powens_provider(&settings, &slot).await?;
        let count = provider.bank_connection_count().await?;
        // Last, so that a config file that cannot be written is refused like bad credentials: nothing changes.
        config::write(&config_path, &config)?;
        Ok(count)
    };
    match attempt.await {
        Ok(bank_connections) => Ok(Connected { bank_connections, base_url }),
        Err(error) => {
            for (entry, old) in entries.iter().chain(&token_entries).zip(&previous) {
                match old {
                    Some(value) => secrets.set(entry, value)?,
                    None => secrets.delete(entry)?,
                }
            }
            Err(error)
        }
    }
}

/// Disconnects Powens: revokes the household's token at Powens, then removes the client credentials and the token
/// from the keyring and `config.toml` from the data directory, so the app is back on the demo household. The live
/// profile's database is kept. If Powens cannot be reached, nothing is removed (run it again when it can).
pub async fn disconnect_powens(data_dir: &Path) -> Result<()> {
    let app = crate::App::open(crate::AppOptions::new(data_dir)).await?;
    if app.mode() != Mode::Live {
        return Err(Error::NotFound { what: "a Powens connection in this data folder".into(), fix: "there is nothing to disconnect; `pfo connect powens` connects one" });
    }
    app.connected().await?.provider.revoke().await?;
    let profile = Profile::open(data_dir, Mode::Live)?;
    let secrets = SecretStore::default();
    let secret_entries = profile.powens_secret_entries().map(|(_, entry)| entry);
    for entry in secret_entries.into_iter().chain([profile.powens_token_entry(), format!("{}/user", profile.powens_token_entry())]) {
        secrets.delete(&entry)?;
    }
    let path = data_dir.join(CONFIG_FILE);
    std::fs::remove_file(&path).map_err(|source| Error::Io { action: "remove", path, source })
}

/// Which connect-webview flow to open.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WebviewFlow {
    /// Add a bank.
    Connect,
    /// Repair a connection that needs the user (renewed consent, new credentials).
    Reconnect {
        /// The provider's connection id.
        connection: String,
    },
}

/// A link to the Powens connect webview, and what its callback must carry back.
#[derive(Debug, Clone)]
pub struct WebviewLink {
    /// Where to send the user.
    pub url: String,
    /// The anti-forgery value the callback must echo.
    pub state: String,
    /// The callback address Powens redirects to.
    pub redirect_uri: String,
}

/// A one-shot loopback HTTP listener for the webview's redirect (the desktop pattern Powens' docs suggest for apps
/// that cannot host a public callback). It answers the browser with a short page and hands over the callback URL.
#[derive(Debug)]
pub struct CallbackListener {
    listener: tokio::net::TcpListener,
    redirect_uri: String,
}

impl CallbackListener {
    /// Binds 127.0.0.1 on a free port.
    pub async fn bind() -> Result<Self> {
        let listener = tokio::net::TcpListener::bind(("127.0.0.1", 0))
            .await
            .map_err(|source| Error::Io { action: "listen on", path: "127.0.0.1".into(), source })?;
        let port = listener.local_addr().map_err(|source| Error::Io { action: "listen on", path: "127.0.0.1".into(), source })?.port();
        Ok(Self { listener, redirect_uri: format!("http://127.0.0.1:{port}/powens/callback") })
    }

    /// The redirect URI to give Powens.
    pub fn redirect_uri(&self) -> &str {
        &self.redirect_uri
    }

    /// Waits for the browser to arrive at the callback; returns the full callback URL. Requests for other paths
    /// (a favicon) are answered 404 and waited past.
    pub async fn accept(self) -> Result<String> {
        use tokio::io::{AsyncReadExt, AsyncWriteExt};
        loop {
            let (mut stream, _) = self.listener.accept().await.map_err(|source| Error::Io { action: "accept on", path: "127.0.0.1".into(), source })?;
            let mut buffer = vec![0u8; 8192];
            let read = stream.read(&mut buffer).await.unwrap_or(0);
            let request = String::from_utf8_lossy(&buffer[..read]);
            let target = request.lines().next().and_then(|line| line.split_whitespace().nth(1)).unwrap_or("/").to_string();
            if !target.starts_with("/powens/callback") {
                let _ = stream.write_all(b"HTTP/1.1 404 Not Found\r\ncontent-length: 0\r\nconnection: close\r\n\r\n").await;
                continue;
            }
            let page = "<!doctype html><meta charset=utf-8><title>Pocket Family Office</title>\
                        <p>Done. You can close this window and go back to Pocket Family Office.</p>";
            let response = format!("HTTP/1.1 200 OK\r\ncontent-type: text/html; charset=utf-8\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{page}", page.len());
            let _ = stream.write_all(response.as_bytes()).await;
            let base = self.redirect_uri.trim_end_matches("/powens/callback");
            return Ok(format!("{base}{target}"));
        }
    }
}

/// What a completed webview flow reported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WebviewOutcome {
    /// Connections created or repaired.
    pub connection_ids: Vec<String>,
}

fn url_encode(text: &str) -> String {
    url::form_urlencoded::byte_serialize(text.as_bytes()).collect()
}

impl crate::App {
    /// Builds the connect-webview link: a fresh single-use code, the domain and client of this household, the
    /// loopback callback and a random `state`. The webview is Powens' own host, or the sandbox's in demo mode.
    pub async fn webview_link(&self, flow: &WebviewFlow, language: &str, redirect_uri: &str) -> Result<WebviewLink> {
        let provider = &self.connected().await?.provider;
        let (code, client_id, base_url) = provider.webview_hand_off().await?;
        let api = url::Url::parse(&base_url).map_err(|_| Error::InvalidInput { field: "baseUrl".into(), reason: "is not a URL".into() })?;
        let host = api.host_str().unwrap_or_default();
        let domain = match api.port() {
            Some(port) => format!("{host}:{port}"),
            None => host.to_string(),
        };
        let loopback = matches!(host, "127.0.0.1" | "localhost" | "[::1]");
        let region = self.powens_config().map(|c| c.region()).unwrap_or(config::REGIONS[0]);
        let webview = if loopback { format!("{}://{domain}", api.scheme()) } else { region.webview.to_string() };
        let language = if ["en", "fr", "de", "nl", "pt", "it", "es"].contains(&language) { language } else { "en" };
        let state = crate::secrets::random_id()?;
        let (path, extra) = match flow {
            WebviewFlow::Connect => ("connect", String::new()),
            WebviewFlow::Reconnect { connection } => ("reconnect", format!("&connection_id={}", url_encode(connection))),
        };
        let url = format!(
            "{webview}/{language}/{path}?domain={}&client_id={}&redirect_uri={}&code={}&state={state}{extra}",
            url_encode(&domain),
            url_encode(&client_id),
            url_encode(redirect_uri),
            url_encode(code.expose_secret()),
        );
        Ok(WebviewLink { url, state, redirect_uri: redirect_uri.to_string() })
    }
}

/// Reads the webview's callback: the connections it created or repaired, or why it failed. A callback whose
/// `state` is not the one sent is refused, so a forged link cannot attach someone else's bank.
pub fn complete_webview(link: &WebviewLink, callback: &str) -> Result<WebviewOutcome> {
    let url = url::Url::parse(callback).map_err(|_| Error::InvalidInput { field: "callback".into(), reason: "is not a URL".into() })?;
    let params: std::collections::HashMap<String, String> = url.query_pairs().map(|(k, v)| (k.into_owned(), v.into_owned())).collect();
    if params.get("state") != Some(&link.state) {
        return Err(Error::WebviewRefused { code: "state_mismatch".into(), message: "the answer from the bank connection page does not belong to this request; start again".into() });
    }
    if let Some(code) = params.get("error") {
        let message = match code.as_str() {
            "access_denied" => "the bank connection was cancelled",
            "tos_declined" => "Powens' terms were declined, so no bank was connected",
            "session_expired" => "the bank connection page expired; start again",
            _ => "the bank connection page reported an error; try again later",
        };
        return Err(Error::WebviewRefused { code: code.clone(), message: message.into() });
    }
    let mut connection_ids: Vec<String> = params.get("connection_ids").map(|ids| ids.split(',').map(str::to_string).collect()).unwrap_or_default();
    if let Some(id) = params.get("connection_id") {
        if !connection_ids.contains(id) {
            connection_ids.push(id.clone());
        }
    }
    Ok(WebviewOutcome { connection_ids })
}
