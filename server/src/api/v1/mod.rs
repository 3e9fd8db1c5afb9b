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

/// The refusals every operation can answer by the API's conventions (issue 26), added where a
/// handler's own list leaves them out, so the document says every status the server can:
/// 401 for a token that is not valid (any operation: a bad `Authorization` header is refused
/// before anything else); 404 where the path names an object (and for an id that is not one);
/// 422 for query parameters of another shape; and for a body 400 (not JSON), 413 (over
/// 64 KiB), 415 (not `application/json`) and 422 (fields of another shape or refused).
pub struct Conventions;

impl utoipa::Modify for Conventions {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::path::ParameterIn;
        for (path, item) in openapi.paths.paths.iter_mut() {
            for operation in app::http::contract::operations_mut(item) {
                let queries = operation
                    .parameters
                    .iter()
                    .flatten()
                    .any(|p| p.parameter_in == ParameterIn::Query);
                let mut owed = vec![(
                    "401",
                    "A token that is not valid, or none where one is needed",
                )];
                if path.contains('{') {
                    owed.push(("404", "No such object"));
                }
                if queries {
                    owed.push((
                        "422",
                        "Query parameters of another shape, each listed in `errors`",
                    ));
                }
                if operation.request_body.is_some() {
                    owed.extend([
                        ("400", "The body is not JSON"),
                        ("413", "The body is larger than 64 KiB"),
                        ("415", "The body is not `application/json`"),
                        ("422", "Invalid fields, each listed in `errors`"),
                    ]);
                }
                for (status, description) in owed {
                    operation
                        .responses
                        .responses
                        .entry(status.to_owned())
                        .or_insert_with(|| problem_response(description));
                }
            }
        }
    }
}

/// Create → read (issue 26, for clients and Schemathesis's stateful phase): a `POST` on a
/// collection that answers 201 links to the `GET` of what it made, `{collection}/{id}` with
/// the answer's `id`, wherever the API has that operation.
pub struct Links;

impl utoipa::Modify for Links {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::RefOr;
        use utoipa::openapi::link::LinkBuilder;
        let reads: Vec<(String, String)> = openapi
            .paths
            .paths
            .iter()
            .filter_map(|(path, item)| {
                let collection = path.strip_suffix("/{id}")?;
                let id = item.get.as_ref()?.operation_id.clone()?;
                Some((collection.to_owned(), id))
            })
            .collect();
        for (collection, read) in reads {
            let Some(create) = openapi
                .paths
                .paths
                .get_mut(&collection)
                .and_then(|item| item.post.as_mut())
            else {
                continue;
            };
            if let Some(RefOr::T(created)) = create.responses.responses.get_mut("201") {
                created.links.insert(
                    String::from("read"),
                    RefOr::T(
                        LinkBuilder::new()
                            .operation_id(read)
                            .parameter("id", "$response.body#/id")
                            .description("What was made")
                            .build(),
                    ),
                );
            }
        }
    }
}

fn problem_response(
    description: &str,
) -> utoipa::openapi::RefOr<utoipa::openapi::response::Response> {
    use utoipa::openapi::{ContentBuilder, Ref, ResponseBuilder};
    ResponseBuilder::new()
        .description(description)
        .content(
            "application/problem+json",
            ContentBuilder::new()
                .schema(Some(Ref::from_schema_name("Problem")))
                .build(),
        )
        .build()
        .into()
}

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
