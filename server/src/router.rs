//! The HTTP router: pages and server functions (Leptos), operations endpoints, the language
//! switch for browsers without JavaScript, and static files.

use std::path::Path;

use app::auth::service::IDLE_TIMEOUT;
use app::auth::session_store::DbSessionStore;
use app::core::state::AppState;
use app::{App, shell};
use axum::Router;
use axum::extract::{Path as UrlPath, Query};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use leptos::prelude::provide_context;
use leptos_axum::{LeptosRoutes, file_and_error_handler, generate_route_list};
use serde::Deserialize;
use tower::ServiceBuilder;
use tower_http::compression::CompressionLayer;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::services::ServeDir;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::trace::{DefaultOnResponse, TraceLayer};
use tower_sessions::cookie::SameSite;
use tower_sessions::{Expiry, SessionManagerLayer};
use tracing::Level;

/// Largest request body of a page form or server function (CSV imports are the largest).
pub const MAX_BODY_BYTES: usize = 4 * 1024 * 1024;

/// Builds the full application router around `state`.
pub fn router(state: AppState) -> Router {
    let api = crate::api::build();
    let state = AppState {
        api_reference: std::sync::Arc::new(crate::api::reference(&api.doc)),
        ..state
    };
    let routes = generate_route_list(App);
    let leptos_options = state.leptos_options.clone();
    let pkg_dir =
        Path::new(leptos_options.site_root.as_ref()).join(leptos_options.site_pkg_dir.as_ref());

    // File names under /pkg do not change between builds, so browsers revalidate them
    // (Last-Modified → 304) instead of caching them blindly.
    let static_files = ServiceBuilder::new()
        .layer(SetResponseHeaderLayer::overriding(
            header::CACHE_CONTROL,
            HeaderValue::from_static("no-cache"),
        ))
        .service(
            ServeDir::new(pkg_dir)
                .precompressed_gzip()
                .precompressed_br(),
        );

    let session_layer = SessionManagerLayer::new(DbSessionStore::new(state.db.clone()))
        .with_name("ideverket_session")
        .with_http_only(true)
        .with_same_site(SameSite::Lax)
        .with_secure(state.settings.secure_cookies)
        .with_path("/")
        .with_expiry(Expiry::OnInactivity(IDLE_TIMEOUT))
        // Save on every request, so the idle timeout counts from the last request, not from
        // the last change to the session.
        .with_always_save(true);

    let context_state = state.clone();
    Router::new()
        .route(
            "/admin/eksport/tjenestesteder.csv",
            get(crate::downloads::sites_csv),
        )
        .route(
            "/admin/eksport/brukere.csv",
            get(crate::downloads::users_csv),
        )
        .route("/profil/mine-data.json", get(crate::downloads::own_data))
        .leptos_routes_with_context(
            &state,
            routes,
            move || {
                provide_context(context_state.clone());
                provide_context(app::auth::service::RequestActor::default());
            },
            move || shell(leptos_options.clone()),
        )
        // Unknown paths render the app's 404 page (this handler provides the state too).
        .fallback(file_and_error_handler::<AppState, _>(shell))
        .layer(axum::middleware::from_fn(
            crate::fn_status::server_fn_error_status,
        ))
        .layer(session_layer)
        // Added after the session layer, so these never load or save a session: a static
        // file or API request running beside a page's form post cannot write back a stale
        // copy of the session (always_save) over what the post stored.
        .route("/healthz", get(crate::ops::healthz))
        .route("/readyz", get(crate::ops::readyz))
        .route("/lang/{code}", get(switch_language))
        .route("/favicon.ico", get(|| async { StatusCode::NOT_FOUND }))
        .nest_service("/pkg", static_files)
        .nest(crate::api::PREFIX, api.router)
        // No request body may exceed this (413); the API sets a smaller limit of its own.
        .layer(RequestBodyLimitLayer::new(MAX_BODY_BYTES))
        .layer(axum::middleware::from_fn(crate::csrf::csrf_guard))
        .layer(
            ServiceBuilder::new()
                .layer(SetRequestIdLayer::x_request_id(MakeRequestUuid))
                .layer(
                    TraceLayer::new_for_http()
                        .make_span_with(request_span)
                        .on_response(
                            DefaultOnResponse::new()
                                .level(Level::INFO)
                                .latency_unit(tower_http::LatencyUnit::Millis),
                        ),
                )
                .layer(PropagateRequestIdLayer::x_request_id())
                .layer(CompressionLayer::new()),
        )
        .with_state(state)
}

/// One span per request, carrying the request id that is also returned to the client, so a
/// user's report ("x-request-id: …") leads straight to the log lines.
fn request_span(request: &axum::http::Request<axum::body::Body>) -> tracing::Span {
    let request_id = request
        .headers()
        .get("x-request-id")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("-");
    tracing::info_span!(
        "request",
        method = %request.method(),
        uri = %request.uri(),
        request_id = %request_id,
    )
}

#[derive(Deserialize)]
struct SwitchLanguage {
    next: Option<String>,
}

/// `GET /lang/{code}?next=/path`: stores the language in a cookie and goes back to `next`.
/// This is what the language link does when JavaScript has not loaded.
async fn switch_language(
    UrlPath(code): UrlPath<String>,
    Query(query): Query<SwitchLanguage>,
) -> Response {
    let Some(language) = app::core::parse::Language::parse(&code) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let target = query
        .next
        .as_deref()
        .filter(|p| app::core::web::is_local_path(p))
        .unwrap_or("/");
    let cookie = app::core::web::language_cookie(language.as_str());
    (
        StatusCode::SEE_OTHER,
        [
            (header::LOCATION, target.to_owned()),
            (header::SET_COOKIE, cookie),
        ],
    )
        .into_response()
}
