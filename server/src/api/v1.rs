//! `/api/v1` handlers: each reads its input, calls one service function with the acting user
//! and shapes the answer. No rule or permission is decided here.

use app::auth::RoleGrant;
use app::error::{AppError, FieldErrors};
use app::org::domain::{
    NewSector, NewServiceSite, Sector, ServiceSite, SitePatch, parse_date, parse_site_dates,
};
use app::paging::{PageRequest, Paged};
use app::state::AppState;
use app::users::domain::{NewUserFields, RoleInput, UserRecord};
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Deserializer, Serialize};
use time::OffsetDateTime;
use utoipa::{IntoParams, IntoResponses, ToSchema};

use super::auth::ApiActor;
use super::problem::{ApiError, ApiJson, ApiPath, ApiQuery, Problem};

/// The refusals of an endpoint that needs a token and the admin role and reads a body.
#[derive(IntoResponses)]
#[allow(dead_code)]
pub enum AdminWriteRefusals {
    /// No valid token
    #[response(status = 401, content_type = "application/problem+json")]
    Unauthorized(Problem),
    /// Not an admin
    #[response(status = 403, content_type = "application/problem+json")]
    Forbidden(Problem),
    /// Invalid fields, each listed in `errors`
    #[response(status = 422, content_type = "application/problem+json")]
    Invalid(Problem),
    /// The body is not readable JSON
    #[response(status = 400, content_type = "application/problem+json")]
    Unreadable(Problem),
    /// The body is larger than 64 KiB
    #[response(status = 413, content_type = "application/problem+json")]
    TooLarge(Problem),
    /// The body is not `application/json`
    #[response(status = 415, content_type = "application/problem+json")]
    NotJson(Problem),
}

/// The refusals of an endpoint that needs a token and the admin role.
#[derive(IntoResponses)]
#[allow(dead_code)]
pub enum AdminRefusals {
    /// No valid token
    #[response(status = 401, content_type = "application/problem+json")]
    Unauthorized(Problem),
    /// Not an admin
    #[response(status = 403, content_type = "application/problem+json")]
    Forbidden(Problem),
}

/// A page of a list.
#[derive(Serialize, ToSchema)]
pub struct Page<T: ToSchema> {
    pub items: Vec<T>,
    /// How many items the whole list holds.
    pub total: u64,
    pub limit: u64,
    pub offset: u64,
}

impl<T: ToSchema> Page<T> {
    fn from<U>(page: Paged<U>, f: impl FnMut(U) -> T) -> Self {
        let page = page.map(f);
        Self {
            items: page.items,
            total: page.total,
            limit: page.limit,
            offset: page.offset,
        }
    }
}

/// Which page of a list: `limit` (1–200, default 50) and `offset` (default 0).
#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PageParams {
    /// Items per page, at most 200 (larger values are lowered to 200).
    pub limit: Option<u64>,
    /// How many items to skip.
    pub offset: Option<u64>,
}

impl PageParams {
    fn page(&self) -> PageRequest {
        PageRequest::new(self.limit, self.offset)
    }
}

/// Sites of one sector, one page.
#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SiteParams {
    /// Only sites of this sector.
    pub sector_id: Option<i32>,
    pub limit: Option<u64>,
    pub offset: Option<u64>,
}

/// Users whose name or e-mail contains `q`, one page.
#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct UserParams {
    /// Part of a name or e-mail address (case-insensitive).
    pub q: Option<String>,
    pub limit: Option<u64>,
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

/// A sector (tjenesteområde).
#[derive(Serialize, ToSchema)]
pub struct SectorBody {
    pub id: i32,
    pub name: String,
}

impl From<Sector> for SectorBody {
    fn from(s: Sector) -> Self {
        Self {
            id: s.id,
            name: s.name,
        }
    }
}

/// A new sector.
#[derive(Deserialize, ToSchema)]
pub struct NewSectorBody {
    #[schema(example = "Teknisk")]
    pub name: String,
}

/// A service site (tjenestested).
#[derive(Serialize, ToSchema)]
pub struct SiteBody {
    pub id: i32,
    pub name: String,
    pub sector_id: i32,
    /// First day the site is active.
    #[schema(format = Date, example = "2020-08-01")]
    pub active_from: String,
    /// First day the site is no longer active.
    #[schema(format = Date)]
    pub closed_on: Option<String>,
}

impl From<ServiceSite> for SiteBody {
    fn from(s: ServiceSite) -> Self {
        Self {
            id: s.id,
            name: s.name,
            sector_id: s.sector_id,
            active_from: s.active_from.to_string(),
            closed_on: s.closed_on.map(|d| d.to_string()),
        }
    }
}

/// A new service site. Dates as `YYYY-MM-DD`.
#[derive(Deserialize, ToSchema)]
pub struct NewSiteBody {
    #[schema(example = "Fornebu skole")]
    pub name: String,
    pub sector_id: i32,
    #[schema(format = Date, example = "2026-08-01")]
    pub active_from: String,
    #[schema(format = Date)]
    pub closed_on: Option<String>,
}

/// A change to a service site: only the fields present change. `"closed_on": "2026-12-31"`
/// closes the site on that day; `"closed_on": null` reopens it.
#[derive(Deserialize, ToSchema)]
pub struct SitePatchBody {
    pub name: Option<String>,
    pub sector_id: Option<i32>,
    #[schema(format = Date)]
    pub active_from: Option<String>,
    #[serde(default, deserialize_with = "present")]
    #[schema(format = Date, value_type = Option<String>)]
    pub closed_on: Option<Option<String>>,
}

/// Tells a field given as `null` (Some(None)) from a field left out (None).
fn present<'de, D, T>(deserializer: D) -> Result<Option<Option<T>>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    Option::<T>::deserialize(deserializer).map(Some)
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

fn created<T: Serialize>(body: T) -> Response {
    (StatusCode::CREATED, Json(body)).into_response()
}

fn now() -> OffsetDateTime {
    OffsetDateTime::now_utc()
}

/// The caller's own account.
#[utoipa::path(
    get, path = "/api/v1/me", tag = "konto",
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
    let me = actor.answer(app::users::service::my_profile(&state.db, &actor.0).await)?;
    Ok(Json(me.into()))
}

/// Sectors, in the order they were created.
#[utoipa::path(
    get, path = "/api/v1/sectors", tag = "organisasjon", params(PageParams),
    responses((status = 200, description = "One page of sectors", body = Page<SectorBody>)),
    security((), ("bearer" = []))
)]
pub async fn list_sectors(
    State(state): State<AppState>,
    actor: ApiActor,
    ApiQuery(params): ApiQuery<PageParams>,
) -> Result<Json<Page<SectorBody>>, ApiError> {
    let page =
        actor.answer(app::org::service::list_sectors(&state.db, &actor.0, params.page()).await)?;
    Ok(Json(Page::from(page, SectorBody::from)))
}

/// Creates a sector (admin).
#[utoipa::path(
    post, path = "/api/v1/sectors", tag = "organisasjon", request_body = NewSectorBody,
    responses(
        (status = 201, description = "Created", body = SectorBody),
        (status = 409, description = "The name is taken", body = Problem, content_type = "application/problem+json"),
        AdminWriteRefusals,
    ),
    security(("bearer" = []))
)]
pub async fn create_sector(
    State(state): State<AppState>,
    actor: ApiActor,
    ApiJson(body): ApiJson<NewSectorBody>,
) -> Result<Response, ApiError> {
    let result = async {
        let input = NewSector::parse(&body.name).map_err(AppError::Invalid)?;
        app::org::service::create_sector(&state.db, &actor.0, input, now()).await
    }
    .await;
    Ok(created(SectorBody::from(actor.answer(result)?)))
}

/// Service sites by name.
#[utoipa::path(
    get, path = "/api/v1/sites", tag = "organisasjon", params(SiteParams),
    responses((status = 200, description = "One page of service sites", body = Page<SiteBody>)),
    security((), ("bearer" = []))
)]
pub async fn list_sites(
    State(state): State<AppState>,
    actor: ApiActor,
    ApiQuery(params): ApiQuery<SiteParams>,
) -> Result<Json<Page<SiteBody>>, ApiError> {
    let page = PageRequest::new(params.limit, params.offset);
    let result = app::org::service::list_sites(&state.db, &actor.0, params.sector_id, page).await;
    Ok(Json(Page::from(actor.answer(result)?, SiteBody::from)))
}

/// Collects the date fields' errors with the others.
fn date_field<T>(
    result: Result<T, app::error::FieldError>,
    field: &str,
    errors: &mut FieldErrors,
) -> Option<T> {
    result.map_err(|e| errors.insert(field.to_owned(), e)).ok()
}

/// Creates a service site (admin).
#[utoipa::path(
    post, path = "/api/v1/sites", tag = "organisasjon", request_body = NewSiteBody,
    responses(
        (status = 201, description = "Created", body = SiteBody),
        (status = 409, description = "The name is taken", body = Problem, content_type = "application/problem+json"),
        AdminWriteRefusals,
    ),
    security(("bearer" = []))
)]
pub async fn create_site(
    State(state): State<AppState>,
    actor: ApiActor,
    ApiJson(body): ApiJson<NewSiteBody>,
) -> Result<Response, ApiError> {
    let result = async {
        let mut errors = FieldErrors::new();
        let closed_on = body.closed_on.as_deref().unwrap_or_default();
        let Some((active_from, closed_on)) =
            parse_site_dates(&body.active_from, closed_on, &mut errors)
        else {
            return Err(AppError::Invalid(errors));
        };
        let input = NewServiceSite::parse(body.sector_id, &body.name, active_from, closed_on)
            .map_err(AppError::Invalid)?;
        app::org::service::create_site(&state.db, &actor.0, input, now()).await
    }
    .await;
    Ok(created(SiteBody::from(actor.answer(result)?)))
}

/// One service site.
#[utoipa::path(
    get, path = "/api/v1/sites/{id}", tag = "organisasjon",
    params(("id" = i32, Path, description = "The site's id")),
    responses(
        (status = 200, description = "The site", body = SiteBody),
        (status = 404, description = "No such site", body = Problem, content_type = "application/problem+json"),
    ),
    security((), ("bearer" = []))
)]
pub async fn get_site(
    State(state): State<AppState>,
    actor: ApiActor,
    ApiPath(id): ApiPath<i32>,
) -> Result<Json<SiteBody>, ApiError> {
    let site = actor.answer(app::org::service::get_site(&state.db, &actor.0, id).await)?;
    Ok(Json(site.into()))
}

/// Changes a service site (admin): rename, move, change dates, close or reopen.
#[utoipa::path(
    patch, path = "/api/v1/sites/{id}", tag = "organisasjon", request_body = SitePatchBody,
    params(("id" = i32, Path, description = "The site's id")),
    responses(
        (status = 200, description = "The changed site", body = SiteBody),
        (status = 404, description = "No such site", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The name is taken", body = Problem, content_type = "application/problem+json"),
        AdminWriteRefusals,
    ),
    security(("bearer" = []))
)]
pub async fn update_site(
    State(state): State<AppState>,
    actor: ApiActor,
    ApiPath(id): ApiPath<i32>,
    ApiJson(body): ApiJson<SitePatchBody>,
) -> Result<Json<SiteBody>, ApiError> {
    let result = async {
        let mut errors = FieldErrors::new();
        let active_from = match &body.active_from {
            Some(raw) => date_field(parse_date(raw), "active_from", &mut errors).map(Some),
            None => Some(None),
        };
        let closed_on = match &body.closed_on {
            Some(Some(raw)) => {
                date_field(parse_date(raw), "closed_on", &mut errors).map(|d| Some(Some(d)))
            }
            Some(None) => Some(Some(None)),
            None => Some(None),
        };
        let (Some(active_from), Some(closed_on)) = (active_from, closed_on) else {
            return Err(AppError::Invalid(errors));
        };
        let patch = SitePatch {
            name: body.name.clone(),
            sector_id: body.sector_id,
            active_from,
            closed_on,
        };
        app::org::service::update_site(&state.db, &actor.0, id, patch, now()).await
    }
    .await;
    Ok(Json(actor.answer(result)?.into()))
}

/// Users by name (admin).
#[utoipa::path(
    get, path = "/api/v1/users", tag = "brukere", params(UserParams),
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
    let page = PageRequest::new(params.limit, params.offset);
    let query = params.q.unwrap_or_default();
    let result = app::users::service::list_users(&state.db, &actor.0, &query, page).await;
    Ok(Json(Page::from(actor.answer(result)?, UserBody::from)))
}

/// Creates a user (admin).
#[utoipa::path(
    post, path = "/api/v1/users", tag = "brukere", request_body = NewUserBody,
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
    ApiJson(body): ApiJson<NewUserBody>,
) -> Result<Response, ApiError> {
    let result = async {
        // Permission first, so a caller without it learns nothing about the input.
        app::auth::authorize(&actor.0, app::auth::Action::ManageUsers)?;
        let roles: Vec<RoleInput> = body.roles.iter().map(RoleInput::from).collect();
        let fields = NewUserFields::parse(&body.name, &body.email, body.site_id, &roles)
            .map_err(AppError::Invalid)?;
        app::users::service::create_user(&state.db, &actor.0, fields, &body.password, now()).await
    }
    .await;
    // The service names the home site `home_site_id`; this body calls it `site_id`.
    let user = actor.answer(result.map_err(|e| {
        match e {
            AppError::Invalid(fields) => AppError::Invalid(
                fields
                    .into_iter()
                    .map(|(f, e)| match f.as_str() {
                        "home_site_id" => ("site_id".to_owned(), e),
                        _ => (f, e),
                    })
                    .collect(),
            ),
            other => other,
        }
    }))?;
    Ok(created(UserBody::from(user)))
}

/// Gives a user one more role (admin). Answers with the user and all their roles.
#[utoipa::path(
    post, path = "/api/v1/users/{id}/roles", tag = "brukere", request_body = RoleBody,
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
    ApiJson(body): ApiJson<RoleBody>,
) -> Result<Response, ApiError> {
    let result = async {
        app::auth::authorize(&actor.0, app::auth::Action::ManageUsers)?;
        let grant = RoleInput::from(&body)
            .parse()
            .map_err(|e| AppError::invalid("role", e))?;
        app::users::service::grant_role(&state.db, &actor.0, id, grant, now()).await
    }
    .await;
    Ok(created(UserBody::from(actor.answer(result)?)))
}
