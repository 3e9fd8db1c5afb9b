//! `/api/v1/me` and `/api/v1/users`: accounts and roles (DESIGN §2). Each handler reads its
//! input, calls one service function with the acting user and shapes the answer.

use crate::auth::RoleGrant;
use crate::core::error::FieldErrors;
use crate::core::paging::PageQuery;
use crate::core::parse::Input;
use crate::core::state::AppState;
use crate::http::contract::{Rule, Rules, body};
use crate::users::domain::{NewUserFields, RoleInput, UserRecord};
use axum::Json;
use axum::extract::State;
use axum::response::Response;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, OpenApi, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::http::problem::ApiBody;
use crate::http::common::{AdminRefusals, AdminWriteRefusals, Page, created};
use crate::http::actor::ApiActor;
use crate::http::problem::{ApiError, ApiPath, ApiQuery, Problem, as_body_names};

#[derive(OpenApi)]
#[openapi(tags(
    (name = "konto", description = "Your own account"),
    (name = "brukere", description = "Users and roles (admin)"),
))]
struct UsersApi;

/// The account and user endpoints, each registered once: route and OpenAPI entry together.
pub fn routes() -> OpenApiRouter<AppState> {
    let router = OpenApiRouter::with_openapi(UsersApi::openapi())
        .routes(routes!(me))
        .routes(routes!(list_users, create_user))
        .routes(routes!(grant_role));
    crate::http::contract::strict(router, rules())
}

/// What the user services accept, from the domain's own limits and lists (issue 26).
fn rules() -> Rules {
    use crate::auth::Role;
    use crate::auth::password::{MAX_PASSWORD_CHARS, MIN_PASSWORD_CHARS};
    use crate::users::domain::MAX_USER_NAME_CHARS;
    Rules {
        bodies: vec![
            body::<NewUserBody>(vec![
                ("name", Rule::PersonName(MAX_USER_NAME_CHARS).required()),
                ("email", Rule::Email.required()),
                ("password", Rule::Secret(MIN_PASSWORD_CHARS, MAX_PASSWORD_CHARS).required()),
                ("site_id", Rule::Id),
                ("roles", Rule::each(Rule::Nested, None)),
            ]),
            body::<RoleBody>(vec![
                ("role", Rule::choice(Role::ALL, Role::as_str).required()),
                ("sector_id", Rule::Id),
                ("site_id", Rule::Id),
            ]),
        ],
        params: vec![
            ("id", Rule::AnyId),
            ("q", Rule::Search(crate::core::search::MAX_SEARCH_CHARS)),
        ],
    }
}

/// Users whose name or e-mail contains `q`, one page.
#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct UserParams {
    /// Part of a name or e-mail address (case-insensitive).
    pub q: Option<String>,
    /// Items per page, 1–200 (default 50); outside that a 422.
    #[param(minimum = 1, maximum = 200)]
    pub limit: Option<u64>,
    /// How many items to skip, at most 1 000 000 000 (default 0); past that a 422.
    #[param(minimum = 0, maximum = 1_000_000_000)]
    pub offset: Option<u64>,
}

/// A role with its scope. Only `manager` takes a scope, and needs one: a sector or a site.
#[derive(Serialize, Deserialize, ToSchema)]
pub struct RoleBody {
    /// One of `fund_reviewer`, `innovation_council`, `jury_member`, `prize_committee`,
    /// `lup_coordinator`, `manager`, `editor`, `admin`.
    #[schema(example = "manager")]
    pub role: String,
    pub sector_id: Option<i32>,
    pub site_id: Option<i32>,
}

impl From<RoleGrant> for RoleBody {
    fn from(g: RoleGrant) -> Self {
        Self {
            role: g.role.as_str().to_owned(),
            sector_id: g.sector_id(),
            site_id: g.site_id(),
        }
    }
}

/// The body as the service's input: parsed by the service after its permission check.
impl Input for NewUserBody {
    type Parsed = NewUserFields;
    fn parse(self) -> Result<NewUserFields, FieldErrors> {
        let roles: Vec<RoleInput> = self.roles.iter().map(RoleInput::from).collect();
        NewUserFields::parse(&self.name, &self.email, self.site_id, &roles)
    }
}

impl From<&RoleBody> for RoleInput {
    fn from(r: &RoleBody) -> Self {
        Self {
            role: r.role.clone(),
            sector_id: r.sector_id,
            site_id: r.site_id,
        }
    }
}

/// A user account.
#[derive(Serialize, ToSchema)]
pub struct UserBody {
    pub id: i32,
    pub name: String,
    pub email: String,
    pub home_site_id: Option<i32>,
    /// `nb` or `en`.
    pub language: String,
    pub active: bool,
    pub anonymised: bool,
    pub roles: Vec<RoleBody>,
}

impl From<UserRecord> for UserBody {
    fn from(u: UserRecord) -> Self {
        Self {
            id: u.id,
            name: u.name,
            email: u.email,
            home_site_id: u.home_site_id,
            language: u.language.as_str().to_owned(),
            active: u.active,
            anonymised: u.anonymised,
            roles: u.roles.into_iter().map(RoleBody::from).collect(),
        }
    }
}

/// A new user. Passwords: at least 10 characters, not easily guessed.
#[derive(Deserialize, ToSchema)]
pub struct NewUserBody {
    pub name: String,
    pub email: String,
    pub password: String,
    /// Home service site.
    pub site_id: Option<i32>,
    #[serde(default)]
    pub roles: Vec<RoleBody>,
}

/// The caller's own account.
#[utoipa::path(
    get, path = "/me", tag = "konto",
    responses(
        (status = 200, description = "The account the token belongs to", body = UserBody),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn me(
    State(state): State<AppState>,
    actor: ApiActor,
) -> Result<Json<UserBody>, ApiError> {
    actor.user()?;
    let me = actor.answer(crate::users::service::my_profile(&state.db, &actor.0).await)?;
    Ok(Json(me.into()))
}

/// Users by name (admin).
#[utoipa::path(
    get, path = "/users", tag = "brukere", params(UserParams),
    responses(
        (status = 200, description = "One page of users", body = Page<UserBody>),
        AdminRefusals,
    ),
    security(("bearer" = []))
)]
pub async fn list_users(
    State(state): State<AppState>,
    actor: ApiActor,
    ApiQuery(params): ApiQuery<UserParams>,
) -> Result<Json<Page<UserBody>>, ApiError> {
    let page = PageQuery {
        limit: params.limit,
        offset: params.offset,
    };
    let query = params.q.unwrap_or_default();
    let result = crate::users::service::list_users(&state.db, &actor.0, &query, page).await;
    Ok(Json(Page::from(actor.answer(result)?, UserBody::from)))
}

/// Creates a user (admin).
#[utoipa::path(
    post, path = "/users", tag = "brukere", request_body = NewUserBody,
    responses(
        (status = 201, description = "Created", body = UserBody),
        (status = 409, description = "The e-mail is taken", body = Problem, content_type = "application/problem+json"),
        AdminWriteRefusals,
    ),
    security(("bearer" = []))
)]
pub async fn create_user(
    State(state): State<AppState>,
    actor: ApiActor,
    body: ApiBody<NewUserBody>,
) -> Result<Response, ApiError> {
    // The service checks the permission before the body, so a caller without it learns
    // nothing about their input.
    let account = body.into_input(|b: NewUserBody| crate::users::domain::WithPassword {
        password: b.password.clone(),
        fields: b,
    });
    let result =
        crate::users::service::add_user(&state.db, &actor.0, account, state.clock.now()).await;
    // The service names the home site `home_site_id`; this body calls it `site_id`.
    let result = result.map_err(|e| as_body_names(e, &[("home_site_id", "site_id")]));
    let user = actor.answer(result)?;
    Ok(created(UserBody::from(user)))
}

/// Gives a user one more role (admin). Answers with the user and all their roles.
#[utoipa::path(
    post, path = "/users/{id}/roles", tag = "brukere", request_body = RoleBody,
    params(("id" = i32, Path, description = "The user's id")),
    responses(
        (status = 201, description = "The user with the role added", body = UserBody),
        (status = 404, description = "No such user", body = Problem, content_type = "application/problem+json"),
        AdminWriteRefusals,
    ),
    security(("bearer" = []))
)]
pub async fn grant_role(
    State(state): State<AppState>,
    actor: ApiActor,
    ApiPath(id): ApiPath<i32>,
    body: ApiBody<RoleBody>,
) -> Result<Response, ApiError> {
    let input = body.into_input(|body: RoleBody| RoleInput::from(&body));
    let result =
        crate::users::service::grant_role(&state.db, &actor.0, id, input, state.clock.now()).await;
    Ok(created(UserBody::from(actor.answer(result)?)))
}
