//! The versioned REST API under `/api/v1` (DESIGN §9): Bearer-token authentication, the same
//! service layer and permissions as the pages, problem+json errors, paginated lists, and an
//! OpenAPI 3.1 document generated from the handlers below.

mod auth;
pub mod problem;
mod v1;

use app::api_docs::ApiEndpoint;
use app::state::AppState;
use axum::Json;
use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post};
use utoipa::OpenApi;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};

/// Largest accepted request body of the API.
pub const MAX_BODY_BYTES: usize = 64 * 1024;

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
    paths(
        v1::me,
        v1::list_sectors,
        v1::create_sector,
        v1::list_sites,
        v1::create_site,
        v1::get_site,
        v1::update_site,
        v1::list_users,
        v1::create_user,
        v1::grant_role,
    ),
    modifiers(&BearerScheme),
    tags(
        (name = "konto", description = "Your own account"),
        (name = "organisasjon", description = "Sectors and service sites"),
        (name = "brukere", description = "Users and roles (admin)"),
    )
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

/// The routes under `/api/v1`.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/openapi.json", get(openapi_json))
        .route("/me", get(v1::me))
        .route("/sectors", get(v1::list_sectors).post(v1::create_sector))
        .route("/sites", get(v1::list_sites).post(v1::create_site))
        .route("/sites/{id}", get(v1::get_site).patch(v1::update_site))
        .route("/users", get(v1::list_users).post(v1::create_user))
        .route("/users/{id}/roles", post(v1::grant_role))
        .fallback(problem::not_found)
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
}

async fn openapi_json() -> Json<utoipa::openapi::OpenApi> {
    Json(ApiDoc::openapi())
}

/// The endpoints as the human-readable API page lists them, read from the OpenAPI document.
pub fn reference() -> Vec<ApiEndpoint> {
    let doc = ApiDoc::openapi();
    let mut endpoints = Vec::new();
    for (path, item) in &doc.paths.paths {
        let operations = [
            ("GET", &item.get),
            ("POST", &item.post),
            ("PUT", &item.put),
            ("PATCH", &item.patch),
            ("DELETE", &item.delete),
        ];
        for (method, operation) in operations {
            let Some(op) = operation else { continue };
            let token_optional = op
                .security
                .as_ref()
                .is_some_and(|reqs| reqs.iter().any(|r| r == &Default::default()));
            endpoints.push(ApiEndpoint {
                method: method.to_owned(),
                path: path.clone(),
                summary: op.summary.clone().unwrap_or_default(),
                token_required: !token_optional,
                statuses: op.responses.responses.keys().cloned().collect(),
            });
        }
    }
    endpoints
}
