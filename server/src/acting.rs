//! Who is acting, resolved once per request from its session, before any page or server
//! function runs, so the page's concurrent loaders never race on the session (issue 11: one
//! ending a session while another waited on the session's lock hung the request for good).

use app::auth::service::{ResolvedActor, actor_from_session};
use app::core::state::AppState;
use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::Response;
use tower_sessions::Session;

pub async fn resolve_actor(
    State(state): State<AppState>,
    mut request: Request,
    next: Next,
) -> Response {
    if let Some(session) = request.extensions().get::<Session>().cloned() {
        let now = state.clock.now();
        // On an error (the database is down) nothing is resolved: the page asks again and
        // shows the error as any page does.
        if let Ok(actor) = actor_from_session(&state.db, &session, now).await {
            request.extensions_mut().insert(ResolvedActor(actor));
        }
    }
    next.run(request).await
}
