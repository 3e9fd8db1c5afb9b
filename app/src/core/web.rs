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

/// Where a redirect named by a client (`next` after sign-in or a language switch) may send
/// the browser: the path, query and fragment of a URL on this site as the URL parser
/// normalises it, or `/` for anything else. Every redirect to a client's value goes through
/// here (issue 11: `/%09/evil.example` reached another host, because browsers drop tabs and
/// newlines from a URL and read `\` as `/`). The answer is ASCII, so it is always a valid
/// `Location` header.
pub fn safe_local_path(raw: &str) -> String {
    local_path(raw).unwrap_or_else(|| "/".to_owned())
}

fn local_path(raw: &str) -> Option<String> {
    // What a browser would strip or rewrite before resolving: refused, not repaired.
    if !raw.starts_with('/') || raw.chars().any(|c| c.is_control() || c == '\\') {
        return None;
    }
    let base = url::Url::parse("http://ideverket.invalid/").ok()?;
    let url = base.join(raw).ok()?;
    if url.origin() != base.origin() {
        return None;
    }
    let path = url.path();
    let lower = path.to_ascii_lowercase();
    // `//host` after dot segments are resolved (`/..//host`), and encoded slashes or
    // backslashes that a proxy might decode into one.
    if path.starts_with("//") || lower.contains("%2f") || lower.contains("%5c") {
        return None;
    }
    let mut target = path.to_owned();
    if let Some(query) = url.query() {
        target.push('?');
        target.push_str(query);
    }
    if let Some(fragment) = url.fragment() {
        target.push('#');
        target.push_str(fragment);
    }
    Some(target)
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
    use proptest::prelude::*;

    use super::safe_local_path;

    #[test]
    fn local_paths_are_kept_with_their_query() {
        assert_eq!(safe_local_path("/organisasjon"), "/organisasjon");
        assert_eq!(
            safe_local_path("/admin/logg?actor=3&offset=50#rad"),
            "/admin/logg?actor=3&offset=50#rad"
        );
        assert_eq!(safe_local_path("/a/../profil"), "/profil");
        assert_eq!(safe_local_path("/sø k"), "/s%C3%B8%20k");
    }

    #[test]
    fn anything_that_could_leave_the_site_becomes_the_front_page() {
        for raw in [
            "//evil.example",
            "https://evil.example",
            "/\\evil.example",
            "\\\\evil.example",
            "/\t/evil.example",
            "/\n/evil.example",
            "/\r\n/evil.example",
            "\t//evil.example",
            "/..//evil.example",
            "/.//evil.example",
            "/%2F/evil.example",
            "/%2f%2fevil.example",
            "/%5C/evil.example",
            "javascript:alert(1)",
            "evil.example",
            "",
            "/\u{0}x",
            "/\u{85}/evil.example",
        ] {
            assert_eq!(safe_local_path(raw), "/", "{raw:?}");
        }
    }

    /// The characters that matter to URL parsing, mixed with ordinary ones.
    fn url_soup() -> impl Strategy<Value = String> {
        let chars = prop::sample::select(vec![
            '/', '\\', '.', ':', '@', '?', '#', '%', '2', 'f', 'F', '5', 'c', 'e', 'x', '\t', '\n',
            '\r', ' ', '\u{0}', '\u{7f}', '\u{85}', '\u{3000}', '\u{202e}', 'ø', '&', '=',
        ]);
        prop::collection::vec(chars, 0..24).prop_map(|v| v.into_iter().collect())
    }

    proptest! {
        #[test]
        fn the_target_never_leaves_the_site(raw in url_soup()) {
            let target = safe_local_path(&raw);
            prop_assert!(target.is_ascii() && !target.chars().any(|c| c.is_control()));
            prop_assert!(target.starts_with('/') && !target.starts_with("//"));
            prop_assert!(!target.contains('\\'));
            // Resolved the way a browser resolves a Location, it stays on this host.
            let base = url::Url::parse("https://ideverket.example/side").unwrap();
            prop_assert_eq!(base.join(&target).unwrap().origin(), base.origin());
        }

        #[test]
        fn any_text_gives_a_target(raw in any::<String>()) {
            let target = safe_local_path(&raw);
            prop_assert!(target.starts_with('/') && !target.starts_with("//"));
        }
    }
}
