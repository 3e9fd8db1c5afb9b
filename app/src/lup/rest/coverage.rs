//! Coverage on a date and over time, and the targets it is measured against.

use crate::core::state::AppState;
use axum::Json;
use axum::extract::State;
use axum::response::Response;
use serde::Deserialize;
use utoipa::IntoParams;

use super::bodies::{CoverageBody, ForecastBody, NewTargetBody, SeriesPointBody, TargetBody};
use crate::http::problem::ApiBody;
use crate::http::common::PageParams;
use crate::http::common::Page;
use crate::http::actor::ApiActor;
use crate::http::problem::{ApiError, ApiQuery, Problem};
use crate::http::common::created;

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CoverageParams {
    /// YYYY-MM-DD; today (Oslo) when left out.
    pub date: Option<String>,
    /// Only this sector (one the caller sees whole).
    pub sector_id: Option<String>,
}

/// Coverage on a date: active sites with at least one leader group completed on or before
/// it, overall and per sector, of the sites the caller sees (a manager: their sector or site).
#[utoipa::path(
    get, path = "/lup/coverage", tag = "lup", params(CoverageParams),
    responses(
        (status = 200, description = "Coverage", body = CoverageBody),
        (status = 403, description = "Not a manager, LUP coordinator or admin, or a sector the caller does not see", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A bad date or sector", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn coverage(
    State(state): State<AppState>,
    actor: ApiActor,
    ApiQuery(params): ApiQuery<CoverageParams>,
) -> Result<Json<CoverageBody>, ApiError> {
    let result = crate::lup::service::coverage(
        &state.db,
        &actor.0,
        params.date.as_deref(),
        params.sector_id.as_deref(),
        state.clock.now(),
    )
    .await;
    Ok(Json(actor.answer(result)?.into()))
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ForecastParams {
    /// YYYY-MM-DD; today (Oslo) when left out.
    pub date: Option<String>,
    /// Only this sector (one the caller sees whole).
    pub sector_id: Option<String>,
    /// The covered sites to reach (1–100000).
    pub target_sites: Option<String>,
    /// YYYY-MM-DD: the target's date, for the pace it takes to reach it by then.
    pub due_on: Option<String>,
}

/// When `target_sites` covered sites are reached at today's pace: the pace over the trailing
/// twelve months (or since the first completion), net of closed sites; the date it reaches
/// the target; the pace it takes by `due_on`; and a range from the slowest and fastest
/// six-month paces. Of the sites the caller sees, as coverage.
#[utoipa::path(
    get, path = "/lup/forecast", tag = "lup", params(ForecastParams),
    responses(
        (status = 200, description = "The forecast", body = ForecastBody),
        (status = 403, description = "Not a manager, LUP coordinator or admin, or a sector the caller does not see", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A bad date, sector or number of sites", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn forecast(
    State(state): State<AppState>,
    actor: ApiActor,
    ApiQuery(params): ApiQuery<ForecastParams>,
) -> Result<Json<ForecastBody>, ApiError> {
    let result = crate::lup::service::forecast(
        &state.db,
        &actor.0,
        (
            params.date.as_deref(),
            params.sector_id.as_deref(),
            params.target_sites.as_deref(),
            params.due_on.as_deref(),
        ),
        state.clock.now(),
    )
    .await;
    Ok(Json(actor.answer(result)?.into()))
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SeriesParams {
    /// YYYY-MM-DD; the first cohort's start when left out.
    pub from: Option<String>,
    /// YYYY-MM-DD; today when left out.
    pub to: Option<String>,
    /// `month` (the only step).
    pub step: Option<String>,
    pub sector_id: Option<String>,
}

/// Coverage at the end of each month from `from` to `to` (the last point on `to`).
#[utoipa::path(
    get, path = "/lup/coverage/series", tag = "lup", params(SeriesParams, PageParams),
    responses(
        (status = 200, description = "The series", body = Page<SeriesPointBody>),
        (status = 403, description = "Not a manager, LUP coordinator or admin", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Bad dates, `to` before `from`, or a step other than month", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn coverage_series(
    State(state): State<AppState>,
    actor: ApiActor,
    ApiQuery(params): ApiQuery<SeriesParams>,
    ApiQuery(page): ApiQuery<PageParams>,
) -> Result<Json<Page<SeriesPointBody>>, ApiError> {
    let range = (
        params.from.as_deref(),
        params.to.as_deref(),
        params.step.as_deref(),
    );
    let result = crate::lup::service::coverage_series(
        &state.db,
        &actor.0,
        range,
        params.sector_id.as_deref(),
        state.clock.now(),
    )
    .await;
    Ok(Json(Page::of_all(actor.answer(result)?, &page, Into::into)?))
}

/// The targets the caller sees, each against the coverage on its date (today if not due).
#[utoipa::path(
    get, path = "/lup/targets", tag = "lup", params(PageParams),
    responses(
        (status = 200, description = "The targets", body = Page<TargetBody>),
        (status = 403, description = "Not a manager, LUP coordinator or admin", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn list_targets(
    State(state): State<AppState>,
    actor: ApiActor,
    ApiQuery(page): ApiQuery<PageParams>,
) -> Result<Json<Page<TargetBody>>, ApiError> {
    let result = crate::lup::service::list_targets(&state.db, &actor.0, state.clock.now()).await;
    Ok(Json(Page::of_all(actor.answer(result)?, &page, Into::into)?))
}

/// Sets a target (LUP coordinators): `{"kind": "count", "value": 120, "due_on": "2024-12-31"}`.
#[utoipa::path(
    post, path = "/lup/targets", tag = "lup", request_body = NewTargetBody,
    responses(
        (status = 201, description = "Set; the targets as they now stand", body = [TargetBody]),
        (status = 403, description = "Not a LUP coordinator", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields, each listed in `errors`", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn create_target(
    State(state): State<AppState>,
    actor: ApiActor,
    body: ApiBody<NewTargetBody>,
) -> Result<Response, ApiError> {
    let form = body.into_input(crate::lup::domain::target::TargetForm::from);
    let result =
        crate::lup::service::create_target(&state.db, &actor.0, form, state.clock.now()).await;
    actor.answer(result)?;
    let targets = crate::lup::service::list_targets(&state.db, &actor.0, state.clock.now()).await;
    let bodies: Vec<TargetBody> = actor.answer(targets)?.into_iter().map(Into::into).collect();
    Ok(created(bodies))
}
