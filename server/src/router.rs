//! The HTTP router: pages and server functions (Leptos), operations endpoints, the language
//! switch for browsers without JavaScript, and static files.

use std::path::Path;

use app::auth::service::IDLE_TIMEOUT;
use app::auth::session_store::DbSessionStore;
use app::core::state::AppState;
use app::{App, shell};
use axum::Router;
use axum::body::Body;
use axum::extract::{Path as UrlPath, Query, State};
use axum::http::Request;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use leptos::prelude::provide_context;
use leptos_axum::{LeptosRoutes, generate_route_list};
use serde::Deserialize;
use tower::ServiceBuilder;
use tower_http::compression::CompressionLayer;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::trace::{DefaultOnResponse, TraceLayer};
use tower_sessions::cookie::SameSite;
use tower_sessions::{Expiry, SessionManagerLayer};
use tracing::Level;

/// Largest request body of a page form or server function (CSV imports are the largest).
pub const MAX_BODY_BYTES: usize = 4 * 1024 * 1024;

/// Builds the full application router around `state`.
pub fn router(state: AppState) -> Router {
    router_with(state, Router::new())
}

/// [`router`] with `extra` routes behind the same layers (the tests add a handler that
/// panics, to prove the panic guard answers).
pub fn router_with(state: AppState, extra: Router<AppState>) -> Router {
    app::core::plurals::install();
    let api = crate::api::build();
    let state = AppState {
        api_reference: std::sync::Arc::new(crate::api::reference(&api.doc)),
        ..state
    };
    let routes = generate_route_list(App);
    let secure = state.settings.secure_cookies;
    let form_origin = state.settings.sso_origin.clone();
    // Secure cookies mean the site is served over TLS: its origin is https (the CSRF guard).
    let site_scheme = if secure { "https" } else { "http" };
    let leptos_options = state.leptos_options.clone();
    let pkg_dir =
        Path::new(leptos_options.site_root.as_ref()).join(leptos_options.site_pkg_dir.as_ref());

    let static_files = crate::static_files::service(&pkg_dir, state.assets.clone());

    let session_layer = SessionManagerLayer::new(DbSessionStore::new(state.db.clone()))
        .with_name("ideverket_session")
        .with_http_only(true)
        .with_same_site(SameSite::Lax)
        .with_secure(state.settings.secure_cookies)
        .with_path("/")
        .with_expiry(Expiry::OnInactivity(IDLE_TIMEOUT))
        // Save on every request, so the idle timeout counts from the last request, not from
        // the last change to the session; the store skips a save that only moves the expiry
        // by less than a minute (`session_store::EXPIRY_SLACK`).
        .with_always_save(true);

    let context = page_context(state.clone());
    extra
        .route("/profil/mine-data.json", get(crate::downloads::own_data))
        .merge(app::registry::download_routes())
        .leptos_routes_with_context(&state, routes, context, move || {
            shell(leptos_options.clone())
        })
        // Unknown paths render the app's 404 page.
        .fallback(not_found)
        .layer(axum::middleware::from_fn(
            crate::island_loader::drop_unused_loader,
        ))
        .layer(axum::middleware::from_fn(
            crate::fn_status::server_fn_error_status,
        ))
        .layer(axum::middleware::from_fn(
            crate::refused_post::keep_refused_post,
        ))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            crate::acting::resolve_actor,
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
        .layer(crate::body_limit::extractor_limit(MAX_BODY_BYTES))
        .layer(axum::middleware::from_fn(|request, next| {
            crate::body_limit::read_whole_body(request, next, MAX_BODY_BYTES)
        }))
        // No request body may exceed this (413); the API sets a smaller limit of its own.
        .layer(RequestBodyLimitLayer::new(MAX_BODY_BYTES))
        .layer(axum::middleware::from_fn(move |request, next| {
            crate::csrf::csrf_guard(site_scheme, request, next)
        }))
        .layer(axum::middleware::from_fn(crate::panic_guard::catch_panic))
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
                .layer(axum::middleware::from_fn(move |request, next| {
                    crate::headers::security_headers(secure, form_origin.clone(), request, next)
                }))
                .layer(CompressionLayer::new()),
        )
        .with_state(state)
}

/// What every page render and server function gets in its Leptos context: the state and the
/// nonce of this response's Content-Security-Policy. (The acting user is resolved once per
/// request before this, by `acting::resolve_actor`.)
fn page_context(state: AppState) -> impl Fn() + Clone + Send + Sync + 'static {
    move || {
        provide_context(state.clone());
        crate::headers::provide_request_nonce();
    }
}

/// The app's 404 page for any path no route takes. (Leptos's `file_and_error_handler`
/// would first serve any file of the site root; only `/pkg` is meant to be public.)
async fn not_found(State(state): State<AppState>, request: Request<Body>) -> Response {
    let options = state.leptos_options.clone();
    let render = leptos_axum::render_app_async_with_context(page_context(state), move || {
        shell(options.clone())
    });
    let mut response = render(request).await;
    if response.status() == StatusCode::OK {
        *response.status_mut() = StatusCode::NOT_FOUND;
    }
    response
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
    let target = app::core::web::safe_local_path(query.next.as_deref().unwrap_or("/"));
    let cookie = app::core::web::language_cookie(language.as_str());
    (
        StatusCode::SEE_OTHER,
        [(header::LOCATION, target), (header::SET_COOKIE, cookie)],
    )
        .into_response()
}
