//! The portfolio's downloads: the page's selection (its filters as query parameters) as CSV
//! and as a spreadsheet.

use axum::Router;
use axum::extract::{Query, State};
use axum::response::Response;
use axum::routing::get;
use tower_sessions::Session;

use crate::core::state::AppState;
use crate::http::download::{csv_file, session_actor, workbook};
use crate::portfolio::domain::filter::FilterText;

/// `GET /portefolje/eksport.csv?phase=…`
async fn portfolio_csv(
    State(state): State<AppState>,
    session: Session,
    Query(filter): Query<FilterText>,
) -> Response {
    let made = async {
        let actor = session_actor(&state, &session).await?;
        crate::portfolio::csv::export_csv(&state.db, &actor, filter).await
    };
    csv_file("portefolje.csv", made.await)
}

/// `GET /portefolje/eksport.xlsx?phase=…`
async fn portfolio_xlsx(
    State(state): State<AppState>,
    session: Session,
    Query(filter): Query<FilterText>,
) -> Response {
    let made = async {
        let actor = session_actor(&state, &session).await?;
        crate::portfolio::csv::export_xlsx(&state.db, &actor, filter).await
    };
    workbook("portefolje.xlsx", made.await)
}

pub fn downloads() -> Router<AppState> {
    Router::new()
        .route("/portefolje/eksport.csv", get(portfolio_csv))
        .route("/portefolje/eksport.xlsx", get(portfolio_xlsx))
}
