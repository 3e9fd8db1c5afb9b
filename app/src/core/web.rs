//! Web helpers every feature may use: links that come back, the local-path check for
//! redirects, and the language cookie.

use percent_encoding::{NON_ALPHANUMERIC, utf8_percent_encode};

/// Name of the cookie that holds the chosen language. The server's `/lang/{code}` route sets
/// the same cookie for browsers without JavaScript.
pub const LANGUAGE_COOKIE: &str = "ideverket_lang";
/// A year, in seconds.
pub const LANGUAGE_COOKIE_MAX_AGE_SECS: i64 = 365 * 24 * 60 * 60;

/// `base?next=<path>`: a link that comes back to `path` afterwards.
pub fn with_next(base: &str, path: &str) -> String {
    format!(
        "{base}?next={}",
        utf8_percent_encode(path, NON_ALPHANUMERIC)
    )
}

/// Only paths on this site, for redirects after sign-in or a language switch: no open
/// redirect to another host.
pub fn is_local_path(path: &str) -> bool {
    path.starts_with('/') && !path.starts_with("//") && !path.contains('\\')
}

/// The `Set-Cookie` value that stores the UI language (`nb` or `en`) for a year.
pub fn language_cookie(code: &str) -> String {
    format!(
        "{LANGUAGE_COOKIE}={code}; Path=/; Max-Age={LANGUAGE_COOKIE_MAX_AGE_SECS}; SameSite=Lax"
    )
}

/// Sets the UI language cookie (`nb` or `en`) on the current response.
#[cfg(feature = "ssr")]
pub fn set_language_cookie(code: &str) {
    use leptos::prelude::use_context;
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>()
        && let Ok(value) = axum::http::HeaderValue::from_str(&language_cookie(code))
    {
        response.append_header(axum::http::header::SET_COOKIE, value);
    }
}

#[cfg(test)]
mod tests {
    use super::is_local_path;

    #[test]
    fn redirect_target_must_stay_on_this_site() {
        assert!(is_local_path("/organisasjon"));
        assert!(!is_local_path("//evil.example"));
        assert!(!is_local_path("https://evil.example"));
        assert!(!is_local_path("/\\evil.example"));
    }
}
