//! `/api/v1`: the document's description and security scheme. Each feature keeps its DTOs,
//! handlers and part of the OpenAPI document in `app::<feature>::rest` and declares them in
//! its `Feature`; `app::registry::rest_routes` merges them.

use app::core::state::AppState;
use utoipa::OpenApi;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa_axum::router::OpenApiRouter;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Idéverket API",
        version = "1",
        description = "Idéverket's REST API. Authenticate with a personal API token: \
            `Authorization: Bearer idv_…` (create one on your profile page). Errors are \
            `application/problem+json` (RFC 9457); 422 lists the refused fields. Lists take \
            `limit` (at most 200) and `offset` and return `{items, total, limit, offset}`."
    ),
    modifiers(&BearerScheme)
)]
pub struct ApiDoc;

struct BearerScheme;

impl utoipa::Modify for BearerScheme {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .description(Some("A personal API token, `idv_…`"))
                    .build(),
            ),
        );
    }
}

/// Every feature's endpoints, with paths relative to `/api/v1`.
pub fn routes() -> OpenApiRouter<AppState> {
    app::registry::rest_routes()
}
