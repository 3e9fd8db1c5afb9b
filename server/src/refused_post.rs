//! Forms posted without JavaScript that the server refuses keep what was typed (issue 10).
//!
//! Leptos answers such a post with a redirect back to the form's page carrying the refusal in
//! the URL (`?__path=…&__err=…`): the page shows the messages, but the fields come back empty
//! and every try adds to the URL. This layer takes the refusal out of the URL and keeps it in
//! the session with the typed values (never passwords), and the page the browser is sent to
//! gets it, once, in its request (`RefusedPost` in the extensions, read by `ui::FormSpec`).

use app::core::notice::RefusedPost;
use axum::body::{Body, to_bytes};
use axum::extract::Request;
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::Response;
use tower_sessions::Session;

const KEY: &str = "refused_post";

pub async fn keep_refused_post(request: Request, next: Next) -> Response {
    let Some(session) = request.extensions().get::<Session>().cloned() else {
        return next.run(request).await;
    };
    if request.method() == Method::GET {
        return show_once(session, request, next).await;
    }
    if request.method() != Method::POST || !is_plain_form_post(&request) {
        return next.run(request).await;
    }
    let (parts, body) = request.into_parts();
    // The router's body limit layer in front caps the body (reading past it fails here and
    // is answered 413), so no second limit is set.
    let bytes = match to_bytes(body, usize::MAX).await {
        Ok(bytes) => bytes,
        Err(_) => {
            return Response::builder()
                .status(StatusCode::PAYLOAD_TOO_LARGE)
                .body(Body::empty())
                .unwrap_or_default();
        }
    };
    let values = RefusedPost::kept_values(
        form_urlencoded::parse(&bytes).map(|(k, v)| (k.into_owned(), v.into_owned())),
    );
    let mut response = next
        .run(Request::from_parts(parts, Body::from(bytes)))
        .await;
    let Some((clean, path, error)) = response
        .headers()
        .get(header::LOCATION)
        .and_then(|v| v.to_str().ok())
        .and_then(split_refusal)
    else {
        return response;
    };
    let kept = RefusedPost {
        path,
        error,
        values,
    };
    if let Err(e) = session.insert(KEY, kept).await {
        // The refusal stays in the URL, as Leptos made it.
        tracing::warn!(error = %e, "could not keep a refused form in the session");
        return response;
    }
    if let Ok(location) = HeaderValue::from_str(&clean) {
        response.headers_mut().insert(header::LOCATION, location);
        *response.status_mut() = StatusCode::SEE_OTHER;
    }
    response
}

/// A page view takes the refused post kept for it, if any, into its request.
async fn show_once(session: Session, mut request: Request, next: Next) -> Response {
    let accepts_html = request
        .headers()
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("text/html"));
    if accepts_html {
        match session.remove::<RefusedPost>(KEY).await {
            Ok(Some(kept)) => {
                request.extensions_mut().insert(kept);
            }
            Ok(None) => {}
            Err(e) => tracing::warn!(error = %e, "could not read a refused form from the session"),
        }
    }
    next.run(request).await
}

/// A browser's own form post (no JavaScript): URL-encoded, and it takes HTML back.
fn is_plain_form_post(request: &Request) -> bool {
    let header_has = |name, what: &str| {
        request
            .headers()
            .get(name)
            .and_then(|v: &HeaderValue| v.to_str().ok())
            .is_some_and(|v| v.contains(what))
    };
    header_has(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        && header_has(header::ACCEPT, "text/html")
}

/// Splits Leptos's redirect after a refusal into the page's own URL and the refusal:
/// `(location without __path/__err, path, error)`; `None` for any other redirect.
fn split_refusal(location: &str) -> Option<(String, String, String)> {
    let base = url::Url::parse("http://local.invalid")
        .ok()?
        .join(location)
        .ok()?;
    let mut path = None;
    let mut error = None;
    let mut rest = Vec::new();
    for (k, v) in base.query_pairs() {
        match k.as_ref() {
            "__path" => path = Some(v.into_owned()),
            "__err" => error = Some(v.into_owned()),
            _ => rest.push((k.into_owned(), v.into_owned())),
        }
    }
    let (path, error) = (path?, error?);
    let mut clean = base.path().to_owned();
    if !rest.is_empty() {
        clean.push('?');
        clean.push_str(
            &form_urlencoded::Serializer::new(String::new())
                .extend_pairs(rest)
                .finish(),
        );
    }
    // Relative to this site, whatever host the Referer named.
    Some((app::core::web::safe_local_path(&clean), path, error))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_refusal_is_taken_out_of_the_redirect() {
        let (clean, path, error) = split_refusal(
            "http://127.0.0.1:3000/admin/brukere?q=ola&__path=%2Fapi%2Fcreate_user&__err=eyJ4Ijo",
        )
        .expect("a refusal");
        assert_eq!(clean, "/admin/brukere?q=ola");
        assert_eq!(path, "/api/create_user");
        assert_eq!(error, "eyJ4Ijo");
    }

    #[test]
    fn another_redirect_is_left_alone() {
        assert_eq!(split_refusal("/admin/brukere?q=ola"), None);
        assert_eq!(split_refusal("/logg-inn?__path=%2Fapi%2Fx"), None);
    }

    #[test]
    fn the_page_url_stays_on_this_site() {
        let (clean, ..) =
            split_refusal("https://evil.example/x?__path=a&__err=b").expect("a refusal");
        assert_eq!(clean, "/x");
    }
}
