//! `/api/v1/sectors` and `/api/v1/sites`: the organisation (DESIGN §3). Each handler reads its
//! input, calls one service function with the acting user and shapes the answer.

use crate::core::error::FieldErrors;
use crate::core::paging::PageQuery;
use crate::core::parse::{Input, parse_date};
use crate::core::state::AppState;
use crate::http::contract::{Rule, Rules, body};
use crate::org::domain::{NewServiceSite, Sector, ServiceSite, SitePatch, parse_site_dates};
use axum::Json;
use axum::extract::State;
use axum::response::Response;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, OpenApi, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::http::problem::ApiBody;
use crate::http::common::{AdminWriteRefusals, Page, PageParams, created};
use crate::http::actor::ApiActor;
use crate::http::problem::{ApiError, ApiPath, ApiQuery, Problem};

#[derive(OpenApi)]
#[openapi(tags((name = "organisasjon", description = "Sectors and service sites")))]
struct OrgApi;

/// The organisation's endpoints, each registered once: route and OpenAPI entry together.
pub fn routes() -> OpenApiRouter<AppState> {
    let router = OpenApiRouter::with_openapi(OrgApi::openapi())
        .routes(routes!(list_sectors, create_sector))
        .routes(routes!(list_sites, create_site))
        .routes(routes!(get_site, update_site));
    crate::http::contract::strict(router, rules())
}

/// What the organisation's services accept, from the domain's own limits (issue 26).
fn rules() -> Rules {
    use crate::org::domain::MAX_NAME_CHARS;
    let site = |needed: fn(Rule) -> Rule| {
        vec![
            ("name", needed(Rule::Name(MAX_NAME_CHARS))),
            ("sector_id", needed(Rule::Id)),
            ("active_from", needed(Rule::Date)),
            ("closed_on", Rule::Date),
        ]
    };
    Rules {
        bodies: vec![
            body::<NewSectorBody>(vec![("name", Rule::Name(MAX_NAME_CHARS).required())]),
            body::<NewSiteBody>(site(Rule::required)),
            body::<SitePatchBody>(site(|rule| rule)),
        ],
        params: vec![("id", Rule::AnyId), ("sector_id", Rule::AnyId)],
    }
}

/// Sites of one sector, one page.
#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SiteParams {
    /// Only sites of this sector.
    pub sector_id: Option<i32>,
    /// Items per page, 1–200 (default 50); outside that a 422.
    #[param(minimum = 1, maximum = 200)]
    pub limit: Option<u64>,
    /// How many items to skip, at most 1 000 000 000 (default 0); past that a 422.
    #[param(minimum = 0, maximum = 1_000_000_000)]
    pub offset: Option<u64>,
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

impl Input for NewSectorBody {
    type Parsed = crate::org::domain::NewSector;
    fn parse(self) -> Result<Self::Parsed, FieldErrors> {
        crate::org::domain::SectorName(&self.name).parse()
    }
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
    #[serde(default, deserialize_with = "crate::http::common::date_or_null")]
    #[schema(format = Date)]
    pub closed_on: Option<String>,
}

/// The body as the service's input: parsed by the service after its permission check.
impl Input for NewSiteBody {
    type Parsed = NewServiceSite;
    fn parse(self) -> Result<NewServiceSite, FieldErrors> {
        let mut errors = FieldErrors::new();
        let closed_on = self.closed_on.as_deref().unwrap_or_default();
        let Some((active_from, closed_on)) =
            parse_site_dates(&self.active_from, closed_on, &mut errors)
        else {
            return Err(errors);
        };
        NewServiceSite::parse(self.sector_id, &self.name, active_from, closed_on)
    }
}

/// A change to a service site: only the fields present change. `"closed_on": "2026-12-31"`
/// closes the site on that day; `"closed_on": null` reopens it.
#[derive(Deserialize, ToSchema)]
pub struct SitePatchBody {
    pub name: Option<String>,
    pub sector_id: Option<i32>,
    #[schema(format = Date)]
    pub active_from: Option<String>,
    #[serde(default, deserialize_with = "crate::http::common::present_date")]
    #[schema(format = Date, value_type = Option<String>)]
    pub closed_on: Option<Option<String>>,
}

/// The body as the service's input: only the fields given change.
impl Input for SitePatchBody {
    type Parsed = SitePatch;
    fn parse(self) -> Result<SitePatch, FieldErrors> {
        let mut errors = FieldErrors::new();
        let active_from = match &self.active_from {
            Some(raw) => date_field(parse_date(raw), "active_from", &mut errors).map(Some),
            None => Some(None),
        };
        let closed_on = match &self.closed_on {
            Some(Some(raw)) => {
                date_field(parse_date(raw), "closed_on", &mut errors).map(|d| Some(Some(d)))
            }
            Some(None) => Some(Some(None)),
            None => Some(None),
        };
        let (Some(active_from), Some(closed_on)) = (active_from, closed_on) else {
            return Err(errors);
        };
        Ok(SitePatch {
            name: self.name,
            sector_id: self.sector_id,
            active_from,
            closed_on,
        })
    }
}

/// Sectors, in the order they were created.
#[utoipa::path(
    get, path = "/sectors", tag = "organisasjon", params(PageParams),
    responses((status = 200, description = "One page of sectors", body = Page<SectorBody>)),
    security((), ("bearer" = []))
)]
pub async fn list_sectors(
    State(state): State<AppState>,
    actor: ApiActor,
    ApiQuery(params): ApiQuery<PageParams>,
) -> Result<Json<Page<SectorBody>>, ApiError> {
    let page =
        actor.answer(crate::org::service::list_sectors(&state.db, &actor.0, params.page()).await)?;
    Ok(Json(Page::from(page, SectorBody::from)))
}

/// Creates a sector (admin).
#[utoipa::path(
    post, path = "/sectors", tag = "organisasjon", request_body = NewSectorBody,
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
    body: ApiBody<NewSectorBody>,
) -> Result<Response, ApiError> {
    let result =
        crate::org::service::create_sector(&state.db, &actor.0, body, state.clock.now()).await;
    Ok(created(SectorBody::from(actor.answer(result)?)))
}

/// Service sites by name.
#[utoipa::path(
    get, path = "/sites", tag = "organisasjon", params(SiteParams),
    responses((status = 200, description = "One page of service sites", body = Page<SiteBody>)),
    security((), ("bearer" = []))
)]
pub async fn list_sites(
    State(state): State<AppState>,
    actor: ApiActor,
    ApiQuery(params): ApiQuery<SiteParams>,
) -> Result<Json<Page<SiteBody>>, ApiError> {
    let page = PageQuery {
        limit: params.limit,
        offset: params.offset,
    };
    let result = crate::org::service::list_sites(&state.db, &actor.0, params.sector_id, page).await;
    Ok(Json(Page::from(actor.answer(result)?, SiteBody::from)))
}

/// Collects the date fields' errors with the others.
fn date_field<T>(
    result: Result<T, crate::core::error::FieldError>,
    field: &str,
    errors: &mut FieldErrors,
) -> Option<T> {
    result.map_err(|e| errors.insert(field.to_owned(), e)).ok()
}

/// Creates a service site (admin).
#[utoipa::path(
    post, path = "/sites", tag = "organisasjon", request_body = NewSiteBody,
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
    body: ApiBody<NewSiteBody>,
) -> Result<Response, ApiError> {
    let result = crate::org::service::create_site(&state.db, &actor.0, body, state.clock.now()).await;
    Ok(created(SiteBody::from(actor.answer(result)?)))
}

/// One service site.
#[utoipa::path(
    get, path = "/sites/{id}", tag = "organisasjon",
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
    let site = actor.answer(crate::org::service::get_site(&state.db, &actor.0, id).await)?;
    Ok(Json(site.into()))
}

/// Changes a service site (admin): rename, move, change dates, close or reopen.
#[utoipa::path(
    patch, path = "/sites/{id}", tag = "organisasjon", request_body = SitePatchBody,
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
    body: ApiBody<SitePatchBody>,
) -> Result<Json<SiteBody>, ApiError> {
    let result =
        crate::org::service::update_site(&state.db, &actor.0, id, body, state.clock.now()).await;
    Ok(Json(actor.answer(result)?.into()))
}
