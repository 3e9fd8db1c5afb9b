//! File downloads for signed-in users (CSV, XLSX, JSON): plain GET handlers, since a download
//! needs no JavaScript, with the session's actor and the service layer's permission check.
//! What each feature offers is in its `downloads.rs`.

use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use tower_sessions::Session;

use crate::auth::Actor;
use crate::auth::service::actor_from_session;
use crate::core::error::AppError;
use crate::core::state::AppState;

/// The signed-in user of this request, or anonymous.
pub async fn session_actor(state: &AppState, session: &Session) -> Result<Actor, AppError> {
    actor_from_session(&state.db, session, state.clock.now()).await
}

/// A refusal as a short Norwegian text with the status that applies.
pub fn refused(error: &AppError) -> Response {
    let status =
        StatusCode::from_u16(error.status_code()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let text = match error {
        AppError::Forbidden => {
            "Du har ikke tilgang til denne filen. Logg inn med en rolle som har tilgang."
        }
        AppError::Invalid(_) => "Filteret i adressen kan ikke brukes. Velg filtrene på nytt.",
        _ => "Filen kunne ikke lages. Prøv igjen senere.",
    };
    (
        status,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        text,
    )
        .into_response()
}

const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const CSV: &str = "text/csv; charset=utf-8";

/// A file to save, never cached.
pub fn attachment(
    content_type: &str,
    file_name: &str,
    body: impl Into<axum::body::Body>,
) -> Response {
    (
        [
            (header::CONTENT_TYPE, content_type.to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{file_name}\""),
            ),
            (header::CACHE_CONTROL, "no-store".to_owned()),
        ],
        body.into(),
    )
        .into_response()
}

/// A CSV file made by a service, or its refusal.
pub fn csv_file(file_name: &str, made: Result<String, AppError>) -> Response {
    match made {
        Ok(csv) => attachment(CSV, file_name, csv),
        Err(error) => refused(&error),
    }
}

/// A spreadsheet made by a service, or its refusal.
pub fn workbook(file_name: &str, made: Result<Vec<u8>, AppError>) -> Response {
    match made {
        Ok(bytes) => attachment(XLSX, file_name, bytes),
        Err(error) => refused(&error),
    }
}
