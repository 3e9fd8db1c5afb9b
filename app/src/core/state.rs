//! Shared server state, handed to page rendering, server functions and REST handlers.

use axum::extract::FromRef;
use leptos::config::LeptosOptions;
use leptos::prelude::use_context;
use sea_orm::DatabaseConnection;

use crate::core::error::AppError;

/// A feature's part of anonymising a departed user (DESIGN §9), run inside the
/// anonymisation's transaction with the user's id and the name that replaces theirs: for
/// the places where a feature keeps a person's name as text rather than by id.
pub type Anonymiser = for<'a> fn(
    &'a sea_orm::DatabaseTransaction,
    i32,
    &'a str,
) -> std::pin::Pin<
    Box<dyn std::future::Future<Output = Result<(), AppError>> + Send + 'a>,
>;

/// Settings the app reads at run time.
#[derive(Clone, Debug, Default)]
pub struct Settings {
    /// Demo mode: the sign-in page lists the demo accounts and their password.
    pub demo: bool,
    /// Session cookies only over HTTPS (set when served behind TLS).
    pub secure_cookies: bool,
    /// E-mail is sent (an SMTP server is configured): the notifications page says so.
    pub mail: bool,
    /// Single sign-on's provider, by the name the sign-in page offers it under (issue 31).
    pub sso_provider: Option<String>,
    /// The provider's origin (`https://login.example`): pages let forms lead there (the
    /// provider's sign-out follows ours).
    pub sso_origin: Option<String>,
    /// Local passwords are turned off (`IDEVERKET_PASSWORD_SIGN_IN=false`): only the provider
    /// signs people in.
    pub passwords_off: bool,
}

#[derive(Clone)]
pub struct AppState {
    pub db: DatabaseConnection,
    pub leptos_options: LeptosOptions,
    pub settings: Settings,
    /// The REST API's endpoints for the API page, filled in by the server's router from the
    /// OpenAPI document.
    pub api_reference: std::sync::Arc<Vec<crate::core::api_reference::ApiEndpoint>>,
    /// The content-hashed names of the built files under `/pkg`.
    pub assets: std::sync::Arc<crate::core::assets::SiteAssets>,
    /// Where "now" comes from for every server function, page and REST handler.
    pub clock: crate::core::clock::Clock,
    /// Every feature's part of anonymising a user, `registry::anonymisers()` wherever the state
    /// is made (the server's `main`, the tests): the platform's `users` cannot name the
    /// strands.
    pub anonymisers: std::sync::Arc<[Anonymiser]>,
    /// Every strand's link targets for Tanketanken's posts, `registry::link_targets()`
    /// wherever the state is made.
    pub link_targets: std::sync::Arc<[crate::core::links::LinkTargets]>,
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}

/// The state provided to every server function by `leptos_routes_with_context`.
pub fn app_state() -> Result<AppState, AppError> {
    use_context::<AppState>().ok_or_else(|| {
        tracing::error!("AppState missing from the Leptos context");
        AppError::Internal
    })
}

/// Now, by the application's clock (the system's, unless a test fixed it); the system's
/// clock outside a request.
pub fn now() -> time::OffsetDateTime {
    use_context::<AppState>().map_or_else(time::OffsetDateTime::now_utc, |state| state.clock.now())
}

/// The client's IP address, for rate limiting and the audit log.
pub async fn client_addr() -> String {
    use axum::extract::ConnectInfo;
    use std::net::SocketAddr;
    leptos_axum::extract::<ConnectInfo<SocketAddr>>()
        .await
        .map(|ConnectInfo(addr)| addr.ip().to_string())
        .unwrap_or_else(|_| "unknown".to_owned())
}
