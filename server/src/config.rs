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
    /// Single sign-on, when `IDEVERKET_OIDC_ISSUER` is set (issue 31).
    pub oidc: Option<OidcConfig>,
    /// `IDEVERKET_PASSWORD_SIGN_IN`: local passwords (argon2) may sign in; true unless set
    /// false, which needs single sign-on configured.
    pub password_sign_in: bool,
}

/// The municipality's OpenID provider and what it may do here.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OidcConfig {
    /// `IDEVERKET_OIDC_ISSUER`: the issuer URL; discovery reads
    /// `{issuer}/.well-known/openid-configuration`. HTTPS, or HTTP to this machine only.
    pub issuer: String,
    /// `IDEVERKET_OIDC_CLIENT_ID` and `IDEVERKET_OIDC_CLIENT_SECRET`: the app's registration.
    pub client_id: String,
    pub client_secret: String,
    /// `IDEVERKET_PUBLIC_URL`: the redirect URL is `{public_url}/logg-inn/sso/svar`.
    pub public_url: String,
    /// `IDEVERKET_OIDC_NAME`: the provider's name on the sign-in page ("Logg inn med …").
    pub provider_name: String,
    /// `IDEVERKET_OIDC_SCOPES`: besides `openid`; `email profile` unless set.
    pub scopes: Vec<String>,
    /// What the provider's people may: `IDEVERKET_OIDC_CREATE_USERS` (true unless false),
    /// `IDEVERKET_OIDC_TRUST_EMAIL` (addresses without `email_verified` taken as verified;
    /// false unless set) and `IDEVERKET_OIDC_ROLES` (`group-id=role,…`).
    pub rules: app::users::sso::SsoRules,
}

/// The provider's name on the sign-in page unless `IDEVERKET_OIDC_NAME` says otherwise.
pub const DEFAULT_OIDC_NAME: &str = "kommunens pålogging";

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
    #[error(
        "IDEVERKET_OIDC_ISSUER is set, so {0} must be set too (see the README's single sign-on section)"
    )]
    OidcIncomplete(&'static str),
    #[error(
        "IDEVERKET_OIDC_ISSUER={0:?} must be an https:// address (http:// only to this machine)"
    )]
    BadIssuer(String),
    #[error("IDEVERKET_OIDC_ROLES: {0:?} is not group-id=role with a role of {1}")]
    BadRoleMap(String, String),
    #[error(
        "IDEVERKET_PASSWORD_SIGN_IN=false leaves no way to sign in without IDEVERKET_OIDC_ISSUER"
    )]
    NoWayIn,
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
        let public_url = var("IDEVERKET_PUBLIC_URL");
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
                let public_url = public_url
                    .clone()
                    .ok_or(ConfigError::MailIncomplete("IDEVERKET_PUBLIC_URL"))?;
                check_public_url(&public_url)?;
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
        let oidc = oidc_from_vars(&var, public_url)?;
        let password_sign_in = match var("IDEVERKET_PASSWORD_SIGN_IN") {
            None => true,
            raw => parse_bool("IDEVERKET_PASSWORD_SIGN_IN", raw)?,
        };
        if !password_sign_in && oidc.is_none() {
            return Err(ConfigError::NoWayIn);
        }
        Ok(Self {
            addr,
            database_url,
            site_root,
            secure_cookies,
            mail,
            jobs_every: std::time::Duration::from_secs(jobs_every),
            oidc,
            password_sign_in,
        })
    }

    pub fn from_env() -> Result<Self, ConfigError> {
        Self::from_vars(|name| std::env::var(name).ok().filter(|v| !v.is_empty()))
    }
}

/// The public address: http(s) with a host, nothing else (links in e-mails, the redirect URL).
fn check_public_url(public_url: &str) -> Result<(), ConfigError> {
    let parsed = url::Url::parse(public_url)
        .map_err(|_| ConfigError::BadPublicUrl(public_url.to_owned()))?;
    if !matches!(parsed.scheme(), "http" | "https") || parsed.host_str().is_none() {
        return Err(ConfigError::BadPublicUrl(public_url.to_owned()));
    }
    Ok(())
}

/// Single sign-on's settings, when `IDEVERKET_OIDC_ISSUER` is set: every part it needs, or
/// the first one missing or wrong.
fn oidc_from_vars(
    var: &impl Fn(&str) -> Option<String>,
    public_url: Option<String>,
) -> Result<Option<OidcConfig>, ConfigError> {
    let Some(issuer) = var("IDEVERKET_OIDC_ISSUER") else {
        return Ok(None);
    };
    let parsed = url::Url::parse(&issuer).map_err(|_| ConfigError::BadIssuer(issuer.clone()))?;
    let local = matches!(parsed.host_str(), Some("localhost" | "127.0.0.1" | "[::1]"));
    if !(parsed.scheme() == "https" || (parsed.scheme() == "http" && local))
        || parsed.host_str().is_none()
    {
        return Err(ConfigError::BadIssuer(issuer));
    }
    let client_id = var("IDEVERKET_OIDC_CLIENT_ID")
        .ok_or(ConfigError::OidcIncomplete("IDEVERKET_OIDC_CLIENT_ID"))?;
    let client_secret = var("IDEVERKET_OIDC_CLIENT_SECRET")
        .ok_or(ConfigError::OidcIncomplete("IDEVERKET_OIDC_CLIENT_SECRET"))?;
    let public_url = public_url.ok_or(ConfigError::OidcIncomplete("IDEVERKET_PUBLIC_URL"))?;
    check_public_url(&public_url)?;
    let scopes = var("IDEVERKET_OIDC_SCOPES")
        .unwrap_or_else(|| "email profile".to_owned())
        .split([' ', ','])
        .filter(|s| !s.is_empty() && *s != "openid")
        .map(str::to_owned)
        .collect();
    let unscoped: Vec<&str> = app::auth::Role::ALL
        .into_iter()
        .filter(|r| *r != app::auth::Role::Manager)
        .map(app::auth::Role::as_str)
        .collect();
    let mut role_map = Vec::new();
    for pair in var("IDEVERKET_OIDC_ROLES")
        .unwrap_or_default()
        .split(',')
        .map(str::trim)
        .filter(|p| !p.is_empty())
    {
        let refused = || ConfigError::BadRoleMap(pair.to_owned(), unscoped.join(", "));
        let (group, role) = pair.split_once('=').ok_or_else(refused)?;
        // A manager is a manager of a sector or a site: no group says which.
        let role = app::auth::Role::parse(role.trim())
            .filter(|r| *r != app::auth::Role::Manager)
            .ok_or_else(refused)?;
        if group.trim().is_empty() {
            return Err(refused());
        }
        role_map.push((group.trim().to_owned(), role));
    }
    let create_unknown = match var("IDEVERKET_OIDC_CREATE_USERS") {
        None => true,
        raw => parse_bool("IDEVERKET_OIDC_CREATE_USERS", raw)?,
    };
    let trust_unverified_email = parse_bool(
        "IDEVERKET_OIDC_TRUST_EMAIL",
        var("IDEVERKET_OIDC_TRUST_EMAIL"),
    )?;
    Ok(Some(OidcConfig {
        issuer,
        client_id,
        client_secret,
        public_url: public_url.trim_end_matches('/').to_owned(),
        provider_name: var("IDEVERKET_OIDC_NAME").unwrap_or_else(|| DEFAULT_OIDC_NAME.to_owned()),
        scopes,
        rules: app::users::sso::SsoRules {
            create_unknown,
            trust_unverified_email,
            role_map,
        },
    }))
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
    fn single_sign_on_needs_every_part_and_says_which_is_missing() {
        let full = [
            ("IDEVERKET_OIDC_ISSUER", "https://login.example/tenant/v2.0"),
            ("IDEVERKET_OIDC_CLIENT_ID", "ideverket"),
            ("IDEVERKET_OIDC_CLIENT_SECRET", "hemmelig"),
            ("IDEVERKET_PUBLIC_URL", "https://ideverket.kommune.no/"),
            ("IDEVERKET_OIDC_ROLES", "g-1=innovation_council, g-2=editor"),
        ];
        let oidc = from(&full).unwrap().oidc.unwrap();
        assert_eq!(oidc.public_url, "https://ideverket.kommune.no");
        assert_eq!(oidc.scopes, ["email", "profile"]);
        assert_eq!(oidc.provider_name, DEFAULT_OIDC_NAME);
        assert!(oidc.rules.create_unknown && !oidc.rules.trust_unverified_email);
        assert_eq!(
            oidc.rules.role_map,
            [
                ("g-1".to_owned(), app::auth::Role::InnovationCouncil),
                ("g-2".to_owned(), app::auth::Role::Editor)
            ]
        );
        for (missing, error) in [
            (
                "IDEVERKET_OIDC_CLIENT_ID",
                ConfigError::OidcIncomplete("IDEVERKET_OIDC_CLIENT_ID"),
            ),
            (
                "IDEVERKET_OIDC_CLIENT_SECRET",
                ConfigError::OidcIncomplete("IDEVERKET_OIDC_CLIENT_SECRET"),
            ),
            (
                "IDEVERKET_PUBLIC_URL",
                ConfigError::OidcIncomplete("IDEVERKET_PUBLIC_URL"),
            ),
        ] {
            let without: Vec<(&str, &str)> = full
                .iter()
                .copied()
                .filter(|(k, _)| *k != missing)
                .collect();
            assert_eq!(from(&without).map(|_| ()), Err(error));
        }
        let with = |key: &str, value: &'static str| {
            let mut pairs: Vec<(&str, &str)> =
                full.iter().copied().filter(|(k, _)| *k != key).collect();
            pairs.push((key, value));
            from(&pairs).map(|_| ())
        };
        assert!(matches!(
            with("IDEVERKET_OIDC_ISSUER", "http://login.example"),
            Err(ConfigError::BadIssuer(_))
        ));
        assert_eq!(
            with("IDEVERKET_OIDC_ISSUER", "http://127.0.0.1:9000"),
            Ok(())
        );
        for bad in ["g-1=manager", "g-1", "=editor", "g-1=king"] {
            assert!(
                matches!(
                    with("IDEVERKET_OIDC_ROLES", bad),
                    Err(ConfigError::BadRoleMap(..))
                ),
                "{bad}"
            );
        }
        assert_eq!(
            from(&[("IDEVERKET_PASSWORD_SIGN_IN", "false")]).map(|_| ()),
            Err(ConfigError::NoWayIn)
        );
        assert_eq!(with("IDEVERKET_PASSWORD_SIGN_IN", "false"), Ok(()));
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
