//! Cohorts and their gatherings.

use crate::core::state::AppState;
use axum::Json;
use axum::extract::State;
use axum::response::Response;

use super::bodies::{CohortBody, CohortDetailBody, GatheringBody, NewCohortBody, NewGatheringBody};
use crate::http::problem::ApiBody;
use crate::http::problem::ApiQuery;
use crate::http::common::PageParams;
use crate::http::common::Page;
use crate::http::actor::ApiActor;
use crate::http::problem::{ApiError, ApiPath, Problem};
use crate::http::common::created;

/// Every cohort, newest first.
#[utoipa::path(
    get, path = "/lup/cohorts", tag = "lup", params(PageParams),
    responses(
        (status = 200, description = "The cohorts", body = Page<CohortBody>),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not a LUP coordinator, manager or admin", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn list_cohorts(
    State(state): State<AppState>,
    actor: ApiActor,
    ApiQuery(page): ApiQuery<PageParams>,
) -> Result<Json<Page<CohortBody>>, ApiError> {
    let result = crate::lup::service::list_cohorts(&state.db, &actor.0).await;
    Ok(Json(Page::of_all(actor.answer(result)?, &page, Into::into)?))
}

/// Creates a cohort (LUP coordinators).
#[utoipa::path(
    post, path = "/lup/cohorts", tag = "lup", request_body = NewCohortBody,
    responses(
        (status = 201, description = "Created", body = CohortDetailBody),
        (status = 403, description = "Not a LUP coordinator", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "A cohort has that name", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields, each listed in `errors`", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn create_cohort(
    State(state): State<AppState>,
    actor: ApiActor,
    body: ApiBody<NewCohortBody>,
) -> Result<Response, ApiError> {
    let form = body.into_input(crate::lup::domain::cohort::CohortForm::from);
    let result =
        crate::lup::service::create_cohort(&state.db, &actor.0, form, state.clock.now()).await;
    let id = actor.answer(result)?;
    let made = crate::lup::service::get_cohort(&state.db, &actor.0, id, state.clock.now()).await;
    Ok(created(CohortDetailBody::from(actor.answer(made)?)))
}

/// One cohort with its supervisors, gatherings and groups.
#[utoipa::path(
    get, path = "/lup/cohorts/{id}", tag = "lup",
    params(("id" = i32, Path, description = "The cohort's id")),
    responses(
        (status = 200, description = "The cohort", body = CohortDetailBody),
        (status = 403, description = "Not a LUP coordinator, manager or admin", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such cohort", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn get_cohort(
    State(state): State<AppState>,
    actor: ApiActor,
    ApiPath(id): ApiPath<i32>,
) -> Result<Json<CohortDetailBody>, ApiError> {
    let result = crate::lup::service::get_cohort(&state.db, &actor.0, id, state.clock.now()).await;
    Ok(Json(actor.answer(result)?.into()))
}

/// A cohort's gatherings in date order.
#[utoipa::path(
    get, path = "/lup/cohorts/{id}/gatherings", tag = "lup",
    params(PageParams, ("id" = i32, Path, description = "The cohort's id")),
    responses(
        (status = 200, description = "The gatherings", body = Page<GatheringBody>),
        (status = 403, description = "Not a LUP coordinator, manager or admin", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such cohort", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn list_gatherings(
    State(state): State<AppState>,
    actor: ApiActor,
    ApiPath(id): ApiPath<i32>,
    ApiQuery(page): ApiQuery<PageParams>,
) -> Result<Json<Page<GatheringBody>>, ApiError> {
    let result = crate::lup::service::list_gatherings(&state.db, &actor.0, id).await;
    Ok(Json(Page::of_all(actor.answer(result)?, &page, Into::into)?))
}

/// Adds a gathering to a cohort (LUP coordinators).
#[utoipa::path(
    post, path = "/lup/cohorts/{id}/gatherings", tag = "lup", request_body = NewGatheringBody,
    params(("id" = i32, Path, description = "The cohort's id")),
    responses(
        (status = 201, description = "Added", body = GatheringBody),
        (status = 403, description = "Not a LUP coordinator", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such cohort", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields, or a date outside the cohort", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn add_gathering(
    State(state): State<AppState>,
    actor: ApiActor,
    ApiPath(id): ApiPath<i32>,
    body: ApiBody<NewGatheringBody>,
) -> Result<Response, ApiError> {
    let form = body.into_input(crate::lup::domain::cohort::GatheringForm::from);
    let result =
        crate::lup::service::add_gathering(&state.db, &actor.0, id, form, state.clock.now()).await;
    Ok(created(GatheringBody::from(actor.answer(result)?)))
}
