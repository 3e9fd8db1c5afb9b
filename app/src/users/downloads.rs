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

/// The person chooser's address (`ui::Field::person`).
pub const SUGGEST_PEOPLE: &str = "/personer/forslag";

/// `GET /personer/forslag?q=…`: the person chooser's suggestions as a JSON list of
/// `Name <address>` (issue 30), for the signed-in.
async fn people_suggestions(
    State(state): State<AppState>,
    session: Session,
    axum::extract::Query(query): axum::extract::Query<std::collections::HashMap<String, String>>,
) -> Response {
    use axum::response::IntoResponse as _;
    let typed = query.get("q").map(String::as_str).unwrap_or_default();
    let made = async {
        let actor = session_actor(&state, &session).await?;
        crate::users::service::suggest_people(&state.db, &actor, typed).await
    };
    match made.await {
        Ok(people) => axum::Json(people).into_response(),
        Err(error) => crate::http::download::refused(&error),
    }
}

pub fn downloads() -> Router<AppState> {
    Router::new()
        .route("/admin/eksport/brukere.csv", get(users_csv))
        .route(SUGGEST_PEOPLE, get(people_suggestions))
}
