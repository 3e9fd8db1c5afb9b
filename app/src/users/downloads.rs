//! The users' download: every account as CSV, for admins.

use axum::Router;
use axum::extract::State;
use axum::response::Response;
use axum::routing::get;
use tower_sessions::Session;

use crate::core::state::AppState;
use crate::http::download::{csv_file, session_actor};

/// `GET /admin/eksport/brukere.csv`
async fn users_csv(State(state): State<AppState>, session: Session) -> Response {
    let made = async {
        let actor = session_actor(&state, &session).await?;
        crate::users::csv::export_users(&state.db, &actor).await
    };
    csv_file("brukere.csv", made.await)
}

pub fn downloads() -> Router<AppState> {
    Router::new().route("/admin/eksport/brukere.csv", get(users_csv))
}
