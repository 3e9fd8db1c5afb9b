//! Bodies of page forms and server functions are read whole here, up to the router's limit,
//! before any handler sees them: a body over it is a 413 whether it came with a
//! `Content-Length` or in chunks (issue 11: a chunked body over the limit, and any form body
//! over the extractor's own 2 MiB, were answered 500).

use axum::body::{Body, to_bytes};
use axum::extract::{DefaultBodyLimit, Request};
use axum::http::{Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

pub async fn read_whole_body(request: Request, next: Next, limit: usize) -> Response {
    if matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    ) || request.uri().path().starts_with(crate::api::PREFIX)
    {
        return next.run(request).await;
    }
    let (parts, body) = request.into_parts();
    match to_bytes(body, limit).await {
        Ok(bytes) => {
            next.run(Request::from_parts(parts, Body::from(bytes)))
                .await
        }
        Err(err) => {
            // The limit's error (`LengthLimitError`) says so; anything else is a body that
            // broke off.
            let too_large = err.to_string().contains("length limit");
            let (status, text) = if too_large {
                (
                    StatusCode::PAYLOAD_TOO_LARGE,
                    "Skjemaet er for stort til å sendes (høyst 4 MiB).",
                )
            } else {
                (
                    StatusCode::BAD_REQUEST,
                    "Skjemaet kom ikke fram slik det skulle. Prøv igjen.",
                )
            };
            (status, text).into_response()
        }
    }
}

/// Extractors behind [`read_whole_body`] take what it let through: axum's own default of
/// 2 MiB would refuse a body the router accepts.
pub fn extractor_limit(limit: usize) -> DefaultBodyLimit {
    DefaultBodyLimit::max(limit)
}
