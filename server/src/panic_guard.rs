//! A panic while answering a request is a bug; the client still gets an answer (issue 11: a
//! panic in the SQL driver closed the connection without one, and one inside a page render left
//! the request hanging for good). This layer catches a panic in any handler or render, answers
//! 500 with the request id, and the panic hook (`install_panic_hook`) logs it once at ERROR
//! inside the request's span, so the id leads to the log line.

use std::panic::AssertUnwindSafe;

use axum::extract::Request;
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use futures_util::FutureExt as _;

pub async fn catch_panic(request: Request, next: Next) -> Response {
    let request_id = request
        .headers()
        .get("x-request-id")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("-")
        .to_owned();
    let is_api = request.uri().path().starts_with(crate::api::PREFIX);
    match AssertUnwindSafe(next.run(request)).catch_unwind().await {
        Ok(response) => response,
        Err(_) if is_api => crate::api::problem::problem(
            StatusCode::INTERNAL_SERVER_ERROR,
            Some(format!(
                "Oppgi forespørsels-ID {request_id} hvis du melder feilen."
            )),
            Vec::new(),
        ),
        Err(_) => error_page(&request_id),
    }
}

/// A plain page: after a panic, rendering the app again could fail the same way.
fn error_page(request_id: &str) -> Response {
    let id = request_id
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
        .collect::<String>();
    let body = format!(
        "<!DOCTYPE html>\n<html lang=\"nb\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>Noe gikk galt – Idéverket</title></head>\
         <body><main><h1>Noe gikk galt hos oss</h1>\
         <p>Siden kunne ikke vises. Prøv igjen om litt. Hvis feilen fortsetter, oppgi \
         forespørsels-ID <code>{id}</code> til brukerstøtte.</p>\
         <p><a href=\"/\">Til forsiden</a></p></main></body></html>"
    );
    let mut response = (StatusCode::INTERNAL_SERVER_ERROR, body).into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    response
}

/// Logs every panic once, at ERROR, through tracing (inside the span of the request that
/// panicked, with its request id), instead of the default hook's line on stderr.
pub fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        let location = info
            .location()
            .map(|l| format!("{}:{}", l.file(), l.line()))
            .unwrap_or_default();
        let message = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| (*s).to_owned())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_default();
        tracing::error!(%location, %message, "panicked");
    }));
}
