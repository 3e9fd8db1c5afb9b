//! CSRF protection (DESIGN §9): a state-changing request must come from this site. Browsers
//! send `Origin` on every POST (and `Referer` otherwise); a cross-site form post therefore
//! carries a foreign origin and is refused. Requests with a Bearer token, and the REST API
//! (which reads no cookie), carry no cookie's authority and are left to token authentication.

use axum::extract::Request;
use axum::http::{Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

pub async fn csrf_guard(request: Request, next: Next) -> Response {
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
    let bearer = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("Bearer "));
    let allowed = match (source, host) {
        (Some(source), Some(host)) => is_same_origin(source, host),
        (None, _) => bearer,
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

/// Whether an `Origin` or `Referer` value names the same host (and port) as `Host`.
pub fn is_same_origin(source: &str, host: &str) -> bool {
    let Some(rest) = source
        .strip_prefix("https://")
        .or_else(|| source.strip_prefix("http://"))
    else {
        return false;
    };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    authority.eq_ignore_ascii_case(host)
}

#[cfg(test)]
mod tests {
    use super::is_same_origin;

    #[test]
    fn same_host_and_port_is_same_origin() {
        assert!(is_same_origin("http://127.0.0.1:3000", "127.0.0.1:3000"));
        assert!(is_same_origin(
            "https://ideverket.example/logg-inn?x=1",
            "ideverket.example"
        ));
    }

    #[test]
    fn other_host_port_or_scheme_is_refused() {
        assert!(!is_same_origin("http://evil.example", "127.0.0.1:3000"));
        assert!(!is_same_origin("http://127.0.0.1:3001", "127.0.0.1:3000"));
        assert!(!is_same_origin(
            "http://127.0.0.1:3000.evil.example",
            "127.0.0.1:3000"
        ));
        assert!(!is_same_origin("null", "127.0.0.1:3000"));
    }
}
