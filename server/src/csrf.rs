//! CSRF protection (DESIGN §9): a state-changing request must come from this site. Browsers
//! send `Origin` on every POST (and `Referer` otherwise); a cross-site form post therefore
//! carries a foreign origin and is refused. Requests with a Bearer token, and the REST API
//! (which reads no cookie), carry no cookie's authority and are left to token authentication.

use axum::extract::Request;
use axum::http::{Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// The guard for a site served over `scheme` (`https` when `IDEVERKET_SECURE_COOKIES` says the
/// site runs behind TLS, else `http`).
pub async fn csrf_guard(scheme: &'static str, request: Request, next: Next) -> Response {
    // The REST API reads no cookie, only the Authorization header, which a cross-site page
    // cannot make a browser send: there is no ambient authority to forge.
    if is_safe(request.method()) || request.uri().path().starts_with("/api/v1/") {
        return next.run(request).await;
    }
    let headers = request.headers();
    let host = headers.get(header::HOST).and_then(|v| v.to_str().ok());
    let source = headers
        .get(header::ORIGIN)
        .or_else(|| headers.get(header::REFERER))
        .and_then(|v| v.to_str().ok());
    // A request that carries a cookie carries its authority, whatever else it sends: a Bearer
    // header beside a session cookie once skipped this check (issue 23).
    let cookie = headers.contains_key(header::COOKIE);
    let bearer = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("Bearer "));
    let allowed = match (source, host) {
        (Some(source), Some(host)) => is_same_origin(source, scheme, host),
        (None, _) => bearer && !cookie,
        (Some(_), None) => false,
    };
    if allowed {
        next.run(request).await
    } else {
        tracing::warn!(?source, ?host, "cross-site request refused");
        (
            StatusCode::FORBIDDEN,
            [(header::CONTENT_TYPE, "application/problem+json")],
            r#"{"type":"about:blank","title":"Forespørselen kom fra et annet nettsted og ble avvist.","status":403}"#,
        )
            .into_response()
    }
}

fn is_safe(method: &Method) -> bool {
    matches!(
        *method,
        Method::GET | Method::HEAD | Method::OPTIONS | Method::TRACE
    )
}

/// Whether an `Origin` or `Referer` value names this site: the same scheme, host and port
/// (RFC 6454's origin), the port written or the scheme's default. `Host` comes from the
/// request; the scheme from the configuration, never from a header a client sets.
pub fn is_same_origin(source: &str, scheme: &str, host: &str) -> bool {
    let Ok(url) = url::Url::parse(source) else {
        return false;
    };
    let Ok(site) = url::Url::parse(&format!("{scheme}://{host}/")) else {
        return false;
    };
    // A Host header with a path, credentials or a query is no host at all.
    if site.path() != "/" || !site.username().is_empty() || site.query().is_some() {
        return false;
    }
    url.origin() == site.origin() && matches!(url.scheme(), "http" | "https")
}

#[cfg(test)]
mod tests {
    use super::is_same_origin;

    #[test]
    fn same_scheme_host_and_port_is_same_origin() {
        assert!(is_same_origin(
            "http://127.0.0.1:3000",
            "http",
            "127.0.0.1:3000"
        ));
        assert!(is_same_origin(
            "https://ideverket.example/logg-inn?x=1",
            "https",
            "ideverket.example"
        ));
        assert!(is_same_origin(
            "https://IDEVERKET.example:443/",
            "https",
            "ideverket.example"
        ));
        assert!(is_same_origin("http://localhost", "http", "localhost:80"));
    }

    #[test]
    fn other_host_port_or_scheme_is_refused() {
        assert!(!is_same_origin(
            "http://evil.example",
            "http",
            "127.0.0.1:3000"
        ));
        assert!(!is_same_origin(
            "http://127.0.0.1:3001",
            "http",
            "127.0.0.1:3000"
        ));
        assert!(!is_same_origin(
            "http://127.0.0.1:3000.evil.example",
            "http",
            "127.0.0.1:3000"
        ));
        assert!(!is_same_origin("null", "http", "127.0.0.1:3000"));
        // Issue 23: an https origin for an http site, and the other way round.
        assert!(!is_same_origin(
            "https://127.0.0.1:3000",
            "http",
            "127.0.0.1:3000"
        ));
        assert!(!is_same_origin(
            "http://ideverket.example",
            "https",
            "ideverket.example"
        ));
        assert!(!is_same_origin(
            "ftp://127.0.0.1:3000",
            "ftp",
            "127.0.0.1:3000"
        ));
        assert!(!is_same_origin(
            "http://127.0.0.1:3000",
            "http",
            "127.0.0.1:3000/x"
        ));
        assert!(!is_same_origin(
            "http://user@127.0.0.1:3000",
            "http",
            "evil@127.0.0.1:3000"
        ));
    }
}
