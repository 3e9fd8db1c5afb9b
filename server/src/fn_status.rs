//! Gives server-function refusals their real HTTP status. Leptos answers every server-function
//! error with 500; this reads the error (a small JSON `AppError`, marked by the `serverfnerror`
//! header) and sets the status it stands for: 422 for refused fields, 403, 404, 409, 429… So
//! the log shows a refusal as a refusal and only real failures as 5xx. The browser side treats
//! any 4xx or 5xx as an error, so forms behave the same; a form post without JavaScript gets
//! its redirect (302) from Leptos and is left alone.

use app::core::error::AppError;
use axum::body::{Body, to_bytes};
use axum::extract::Request;
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::Response;

/// Larger error bodies are left as they are (none is this large).
const MAX_ERROR_BYTES: usize = 256 * 1024;

pub async fn server_fn_error_status(request: Request, next: Next) -> Response {
    let response = next.run(request).await;
    if response.status() != StatusCode::INTERNAL_SERVER_ERROR
        || !response.headers().contains_key("serverfnerror")
    {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let Ok(bytes) = to_bytes(body, MAX_ERROR_BYTES).await else {
        return Response::from_parts(parts, Body::empty());
    };
    if let Ok(error) = serde_json::from_slice::<AppError>(&bytes)
        && let Ok(status) = StatusCode::from_u16(error.status_code())
    {
        parts.status = status;
    }
    Response::from_parts(parts, Body::from(bytes))
}
