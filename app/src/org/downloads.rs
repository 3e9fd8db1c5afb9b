//! The organisation's download: the service sites as CSV, for admins.

use axum::Router;
use axum::extract::State;
use axum::response::Response;
use axum::routing::get;
use tower_sessions::Session;

use crate::core::state::AppState;
use crate::http::download::{csv_file, session_actor};

/// `GET /admin/eksport/tjenestesteder.csv`
async fn sites_csv(State(state): State<AppState>, session: Session) -> Response {
    let made = async {
        let actor = session_actor(&state, &session).await?;
        crate::org::csv::export_sites(&state.db, &actor).await
    };
    csv_file("tjenestesteder.csv", made.await)
}

pub fn downloads() -> Router<AppState> {
    Router::new().route("/admin/eksport/tjenestesteder.csv", get(sites_csv))
}
