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
    /// E-mail, when `IDEVERKET_SMTP_URL` is set (issue 30); in the app only otherwise.
    pub mail: Option<MailConfig>,
    /// `IDEVERKET_JOBS_EVERY_SECS`: how often the scheduled jobs look for work (reminders
    /// due, e-mails pending); 60 unless set, between 1 and 3600.
    pub jobs_every: std::time::Duration,
}

/// Where e-mail goes out, who it is from, and where its links point.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MailConfig {
    /// `IDEVERKET_SMTP_URL`: `smtp://host:25`, `smtp://user:password@host:587?tls=required`
    /// or `smtps://user:password@host:465`.
    pub smtp_url: String,
    /// `IDEVERKET_MAIL_FROM`: `Idéverket <ideverket@kommune.no>`.
    pub from: String,
    /// `IDEVERKET_PUBLIC_URL`: the address people open the app at, for links in e-mails.
    pub public_url: String,
}

/// How often the scheduled jobs run unless `IDEVERKET_JOBS_EVERY_SECS` says otherwise.
pub const DEFAULT_JOBS_EVERY_SECS: u64 = 60;

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
    #[error("IDEVERKET_SMTP_URL is set, so {0} must be set too (see the README's e-mail section)")]
    MailIncomplete(&'static str),
    #[error("IDEVERKET_SMTP_URL must start with smtp:// or smtps:// (it was {0:?})")]
    BadSmtpUrl(String),
    #[error("IDEVERKET_SMTP_URL={0:?} signs in without TLS: use smtps://, or add ?tls=required")]
    PasswordInClear(String),
    #[error("IDEVERKET_PUBLIC_URL={0:?} must be an address like https://ideverket.kommune.no")]
    BadPublicUrl(String),
    #[error("IDEVERKET_JOBS_EVERY_SECS={0:?} must be a whole number of seconds from 1 to 3600")]
    BadJobsEvery(String),
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
        let mail = match var("IDEVERKET_SMTP_URL") {
            None => None,
            Some(smtp_url) => {
                if !(smtp_url.starts_with("smtp://") || smtp_url.starts_with("smtps://")) {
                    return Err(ConfigError::BadSmtpUrl(redact_password(&smtp_url)));
                }
                // A password goes over TLS only: smtps://, or STARTTLS required.
                let signs_in = smtp_url["smtp://".len()..]
                    .split(['/', '?'])
                    .next()
                    .is_some_and(|authority| authority.contains('@'));
                if smtp_url.starts_with("smtp://") && signs_in && !smtp_url.contains("tls=required")
                {
                    return Err(ConfigError::PasswordInClear(redact_password(&smtp_url)));
                }
                let from = var("IDEVERKET_MAIL_FROM")
                    .ok_or(ConfigError::MailIncomplete("IDEVERKET_MAIL_FROM"))?;
                let public_url = var("IDEVERKET_PUBLIC_URL")
                    .ok_or(ConfigError::MailIncomplete("IDEVERKET_PUBLIC_URL"))?;
                let parsed = url::Url::parse(&public_url)
                    .map_err(|_| ConfigError::BadPublicUrl(public_url.clone()))?;
                if !matches!(parsed.scheme(), "http" | "https") || parsed.host_str().is_none() {
                    return Err(ConfigError::BadPublicUrl(public_url));
                }
                Some(MailConfig {
                    smtp_url,
                    from,
                    public_url,
                })
            }
        };
        let jobs_every = match var("IDEVERKET_JOBS_EVERY_SECS") {
            None => DEFAULT_JOBS_EVERY_SECS,
            Some(raw) => raw
                .trim()
                .parse::<u64>()
                .ok()
                .filter(|secs| (1..=3600).contains(secs))
                .ok_or(ConfigError::BadJobsEvery(raw))?,
        };
        Ok(Self {
            addr,
            database_url,
            site_root,
            secure_cookies,
            mail,
            jobs_every: std::time::Duration::from_secs(jobs_every),
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

/// An address with its password replaced, for messages.
pub fn redact_password(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme_end), Some(at)) if at > scheme_end => {
            let userinfo = &url[scheme_end + 3..at];
            match userinfo.split_once(':') {
                Some((user, _)) => format!("{}{user}:***{}", &url[..scheme_end + 3], &url[at..]),
                None => url.to_owned(),
            }
        }
        _ => url.to_owned(),
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
    fn mail_needs_a_sender_and_a_public_address_or_the_start_says_which_is_missing() {
        assert_eq!(from(&[]).unwrap().mail, None);
        assert_eq!(
            from(&[("IDEVERKET_SMTP_URL", "smtp://127.0.0.1:25")]),
            Err(ConfigError::MailIncomplete("IDEVERKET_MAIL_FROM"))
        );
        assert_eq!(
            from(&[
                ("IDEVERKET_SMTP_URL", "smtp://127.0.0.1:25"),
                ("IDEVERKET_MAIL_FROM", "ide@kommune.no")
            ]),
            Err(ConfigError::MailIncomplete("IDEVERKET_PUBLIC_URL"))
        );
        assert_eq!(
            from(&[
                ("IDEVERKET_SMTP_URL", "smtp://127.0.0.1:25"),
                ("IDEVERKET_MAIL_FROM", "ide@kommune.no"),
                ("IDEVERKET_PUBLIC_URL", "javascript:alert(1)")
            ]),
            Err(ConfigError::BadPublicUrl("javascript:alert(1)".into()))
        );
        assert_eq!(
            from(&[("IDEVERKET_SMTP_URL", "http://u:hemmelig@mail")]),
            Err(ConfigError::BadSmtpUrl("http://u:***@mail".into())),
            "the password never reaches the message"
        );
        assert_eq!(
            from(&[("IDEVERKET_SMTP_URL", "smtp://u:hemmelig@mail:587")]),
            Err(ConfigError::PasswordInClear("smtp://u:***@mail:587".into())),
            "a password never goes over plain SMTP"
        );
        assert!(
            from(&[
                ("IDEVERKET_SMTP_URL", "smtp://u:p@mail:587?tls=required"),
                ("IDEVERKET_MAIL_FROM", "ide@kommune.no"),
                ("IDEVERKET_PUBLIC_URL", "https://ideverket.kommune.no"),
            ])
            .is_ok()
        );
        let mail = from(&[
            ("IDEVERKET_SMTP_URL", "smtps://u:p@mail.kommune.no:465"),
            ("IDEVERKET_MAIL_FROM", "Idéverket <ide@kommune.no>"),
            ("IDEVERKET_PUBLIC_URL", "https://ideverket.kommune.no"),
        ])
        .unwrap()
        .mail
        .unwrap();
        assert_eq!(mail.public_url, "https://ideverket.kommune.no");
    }

    #[test]
    fn the_jobs_interval_is_bounded() {
        assert_eq!(
            from(&[]).unwrap().jobs_every.as_secs(),
            DEFAULT_JOBS_EVERY_SECS
        );
        assert_eq!(
            from(&[("IDEVERKET_JOBS_EVERY_SECS", "2")])
                .unwrap()
                .jobs_every
                .as_secs(),
            2
        );
        for bad in ["0", "3601", "-1", "snart"] {
            assert_eq!(
                from(&[("IDEVERKET_JOBS_EVERY_SECS", bad)]),
                Err(ConfigError::BadJobsEvery(bad.into()))
            );
        }
    }

    #[test]
    fn postgres_url_is_accepted() {
        let config = from(&[("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/test")]).unwrap();
        assert!(config.database_url.starts_with("postgres://"));
    }
}
