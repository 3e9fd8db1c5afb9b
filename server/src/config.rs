//! Configuration from environment variables, with defaults that run on a laptop.

use std::net::SocketAddr;
use std::path::PathBuf;

/// Default SQLite file, created on first start.
pub const DEFAULT_DATABASE_URL: &str = "sqlite://data/ideverket.db?mode=rwc";
pub const DEFAULT_ADDR: &str = "127.0.0.1:3000";
pub const DEFAULT_SITE_ROOT: &str = "target/site";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    /// `IDEVERKET_ADDR`: where to listen.
    pub addr: SocketAddr,
    /// `DATABASE_URL`: `sqlite://…` or `postgres://…`.
    pub database_url: String,
    /// `IDEVERKET_SITE_ROOT`: folder with the built `pkg/` (wasm, JS, CSS).
    pub site_root: PathBuf,
    /// `IDEVERKET_SECURE_COOKIES`: session cookie only over HTTPS (set behind TLS).
    pub secure_cookies: bool,
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ConfigError {
    #[error("IDEVERKET_ADDR={0:?} is not a socket address like 127.0.0.1:3000")]
    BadAddr(String),
    #[error("DATABASE_URL={0:?} must start with sqlite:// or postgres://")]
    BadDatabaseUrl(String),
    #[error("{0}={1:?} must be true or false")]
    BadBool(&'static str, String),
    #[error("RUST_LOG={0:?} is not a valid log filter: {1}")]
    BadLogFilter(String, String),
}

impl Config {
    /// Reads the configuration through `var` (the process environment in production).
    pub fn from_vars(var: impl Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        let addr_raw = var("IDEVERKET_ADDR").unwrap_or_else(|| DEFAULT_ADDR.to_owned());
        let addr = addr_raw
            .parse()
            .map_err(|_| ConfigError::BadAddr(addr_raw))?;
        let database_url = var("DATABASE_URL").unwrap_or_else(|| DEFAULT_DATABASE_URL.to_owned());
        if !is_supported_database_url(&database_url) {
            return Err(ConfigError::BadDatabaseUrl(database_url));
        }
        let site_root =
            PathBuf::from(var("IDEVERKET_SITE_ROOT").unwrap_or_else(|| DEFAULT_SITE_ROOT.into()));
        let secure_cookies =
            parse_bool("IDEVERKET_SECURE_COOKIES", var("IDEVERKET_SECURE_COOKIES"))?;
        Ok(Self {
            addr,
            database_url,
            site_root,
            secure_cookies,
        })
    }

    pub fn from_env() -> Result<Self, ConfigError> {
        Self::from_vars(|name| std::env::var(name).ok().filter(|v| !v.is_empty()))
    }
}

fn parse_bool(name: &'static str, value: Option<String>) -> Result<bool, ConfigError> {
    match value.as_deref().map(str::to_ascii_lowercase).as_deref() {
        None | Some("false" | "0" | "no") => Ok(false),
        Some("true" | "1" | "yes") => Ok(true),
        Some(_) => Err(ConfigError::BadBool(name, value.unwrap_or_default())),
    }
}

fn is_supported_database_url(url: &str) -> bool {
    ["sqlite:", "postgres://", "postgresql://"]
        .iter()
        .any(|scheme| url.starts_with(scheme))
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::*;

    fn from(pairs: &[(&str, &str)]) -> Result<Config, ConfigError> {
        let map: HashMap<String, String> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        Config::from_vars(|name| map.get(name).cloned())
    }

    #[test]
    fn defaults_listen_locally_on_sqlite() {
        let config = from(&[]).unwrap();
        assert_eq!(config.addr.to_string(), DEFAULT_ADDR);
        assert_eq!(config.database_url, DEFAULT_DATABASE_URL);
        assert_eq!(config.site_root, PathBuf::from(DEFAULT_SITE_ROOT));
    }

    #[test]
    fn bad_address_is_refused() {
        assert_eq!(
            from(&[("IDEVERKET_ADDR", "localhost")]),
            Err(ConfigError::BadAddr("localhost".into()))
        );
    }

    #[test]
    fn unknown_database_scheme_is_refused() {
        assert_eq!(
            from(&[("DATABASE_URL", "mysql://x")]),
            Err(ConfigError::BadDatabaseUrl("mysql://x".into()))
        );
    }

    #[test]
    fn secure_cookies_is_a_boolean() {
        assert!(!from(&[]).unwrap().secure_cookies);
        assert!(
            from(&[("IDEVERKET_SECURE_COOKIES", "true")])
                .unwrap()
                .secure_cookies
        );
        assert_eq!(
            from(&[("IDEVERKET_SECURE_COOKIES", "maybe")]),
            Err(ConfigError::BadBool(
                "IDEVERKET_SECURE_COOKIES",
                "maybe".into()
            ))
        );
    }

    #[test]
    fn postgres_url_is_accepted() {
        let config = from(&[("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/test")]).unwrap();
        assert!(config.database_url.starts_with("postgres://"));
    }
}
