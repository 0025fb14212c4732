//! Configuration: built-in defaults that run MySay on one machine with no
//! file at all, then a TOML file, then `MYSAY_*` environment variables, each
//! overriding the one before. Secrets are held in [`SecretString`] so they
//! never appear in logs or in `mysay config`.

use std::{net::IpAddr, path::PathBuf};

use anyhow::{Context, bail};
use app::site::{PhoneNumber, SiteInfo};
use secrecy::{ExposeSecret, SecretString};
use serde::Deserialize;

/// Everything the server needs to know to run.
#[derive(Clone)]
pub struct Config {
    /// `sqlite://path` or `postgres://...`.
    pub database_url: SecretString,
    pub host: IpAddr,
    /// 0 asks the system for a free port (tests use this).
    pub port: u16,
    /// The address people reach MySay at, used in emails and to check the
    /// `Origin` of changes. Ends without a slash.
    pub public_base_url: String,
    /// `smtp://`, `smtps://` URL; unset means mail is written to the log
    /// folder instead of sent (development only).
    pub smtp_url: Option<SecretString>,
    pub smtp_from: String,
    /// Where `.eml` files go when `smtp_url` is unset; by default beside
    /// a SQLite database, else `data/outbox`.
    pub mail_folder: Option<PathBuf>,
    /// The server's secret key: invitation codes are stored as keyed
    /// hashes with it. Set it in production; unset, `mysay serve` keeps a
    /// generated one in a file beside a SQLite database (and refuses to
    /// start on PostgreSQL, where several servers must share one key).
    pub session_key: SecretString,
    /// `session_key` was not configured, so a random one stands in.
    pub session_key_generated: bool,
    /// Keys used before the current one (after a rotation): second
    /// factors sealed with them still open, and are sealed again with the
    /// current key when used; invitation codes made with them still work.
    pub previous_session_keys: Vec<SecretString>,
    /// Whether cookies carry `Secure`; only plain-http local development
    /// turns it off.
    pub secure_cookies: bool,
    /// Sign-in and invitation-code tries one network address may make in
    /// 15 minutes, before any passphrase is checked. Raise it when many
    /// people share one address (a school, a proxy).
    pub sign_in_attempts_per_address: usize,
    /// The built front end (`pkg/` with hashed files, `hash.txt`, public files).
    pub site_root: PathBuf,
    pub site: SiteInfo,
    /// The proxies (addresses or networks) in front of MySay whose
    /// `X-Forwarded-For` is believed. Empty: the connection's own address
    /// is the person's, whatever a request's headers say.
    pub trusted_proxies: Vec<ipnet::IpNet>,
    /// Accept changes (POST) from browsers too old to say where a request
    /// came from (no `Origin`, no `Sec-Fetch-Site`). Off by default.
    pub serve_old_browsers: bool,
    /// How long a server's claim on an email lasts before another server
    /// may send it (if the first died mid-send).
    pub outbox_lease: std::time::Duration,
    /// The bearer token that opens `/metrics`; without one the metrics
    /// are not served.
    pub metrics_token: Option<SecretString>,
}

/// The shape of the TOML file and the environment: every field optional.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConfigLayer {
    pub database_url: Option<String>,
    pub host: Option<IpAddr>,
    pub port: Option<u16>,
    pub public_base_url: Option<String>,
    pub smtp_url: Option<String>,
    pub smtp_from: Option<String>,
    pub mail_folder: Option<PathBuf>,
    pub session_key: Option<String>,
    pub secure_cookies: Option<bool>,
    pub sign_in_attempts_per_address: Option<usize>,
    pub site_root: Option<PathBuf>,
    pub authority_name: Option<String>,
    pub exit_url: Option<String>,
    pub advocacy_name: Option<String>,
    pub advocacy_phone: Option<String>,
    pub out_of_hours_phone: Option<String>,
    pub childline_phone: Option<String>,
    pub trusted_proxies: Option<Vec<String>>,
    pub serve_old_browsers: Option<bool>,
    pub previous_session_keys: Option<Vec<String>>,
    pub outbox_lease_seconds: Option<u64>,
    pub metrics_token: Option<String>,
}

impl ConfigLayer {
    /// Reads `MYSAY_<FIELD>` variables from the given environment.
    pub fn from_env(vars: impl IntoIterator<Item = (String, String)>) -> anyhow::Result<Self> {
        let mut layer = ConfigLayer::default();
        for (name, value) in vars {
            let Some(field) = name.strip_prefix("MYSAY_") else {
                continue;
            };
            let value = value.trim().to_owned();
            match field {
                "DATABASE_URL" => layer.database_url = Some(value),
                "HOST" => {
                    layer.host = Some(value.parse().context("MYSAY_HOST is not an IP address")?)
                }
                "PORT" => {
                    layer.port = Some(value.parse().context("MYSAY_PORT is not a port number")?)
                }
                "PUBLIC_BASE_URL" => layer.public_base_url = Some(value),
                "SMTP_URL" => layer.smtp_url = Some(value),
                "SMTP_FROM" => layer.smtp_from = Some(value),
                "MAIL_FOLDER" => layer.mail_folder = Some(PathBuf::from(value)),
                "SESSION_KEY" => layer.session_key = Some(value),
                "SECURE_COOKIES" => {
                    layer.secure_cookies = Some(
                        parse_bool(&value).context("MYSAY_SECURE_COOKIES must be true or false")?,
                    )
                }
                "SITE_ROOT" => layer.site_root = Some(PathBuf::from(value)),
                "SIGN_IN_ATTEMPTS_PER_ADDRESS" => {
                    layer.sign_in_attempts_per_address = Some(
                        value
                            .parse()
                            .context("MYSAY_SIGN_IN_ATTEMPTS_PER_ADDRESS is not a whole number")?,
                    )
                }
                "AUTHORITY_NAME" => layer.authority_name = Some(value),
                "EXIT_URL" => layer.exit_url = Some(value),
                "ADVOCACY_NAME" => layer.advocacy_name = Some(value),
                "ADVOCACY_PHONE" => layer.advocacy_phone = Some(value),
                "OUT_OF_HOURS_PHONE" => layer.out_of_hours_phone = Some(value),
                "CHILDLINE_PHONE" => layer.childline_phone = Some(value),
                "TRUSTED_PROXIES" => {
                    layer.trusted_proxies = Some(
                        value
                            .split(',')
                            .map(str::trim)
                            .filter(|v| !v.is_empty())
                            .map(str::to_owned)
                            .collect(),
                    )
                }
                "PREVIOUS_SESSION_KEYS" => {
                    layer.previous_session_keys = Some(
                        value
                            .split(',')
                            .map(str::trim)
                            .filter(|v| !v.is_empty())
                            .map(str::to_owned)
                            .collect(),
                    )
                }
                "SERVE_OLD_BROWSERS" => {
                    layer.serve_old_browsers = Some(
                        parse_bool(&value)
                            .context("MYSAY_SERVE_OLD_BROWSERS must be true or false")?,
                    )
                }
                "OUTBOX_LEASE_SECONDS" => {
                    layer.outbox_lease_seconds = Some(
                        value
                            .parse()
                            .context("MYSAY_OUTBOX_LEASE_SECONDS is not a whole number")?,
                    )
                }
                "METRICS_TOKEN" => layer.metrics_token = Some(value),
                // Read elsewhere: the file's path, the log level, and the
                // build and test scripts' own MYSAY_DEV_* variables.
                "CONFIG" | "LOG" => {}
                dev if dev.starts_with("DEV_") => {}
                other => bail!("unknown setting MYSAY_{other}"),
            }
        }
        Ok(layer)
    }

    pub fn from_toml(text: &str) -> anyhow::Result<Self> {
        toml::from_str(text).context("the configuration file is not valid")
    }

    /// Fields set in `other` replace ours.
    pub fn merge(self, other: ConfigLayer) -> ConfigLayer {
        ConfigLayer {
            database_url: other.database_url.or(self.database_url),
            host: other.host.or(self.host),
            port: other.port.or(self.port),
            public_base_url: other.public_base_url.or(self.public_base_url),
            smtp_url: other.smtp_url.or(self.smtp_url),
            smtp_from: other.smtp_from.or(self.smtp_from),
            mail_folder: other.mail_folder.or(self.mail_folder),
            session_key: other.session_key.or(self.session_key),
            secure_cookies: other.secure_cookies.or(self.secure_cookies),
            sign_in_attempts_per_address: other
                .sign_in_attempts_per_address
                .or(self.sign_in_attempts_per_address),
            site_root: other.site_root.or(self.site_root),
            authority_name: other.authority_name.or(self.authority_name),
            exit_url: other.exit_url.or(self.exit_url),
            advocacy_name: other.advocacy_name.or(self.advocacy_name),
            advocacy_phone: other.advocacy_phone.or(self.advocacy_phone),
            out_of_hours_phone: other.out_of_hours_phone.or(self.out_of_hours_phone),
            childline_phone: other.childline_phone.or(self.childline_phone),
            trusted_proxies: other.trusted_proxies.or(self.trusted_proxies),
            serve_old_browsers: other.serve_old_browsers.or(self.serve_old_browsers),
            previous_session_keys: other.previous_session_keys.or(self.previous_session_keys),
            outbox_lease_seconds: other.outbox_lease_seconds.or(self.outbox_lease_seconds),
            metrics_token: other.metrics_token.or(self.metrics_token),
        }
    }
}

/// An HMAC-SHA256 of `parts` (taken one after another) with a secret
/// key, in hex: what MySay stores instead of a value that must not be
/// readable or guessable from a copy of the database (invitation codes,
/// Speakerbox marks, network addresses).
pub fn keyed_hash(key: &[u8], parts: &[&[u8]]) -> String {
    use hmac::{Hmac, Mac};
    // HMAC takes a key of any length: this cannot fail.
    let Ok(mut mac) = Hmac::<sha2::Sha256>::new_from_slice(key) else {
        return String::new();
    };
    for part in parts {
        mac.update(part);
    }
    mac.finalize()
        .into_bytes()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Writes a file only its owner can read.
fn write_private(file: &std::path::Path, text: &str) -> std::io::Result<()> {
    use std::io::Write;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options.open(file)?.write_all(text.as_bytes())
}

/// An address (one host) or a network in CIDR form.
fn parse_network(text: &str) -> anyhow::Result<ipnet::IpNet> {
    if let Ok(net) = text.parse::<ipnet::IpNet>() {
        return Ok(net);
    }
    let address: IpAddr = text.parse()?;
    Ok(ipnet::IpNet::from(address))
}

fn parse_bool(value: &str) -> anyhow::Result<bool> {
    match value.to_ascii_lowercase().as_str() {
        "1" | "true" | "yes" | "on" => Ok(true),
        "0" | "false" | "no" | "off" => Ok(false),
        _ => bail!("not a yes/no value"),
    }
}

impl Config {
    /// Defaults, then the file (if any), then the environment.
    pub fn load(file: Option<&std::path::Path>) -> anyhow::Result<Config> {
        let mut layer = ConfigLayer::default();
        if let Some(path) = file {
            let text = std::fs::read_to_string(path)
                .with_context(|| format!("cannot read configuration file {}", path.display()))?;
            layer = layer.merge(ConfigLayer::from_toml(&text)?);
        }
        layer = layer.merge(ConfigLayer::from_env(std::env::vars())?);
        Config::from_layer(layer)
    }

    pub fn from_layer(layer: ConfigLayer) -> anyhow::Result<Config> {
        let defaults = SiteInfo::default();
        let host = layer.host.unwrap_or(IpAddr::from([127, 0, 0, 1]));
        let port = layer.port.unwrap_or(3000);
        let public_base_url = layer
            .public_base_url
            .unwrap_or_else(|| format!("http://{host}:{port}"))
            .trim_end_matches('/')
            .to_owned();
        let parsed = url::Url::parse(&public_base_url).context("public_base_url is not a URL")?;
        if !matches!(parsed.scheme(), "http" | "https") {
            bail!("public_base_url must start with http:// or https://");
        }
        let exit_url = layer.exit_url.unwrap_or(defaults.exit_url);
        let exit = url::Url::parse(&exit_url).context("exit_url is not a URL")?;
        if exit.scheme() != "https" && exit.scheme() != "http" {
            bail!("exit_url must be a web address");
        }
        let session_key_generated = layer.session_key.is_none();
        let session_key = match layer.session_key {
            Some(key) if key.len() < 32 => bail!("session_key must be at least 32 characters"),
            Some(key) => SecretString::from(key),
            None => SecretString::from(random_key()),
        };
        let mut trusted_proxies = Vec::new();
        for text in layer.trusted_proxies.unwrap_or_default() {
            trusted_proxies.push(parse_network(&text).with_context(|| {
                format!(
                    "trusted_proxies: {text:?} is not an address or a network such as 10.0.0.0/8"
                )
            })?);
        }
        let metrics_token = match layer.metrics_token {
            Some(token) if token.len() < 32 => {
                bail!("metrics_token must be at least 32 characters")
            }
            token => token.map(SecretString::from),
        };
        Ok(Config {
            outbox_lease: std::time::Duration::from_secs(
                layer.outbox_lease_seconds.unwrap_or(300).max(1),
            ),
            metrics_token,
            previous_session_keys: layer
                .previous_session_keys
                .unwrap_or_default()
                .into_iter()
                .map(SecretString::from)
                .collect(),
            session_key_generated,
            trusted_proxies,
            serve_old_browsers: layer.serve_old_browsers.unwrap_or(false),
            database_url: SecretString::from(
                layer
                    .database_url
                    .unwrap_or_else(|| "sqlite://data/mysay.db".to_owned()),
            ),
            host,
            port,
            secure_cookies: layer.secure_cookies.unwrap_or(parsed.scheme() == "https"),
            sign_in_attempts_per_address: layer.sign_in_attempts_per_address.unwrap_or(30).max(1),
            public_base_url,
            smtp_url: layer.smtp_url.map(SecretString::from),
            smtp_from: layer
                .smtp_from
                .unwrap_or_else(|| "MySay <mysay@localhost>".to_owned()),
            mail_folder: layer.mail_folder,
            session_key,
            site_root: layer.site_root.unwrap_or_else(default_site_root),
            site: SiteInfo {
                authority_name: layer.authority_name.unwrap_or(defaults.authority_name),
                exit_url,
                advocacy_name: layer.advocacy_name.unwrap_or(defaults.advocacy_name),
                advocacy_phone: layer
                    .advocacy_phone
                    .map(PhoneNumber::new)
                    .unwrap_or(defaults.advocacy_phone),
                out_of_hours_phone: layer
                    .out_of_hours_phone
                    .map(PhoneNumber::new)
                    .unwrap_or(defaults.out_of_hours_phone),
                childline_phone: layer
                    .childline_phone
                    .map(PhoneNumber::new)
                    .unwrap_or(defaults.childline_phone),
                languages: defaults.languages,
            },
        })
    }

    /// The server's secret key, as bytes for keyed hashes.
    pub fn secret_key(&self) -> &[u8] {
        self.session_key.expose_secret().as_bytes()
    }

    /// The current key and then the previous ones, for what must still
    /// open after a rotation.
    pub fn secret_keys(&self) -> Vec<Vec<u8>> {
        std::iter::once(&self.session_key)
            .chain(&self.previous_session_keys)
            .map(|key| key.expose_secret().as_bytes().to_vec())
            .collect()
    }

    /// For `mysay serve`: a key that lasts. Unconfigured on SQLite, the
    /// key is read from (or first written to) `secret-key` beside the
    /// database file, readable by its owner only; unconfigured on
    /// PostgreSQL, serving is refused.
    pub fn ensure_lasting_secret_key(&mut self) -> anyhow::Result<()> {
        if !self.session_key_generated {
            return Ok(());
        }
        let url = self.database_url().to_owned();
        let Some(path) = url.strip_prefix("sqlite://") else {
            bail!(
                "set session_key (32 or more random characters, the same on every server) \
                 before serving from PostgreSQL"
            );
        };
        let path = path.split('?').next().unwrap_or(path);
        let folder = std::path::Path::new(path)
            .parent()
            .map(std::path::Path::to_path_buf)
            .unwrap_or_default();
        let file = folder.join("secret-key");
        let key = match std::fs::read_to_string(&file) {
            Ok(key) if key.trim().len() >= 32 => key.trim().to_owned(),
            _ => {
                std::fs::create_dir_all(&folder)?;
                let key = random_key();
                write_private(&file, &key)
                    .with_context(|| format!("cannot keep the secret key in {}", file.display()))?;
                key
            }
        };
        self.session_key = SecretString::from(key);
        self.session_key_generated = false;
        Ok(())
    }

    /// The database URL, for the storage layer only.
    pub fn database_url(&self) -> &str {
        self.database_url.expose_secret()
    }

    /// The configuration as a person may see it: secrets replaced.
    pub fn redacted(&self) -> String {
        let hidden = "(set, hidden)";
        let db = redact_url(self.database_url.expose_secret());
        let smtp = self
            .smtp_url
            .as_ref()
            .map(|s| redact_url(s.expose_secret()))
            .unwrap_or_else(|| {
                format!(
                    "(not set: mail is written to {})",
                    self.mail_folder().display()
                )
            });
        format!(
            "database_url = {db}\nhost = {}\nport = {}\npublic_base_url = {}\nsmtp_url = {smtp}\n\
             smtp_from = {}\nsession_key = {hidden}\nsecure_cookies = {}\n\
             sign_in_attempts_per_address = {}\nsite_root = {}\n\
             authority_name = {}\nexit_url = {}\nadvocacy_name = {}\nadvocacy_phone = {}\n\
             out_of_hours_phone = {}\nchildline_phone = {}\ntrusted_proxies = {:?}\n\
             serve_old_browsers = {}\noutbox_lease_seconds = {}\nmetrics_token = {}\n",
            self.host,
            self.port,
            self.public_base_url,
            self.smtp_from,
            self.secure_cookies,
            self.sign_in_attempts_per_address,
            self.site_root.display(),
            self.site.authority_name,
            self.site.exit_url,
            self.site.advocacy_name,
            self.site.advocacy_phone.display,
            self.site.out_of_hours_phone.display,
            self.site.childline_phone.display,
            self.trusted_proxies
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>(),
            self.serve_old_browsers,
            self.outbox_lease.as_secs(),
            if self.metrics_token.is_some() {
                hidden
            } else {
                "(not set: /metrics is not served)"
            },
        )
    }

    /// The address a request comes from: the connection's, or behind
    /// trusted proxies the right-most address in `X-Forwarded-For` that is
    /// not one of them (each proxy appends the address it saw, so anything
    /// further left could have been written by the person themself).
    pub fn client_address(&self, peer: IpAddr, headers: &axum::http::HeaderMap) -> IpAddr {
        let trusted =
            |address: &IpAddr| self.trusted_proxies.iter().any(|net| net.contains(address));
        if !trusted(&peer) {
            return peer;
        }
        let mut hops: Vec<IpAddr> = Vec::new();
        for value in headers.get_all("x-forwarded-for") {
            let Ok(text) = value.to_str() else {
                return peer;
            };
            for part in text.split(',') {
                match part.trim().parse::<IpAddr>() {
                    Ok(address) => hops.push(address),
                    // A hop we cannot read: trust nothing before it.
                    Err(_) => hops.clear(),
                }
            }
        }
        hops.into_iter()
            .rev()
            .find(|address| !trusted(address))
            .unwrap_or(peer)
    }
}

/// The group an address's sign-in attempts are counted in: an IPv4 address
/// alone, an IPv6 address with its whole /64 (one household or phone can
/// hold a /64 and pick any address in it).
pub fn address_group(address: IpAddr) -> IpAddr {
    match address {
        IpAddr::V4(v4) => IpAddr::V4(v4),
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => IpAddr::V4(v4),
            None => {
                let segments = v6.segments();
                IpAddr::V6(std::net::Ipv6Addr::new(
                    segments[0],
                    segments[1],
                    segments[2],
                    segments[3],
                    0,
                    0,
                    0,
                    0,
                ))
            }
        },
    }
}

impl std::fmt::Debug for Config {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.redacted())
    }
}

/// A URL with any password removed.
fn redact_url(raw: &str) -> String {
    match url::Url::parse(raw) {
        Ok(mut url) => {
            if url.password().is_some() {
                let _ = url.set_password(Some("hidden"));
            }
            url.to_string()
        }
        Err(_) => "(set, not a URL)".to_owned(),
    }
}

fn random_key() -> String {
    use base64::Engine;
    let bytes: [u8; 32] = rand::random();
    base64::engine::general_purpose::STANDARD_NO_PAD.encode(bytes)
}

/// `target/site` beside the workspace when run from a checkout, else `site`
/// beside the binary (an installed copy).
fn default_site_root() -> PathBuf {
    if let Ok(dir) = std::env::var("CARGO_TARGET_DIR") {
        let candidate = PathBuf::from(dir).join("site");
        if candidate.exists() {
            return candidate;
        }
    }
    std::env::current_exe()
        .ok()
        .and_then(|exe| {
            exe.parent()
                .and_then(|p| p.parent())
                .map(|p| p.join("site"))
        })
        .unwrap_or_else(|| PathBuf::from("site"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    fn forwarded(value: &str) -> axum::http::HeaderMap {
        let mut headers = axum::http::HeaderMap::new();
        if let Ok(value) = axum::http::HeaderValue::from_str(value) {
            headers.insert("x-forwarded-for", value);
        }
        headers
    }

    fn ip(text: &str) -> IpAddr {
        text.parse().unwrap_or(IpAddr::from([0, 0, 0, 0]))
    }

    #[test]
    fn forwarded_addresses_are_believed_only_from_trusted_proxies() -> anyhow::Result<()> {
        let none = Config::from_layer(ConfigLayer::default())?;
        // Trust nothing: a person cannot choose their address by a header.
        assert_eq!(
            none.client_address(ip("203.0.113.9"), &forwarded("198.51.100.1")),
            ip("203.0.113.9")
        );
        let behind = Config::from_layer(ConfigLayer {
            trusted_proxies: Some(vec!["10.0.0.0/8".to_owned(), "192.0.2.7".to_owned()]),
            ..ConfigLayer::default()
        })?;
        let proxy = ip("10.1.2.3");
        assert_eq!(
            behind.client_address(proxy, &forwarded("198.51.100.1")),
            ip("198.51.100.1")
        );
        // The right-most untrusted hop: what the person wrote on the left is ignored.
        assert_eq!(
            behind.client_address(proxy, &forwarded("1.1.1.1, 198.51.100.1, 192.0.2.7")),
            ip("198.51.100.1")
        );
        assert_eq!(
            behind.client_address(proxy, &forwarded("garbage, 198.51.100.1")),
            ip("198.51.100.1")
        );
        assert_eq!(
            behind.client_address(proxy, &forwarded("198.51.100.1, garbage")),
            proxy
        );
        // No header from the proxy: the proxy's own address.
        assert_eq!(
            behind.client_address(proxy, &axum::http::HeaderMap::new()),
            proxy
        );
        // Not from the proxy: the header is the person's own words.
        assert_eq!(
            behind.client_address(ip("203.0.113.9"), &forwarded("198.51.100.1")),
            ip("203.0.113.9")
        );
        assert!(
            Config::from_layer(ConfigLayer {
                trusted_proxies: Some(vec!["not a network".to_owned()]),
                ..ConfigLayer::default()
            })
            .is_err()
        );
        Ok(())
    }

    #[test]
    fn ipv6_addresses_are_grouped_by_their_64() {
        assert_eq!(
            address_group(ip("2001:db8:1:2:aaaa::1")),
            address_group(ip("2001:db8:1:2:ffff::9"))
        );
        assert_ne!(
            address_group(ip("2001:db8:1:2::1")),
            address_group(ip("2001:db8:1:3::1"))
        );
        assert_eq!(address_group(ip("198.51.100.1")), ip("198.51.100.1"));
        assert_eq!(address_group(ip("::ffff:198.51.100.1")), ip("198.51.100.1"));
    }

    #[test]
    fn runs_with_no_configuration_at_all() -> anyhow::Result<()> {
        let config = Config::from_layer(ConfigLayer::default())?;
        assert_eq!(config.port, 3000);
        assert_eq!(config.database_url(), "sqlite://data/mysay.db");
        assert_eq!(config.site.exit_url, "https://www.bbc.co.uk/weather");
        assert!(!config.secure_cookies, "plain http locally");
        Ok(())
    }

    #[test]
    fn environment_overrides_the_file() -> anyhow::Result<()> {
        let file = ConfigLayer::from_toml(
            "authority_name = \"File Council\"\nport = 8080\npublic_base_url = \"https://mysay.example.gov.uk/\"\n",
        )?;
        let env = ConfigLayer::from_env(env(&[
            ("MYSAY_AUTHORITY_NAME", "Env Council"),
            ("HOME", "/root"),
        ]))?;
        let config = Config::from_layer(ConfigLayer::default().merge(file).merge(env))?;
        assert_eq!(config.site.authority_name, "Env Council");
        assert_eq!(config.port, 8080);
        assert_eq!(config.public_base_url, "https://mysay.example.gov.uk");
        assert!(config.secure_cookies, "https means Secure cookies");
        Ok(())
    }

    #[test]
    fn secrets_never_print() -> anyhow::Result<()> {
        let env = ConfigLayer::from_env(env(&[
            (
                "MYSAY_DATABASE_URL",
                "postgres://mysay:pg-very-secret@db/mysay",
            ),
            (
                "MYSAY_SMTP_URL",
                "smtps://mailer:smtp-very-secret@mail.example:465",
            ),
            (
                "MYSAY_SESSION_KEY",
                "session-key-very-secret-0123456789abcdef",
            ),
        ]))?;
        let config = Config::from_layer(env)?;
        let shown = format!("{}\n{:?}", config.redacted(), config);
        for secret in [
            "pg-very-secret",
            "smtp-very-secret",
            "session-key-very-secret",
        ] {
            assert!(!shown.contains(secret), "{secret} leaked into: {shown}");
        }
        assert!(
            shown.contains("db/mysay"),
            "the non-secret parts are still shown"
        );
        Ok(())
    }

    #[test]
    fn bad_settings_are_refused_with_a_reason() {
        let err = ConfigLayer::from_env(env(&[("MYSAY_PORT", "eighty")]));
        assert!(err.is_err());
        let err = ConfigLayer::from_env(env(&[("MYSAY_COLOUR", "blue")]));
        assert!(format!("{:?}", err.err()).contains("MYSAY_COLOUR"));
        let short_key = ConfigLayer::from_env(env(&[("MYSAY_SESSION_KEY", "short")]))
            .and_then(Config::from_layer);
        assert!(short_key.is_err());
        assert!(ConfigLayer::from_toml("not_a_setting = 1").is_err());
    }
}
