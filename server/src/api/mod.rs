//! The versioned REST API under `/api/v1` (DESIGN §9): Bearer-token authentication, the same
//! service layer and permissions as the pages, problem+json errors, paginated lists, and an
//! OpenAPI 3.1 document generated from the handlers (each feature's `app::<feature>::rest`).

mod v1;

pub use app::http::problem;

use app::core::api_reference::ApiEndpoint;
use app::core::state::AppState;
use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::http::header;
use axum::routing::get;
use utoipa::OpenApi;
use utoipa::openapi::OpenApi as OpenApiDoc;

/// Largest accepted request body of the API.
pub const MAX_BODY_BYTES: usize = 64 * 1024;

/// Where the API is mounted; the OpenAPI document lists its paths under it.
pub const PREFIX: &str = app::http::API_PREFIX;

/// The API's routes (to be nested at [`PREFIX`]) and the OpenAPI document, both built from
/// the same registrations (`utoipa_axum::routes!`), so neither can list an endpoint the other
/// lacks.
pub struct Api {
    pub router: Router<AppState>,
    pub doc: OpenApiDoc,
}

pub fn build() -> Api {
    let (routes, paths) = v1::routes().split_for_parts();
    let mut doc = v1::ApiDoc::openapi().nest(PREFIX, paths);
    // After the features' paths are in: the conventions' refusals go on every operation.
    utoipa::Modify::modify(&v1::Conventions, &mut doc);
    utoipa::Modify::modify(&v1::Links, &mut doc);
    // Serialised once; the document does not change while the server runs.
    let json = document_json(&doc).to_string();
    let router = routes
        .route(
            "/openapi.json",
            get(move || {
                let json = json.clone();
                async move { ([(header::CONTENT_TYPE, "application/json")], json) }
            }),
        )
        .fallback(problem::not_found)
        .method_not_allowed_fallback(problem::method_not_allowed)
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES));
    Api { router, doc }
}

/// The document as it is served. utoipa 5 writes a link's fields in snake case
/// (`operation_id`); OpenAPI names them in camel case (`operationId`), so they are renamed
/// here, where the document is written.
pub fn document_json(doc: &OpenApiDoc) -> serde_json::Value {
    let mut json = serde_json::to_value(doc).unwrap_or_else(|err| {
        tracing::error!(error = %err, "the OpenAPI document could not be serialised");
        serde_json::Value::Object(Default::default())
    });
    // Links are in the operations' responses; a body's property named `links` is left as is.
    if let Some(paths) = json.get_mut("paths") {
        camel_case_links(paths);
    }
    json
}

fn camel_case_links(value: &mut serde_json::Value) {
    use serde_json::Value;
    match value {
        Value::Object(fields) => {
            if let Some(Value::Object(links)) = fields.get_mut("links") {
                for link in links.values_mut() {
                    if let Value::Object(link) = link {
                        for (from, to) in [
                            ("operation_id", "operationId"),
                            ("operation_ref", "operationRef"),
                            ("request_body", "requestBody"),
                        ] {
                            if let Some(v) = link.remove(from) {
                                link.insert(to.to_owned(), v);
                            }
                        }
                    }
                }
            }
            fields.values_mut().for_each(camel_case_links);
        }
        Value::Array(items) => items.iter_mut().for_each(camel_case_links),
        _ => {}
    }
}

/// The endpoints as the human-readable API page lists them, read from the OpenAPI document.
pub fn reference(doc: &OpenApiDoc) -> Vec<ApiEndpoint> {
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
