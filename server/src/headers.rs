//! Security and caching headers, set in this one layer for every response (DESIGN §9,
//! issue 10): a Content-Security-Policy with a fresh nonce for each page, `nosniff`, the
//! referrer policy, HSTS behind HTTPS, and no storing of what a signed-in user was shown.

use axum::extract::Request;
use axum::http::{HeaderMap, HeaderValue, header};
use axum::middleware::Next;
use axum::response::Response;
use leptos::nonce::Nonce;
use leptos::prelude::{provide_context, use_context};

/// The policy of a page. Scripts: this origin, and only the inline hydration script that
/// carries this response's nonce; `'wasm-unsafe-eval'` lets that script compile the wasm.
/// Images may also be `data:` URLs: Designsystemet's stylesheet draws its icons (the
/// checkbox tick, the select arrow) as inline SVG. Forms post to this origin, and with single
/// sign-on also lead to the provider's (`form_origin`): signing out answers with a redirect to
/// its sign-out, which a browser follows only where `form-action` allows.
pub fn page_policy(nonce: &str, form_origin: Option<&str>) -> String {
    let provider = form_origin.map(|o| format!(" {o}")).unwrap_or_default();
    format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; \
         style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; \
         object-src 'none'; base-uri 'self'; form-action 'self'{provider}; frame-ancestors 'none'"
    )
}

/// Anything that is not a page (JSON, CSV, static files) runs nothing and is framed nowhere.
const RESOURCE_POLICY: &str = "default-src 'none'; frame-ancestors 'none'";

/// Pages are kept by no shared cache, and revalidated by the browser.
const ANONYMOUS_PAGE_CACHE: &str = "private, no-cache";
/// What a signed-in user (or an API token) was shown is not stored at all.
const AUTHENTICATED_CACHE: &str = "no-store";

const HSTS: &str = "max-age=31536000; includeSubDomains";

/// The layer. `secure`: the site is served over HTTPS (`IDEVERKET_SECURE_COOKIES`), so
/// browsers are told to use nothing else.
pub async fn security_headers(
    secure: bool,
    form_origin: Option<String>,
    mut request: Request,
    next: Next,
) -> Response {
    let nonce = Nonce::new();
    request.extensions_mut().insert(nonce.clone());
    let authenticated = is_authenticated(request.headers());
    let mut response = next.run(request).await;
    let status = response.status();
    let is_page = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    let headers = response.headers_mut();
    let policy = if is_page {
        HeaderValue::from_str(&page_policy(&nonce, form_origin.as_deref()))
            .unwrap_or_else(|_| HeaderValue::from_static(RESOURCE_POLICY))
    } else {
        HeaderValue::from_static(RESOURCE_POLICY)
    };
    // A 304 (a public page or feed the client holds, issue 29) refreshes the headers of the
    // browser's stored copy: a policy with a new nonce would block that copy's scripts, which
    // carry the nonce they were sent with. The stored copy keeps its own policy.
    if status != axum::http::StatusCode::NOT_MODIFIED {
        headers.insert(header::CONTENT_SECURITY_POLICY, policy);
    }
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("same-origin"),
    );
    if secure {
        headers.insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static(HSTS),
        );
    }
    // A response that chose its own caching keeps it (the hashed files under /pkg are the
    // same for everyone, session cookie or not).
    if !headers.contains_key(header::CACHE_CONTROL) {
        if authenticated {
            headers.insert(
                header::CACHE_CONTROL,
                HeaderValue::from_static(AUTHENTICATED_CACHE),
            );
        } else if is_page {
            headers.insert(
                header::CACHE_CONTROL,
                HeaderValue::from_static(ANONYMOUS_PAGE_CACHE),
            );
        }
    }
    response
}

/// A request with a session cookie or a bearer token may be answered with personal data.
fn is_authenticated(headers: &HeaderMap) -> bool {
    headers.contains_key(header::AUTHORIZATION)
        || headers
            .get_all(header::COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(';'))
            .any(|pair| pair.trim_start().starts_with("ideverket_session="))
}

/// Gives the page being rendered the nonce this layer put in the request, so Leptos's
/// hydration script carries the one the policy allows.
pub fn provide_request_nonce() {
    let nonce = use_context::<axum::http::request::Parts>()
        .and_then(|parts| parts.extensions.get::<Nonce>().cloned());
    if let Some(nonce) = nonce {
        provide_context(nonce);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_page_policy_allows_only_the_nonce_for_inline_scripts() {
        let policy = page_policy("abc123", None);
        assert!(policy.contains("script-src 'self' 'nonce-abc123' 'wasm-unsafe-eval'"));
        assert!(!policy.contains("unsafe-inline"));
        assert!(policy.contains("frame-ancestors 'none'"));
        assert!(policy.contains("form-action 'self';"));
        let with_provider = page_policy("abc123", Some("https://login.example"));
        assert!(with_provider.contains("form-action 'self' https://login.example;"));
    }

    #[test]
    fn a_session_cookie_or_a_token_makes_a_request_authenticated() {
        let mut headers = HeaderMap::new();
        assert!(!is_authenticated(&headers));
        headers.insert(
            header::COOKIE,
            HeaderValue::from_static("lang=nb; ideverket_session=x"),
        );
        assert!(is_authenticated(&headers));
        let mut token = HeaderMap::new();
        token.insert(
            header::AUTHORIZATION,
            HeaderValue::from_static("Bearer idv_x"),
        );
        assert!(is_authenticated(&token));
        let mut other = HeaderMap::new();
        other.insert(
            header::COOKIE,
            HeaderValue::from_static("not_ideverket_session=x"),
        );
        assert!(!is_authenticated(&other));
    }
}
