//! The one download that is no single feature's: a user's own data as JSON (GDPR), which
//! `app::registry` gathers from every feature. Each feature's own downloads (CSV, XLSX) are
//! in `app::<feature>::downloads` and reach the router through the registry.

use app::core::state::AppState;
use app::http::download::{attachment, refused, session_actor};
use axum::extract::State;
use axum::response::Response;
use tower_sessions::Session;

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
