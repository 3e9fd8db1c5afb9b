//! LUP's downloads: the service sites with their standing on a day, for what the viewer
//! sees, as CSV and as a spreadsheet.

use axum::Router;
use axum::extract::{Query, State};
use axum::response::Response;
use axum::routing::get;
use serde::Deserialize;
use tower_sessions::Session;

use crate::core::state::AppState;
use crate::http::download::{csv_file, session_actor, workbook};

/// The day of the list (`?date=YYYY-MM-DD`, today when left out).
#[derive(Deserialize)]
struct LupDate {
    date: Option<String>,
}

/// `GET /lup/eksport.csv`
async fn lup_csv(
    State(state): State<AppState>,
    session: Session,
    Query(day): Query<LupDate>,
) -> Response {
    let made = async {
        let actor = session_actor(&state, &session).await?;
        let now = state.clock.now();
        crate::lup::csv::export_csv(&state.db, &actor, day.date.as_deref(), now).await
    };
    csv_file("lup-dekning.csv", made.await)
}

/// `GET /lup/eksport.xlsx`
async fn lup_xlsx(
    State(state): State<AppState>,
    session: Session,
    Query(day): Query<LupDate>,
) -> Response {
    let made = async {
        let actor = session_actor(&state, &session).await?;
        let now = state.clock.now();
        crate::lup::csv::export_xlsx(&state.db, &actor, day.date.as_deref(), now).await
    };
    workbook("lup-dekning.xlsx", made.await)
}

pub fn downloads() -> Router<AppState> {
    Router::new()
        .route("/lup/eksport.csv", get(lup_csv))
        .route("/lup/eksport.xlsx", get(lup_xlsx))
}
