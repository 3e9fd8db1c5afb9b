//! File downloads for signed-in users: CSV exports for admins and one's own data as JSON.
//! Plain GET handlers (a download needs no JavaScript), the session's actor, the service
//! layer's permission check.

use app::auth::Actor;
use app::auth::service::actor_from_session;
use app::core::error::AppError;
use app::core::state::AppState;
use axum::extract::{Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use tower_sessions::Session;

async fn session_actor(state: &AppState, session: &Session) -> Result<Actor, AppError> {
    actor_from_session(&state.db, session, state.clock.now()).await
}

fn refused(error: &AppError) -> Response {
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

fn workbook(file_name: &str, bytes: Vec<u8>) -> Response {
    (
        [
            (header::CONTENT_TYPE, XLSX.to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{file_name}\""),
            ),
            (header::CACHE_CONTROL, "no-store".to_owned()),
        ],
        bytes,
    )
        .into_response()
}

fn attachment(content_type: &'static str, file_name: &str, body: String) -> Response {
    (
        [
            (header::CONTENT_TYPE, content_type.to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{file_name}\""),
            ),
            (header::CACHE_CONTROL, "no-store".to_owned()),
        ],
        body,
    )
        .into_response()
}

/// The CSV files admins can download.
#[derive(Clone, Copy)]
enum Export {
    Sites,
    Users,
}

async fn csv_export(state: &AppState, session: &Session, export: Export) -> Response {
    let result = async {
        let actor = session_actor(state, session).await?;
        match export {
            Export::Sites => app::org::csv::export_sites(&state.db, &actor).await,
            Export::Users => app::users::csv::export_users(&state.db, &actor).await,
        }
    }
    .await;
    let file_name = match export {
        Export::Sites => "tjenestesteder.csv",
        Export::Users => "brukere.csv",
    };
    match result {
        Ok(csv) => attachment("text/csv; charset=utf-8", file_name, csv),
        Err(e) => refused(&e),
    }
}

/// `GET /admin/eksport/tjenestesteder.csv`
pub async fn sites_csv(State(state): State<AppState>, session: Session) -> Response {
    csv_export(&state, &session, Export::Sites).await
}

/// `GET /admin/eksport/brukere.csv`
pub async fn users_csv(State(state): State<AppState>, session: Session) -> Response {
    csv_export(&state, &session, Export::Users).await
}

/// `GET /profil/mine-data.json`: everything stored about the signed-in user (GDPR).
pub async fn own_data(State(state): State<AppState>, session: Session) -> Response {
    let result = async {
        let actor = session_actor(&state, &session).await?;
        let now = state.clock.now();
        app::registry::export_own_data(&state.db, &actor, now).await
    }
    .await;
    match result {
        Ok(data) => {
            let body = serde_json::to_string_pretty(&data).unwrap_or_default();
            attachment("application/json", "mine-data-ideverket.json", body)
        }
        Err(e) => refused(&e),
    }
}

/// The portfolio's selection (the page's filters, as query parameters).
async fn portfolio_export(
    state: &AppState,
    session: &Session,
    filter: app::portfolio::domain::filter::FilterText,
    xlsx: bool,
) -> Response {
    let actor = match session_actor(state, session).await {
        Ok(actor) => actor,
        Err(e) => return refused(&e),
    };
    if xlsx {
        match app::portfolio::csv::export_xlsx(&state.db, &actor, filter).await {
            Ok(bytes) => workbook("portefolje.xlsx", bytes),
            Err(e) => refused(&e),
        }
    } else {
        match app::portfolio::csv::export_csv(&state.db, &actor, filter).await {
            Ok(csv) => attachment("text/csv; charset=utf-8", "portefolje.csv", csv),
            Err(e) => refused(&e),
        }
    }
}

/// `GET /portefolje/eksport.csv?phase=…`
pub async fn portfolio_csv(
    State(state): State<AppState>,
    session: Session,
    Query(filter): Query<app::portfolio::domain::filter::FilterText>,
) -> Response {
    portfolio_export(&state, &session, filter, false).await
}

/// `GET /portefolje/eksport.xlsx?phase=…`
pub async fn portfolio_xlsx(
    State(state): State<AppState>,
    session: Session,
    Query(filter): Query<app::portfolio::domain::filter::FilterText>,
) -> Response {
    portfolio_export(&state, &session, filter, true).await
}

/// The day of LUP's site list (`?date=YYYY-MM-DD`, today when left out).
#[derive(serde::Deserialize)]
pub struct LupDate {
    date: Option<String>,
}

/// LUP's service sites with their standing, for what the viewer sees.
async fn lup_export(state: &AppState, session: &Session, date: LupDate, xlsx: bool) -> Response {
    let actor = match session_actor(state, session).await {
        Ok(actor) => actor,
        Err(e) => return refused(&e),
    };
    let now = state.clock.now();
    let date = date.date.as_deref();
    if xlsx {
        match app::lup::csv::export_xlsx(&state.db, &actor, date, now).await {
            Ok(bytes) => workbook("lup-dekning.xlsx", bytes),
            Err(e) => refused(&e),
        }
    } else {
        match app::lup::csv::export_csv(&state.db, &actor, date, now).await {
            Ok(csv) => attachment("text/csv; charset=utf-8", "lup-dekning.csv", csv),
            Err(e) => refused(&e),
        }
    }
}

/// `GET /lup/eksport.csv`
pub async fn lup_csv(
    State(state): State<AppState>,
    session: Session,
    Query(date): Query<LupDate>,
) -> Response {
    lup_export(&state, &session, date, false).await
}

/// `GET /lup/eksport.xlsx`
pub async fn lup_xlsx(
    State(state): State<AppState>,
    session: Session,
    Query(date): Query<LupDate>,
) -> Response {
    lup_export(&state, &session, date, true).await
}
