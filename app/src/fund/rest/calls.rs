//! Calls, their ranking and decision, and the yearly overview.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use serde::Deserialize;
use utoipa::IntoParams;

use super::bodies::{
    CallBody, CallDetailBody, CallPatchBody, DecisionBody, NewCallBody, OverviewBody, RankingBody,
};
use crate::core::state::AppState;
use crate::http::actor::ApiActor;
use crate::http::common::{Page, PageParams, created};
use crate::http::problem::{ApiBody, ApiError, ApiPath, ApiQuery, Problem};

/// Every call, the newest first.
#[utoipa::path(
    get, path = "/fund/calls", tag = "fund", params(PageParams),
    responses(
        (status = 200, description = "The calls", body = Page<CallBody>),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn list_fund_calls(
    State(state): State<AppState>,
    actor: ApiActor,
    ApiQuery(page): ApiQuery<PageParams>,
) -> Result<Json<Page<CallBody>>, ApiError> {
    let result = crate::fund::service::list_calls(&state.db, &actor.0, state.clock.now()).await;
    Ok(Json(Page::of_all(actor.answer(result)?, &page, Into::into)?))
}

/// Opens a call (the fund's administrators: the innovation council and admins).
#[utoipa::path(
    post, path = "/fund/calls", tag = "fund", request_body = NewCallBody,
    responses(
        (status = 201, description = "Created", body = CallDetailBody),
        (status = 403, description = "Not one of the fund's administrators", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The budget would pass the track's budget for the year", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields, each listed in `errors`", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn create_fund_call(
    State(state): State<AppState>,
    actor: ApiActor,
    body: ApiBody<NewCallBody>,
) -> Result<Response, ApiError> {
    let form = body.into_input(crate::fund::domain::call::CallForm::from);
    let now = state.clock.now();
    let result = crate::fund::service::create_call(&state.db, &actor.0, form, now).await;
    let id = actor.answer(result)?;
    let made = crate::fund::service::get_call(&state.db, &actor.0, id, now).await;
    Ok(created(CallDetailBody::from(actor.answer(made)?)))
}

/// One call with its criteria and reviewers.
#[utoipa::path(
    get, path = "/fund/calls/{id}", tag = "fund",
    params(("id" = i32, Path, description = "The call's id")),
    responses(
        (status = 200, description = "The call", body = CallDetailBody),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such call", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn get_fund_call(
    State(state): State<AppState>,
    actor: ApiActor,
    ApiPath(id): ApiPath<i32>,
) -> Result<Json<CallDetailBody>, ApiError> {
    let result = crate::fund::service::get_call(&state.db, &actor.0, id, state.clock.now()).await;
    Ok(Json(actor.answer(result)?.into()))
}

/// Moves a call's dates or changes its budget (the fund's administrators): never below what
/// the council has recommended in it, never past the track's budget; a decided call is final.
#[utoipa::path(
    patch, path = "/fund/calls/{id}", tag = "fund", request_body = CallPatchBody,
    params(("id" = i32, Path, description = "The call's id")),
    responses(
        (status = 200, description = "The call as changed", body = CallDetailBody),
        (status = 403, description = "Not one of the fund's administrators", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such call", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Decided, or past the track's budget", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid dates, or a budget below what is recommended", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn patch_fund_call(
    State(state): State<AppState>,
    actor: ApiActor,
    ApiPath(id): ApiPath<i32>,
    body: ApiBody<CallPatchBody>,
) -> Result<Json<CallDetailBody>, ApiError> {
    let patch = body.into_input(crate::fund::domain::call::CallPatch::from);
    let now = state.clock.now();
    let result = crate::fund::service::patch_call(&state.db, &actor.0, id, patch, now).await;
    actor.answer(result)?;
    let changed = crate::fund::service::get_call(&state.db, &actor.0, id, now).await;
    Ok(Json(actor.answer(changed)?.into()))
}

/// The call's submitted applications ranked by weighted mean score, with the number of
/// reviews, their spread and the council's amounts against the round's budget (the council).
#[utoipa::path(
    get, path = "/fund/calls/{id}/ranking", tag = "fund",
    params(("id" = i32, Path, description = "The call's id")),
    responses(
        (status = 200, description = "The ranking", body = RankingBody),
        (status = 403, description = "Not on the innovation council", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such call", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn fund_call_ranking(
    State(state): State<AppState>,
    actor: ApiActor,
    ApiPath(id): ApiPath<i32>,
) -> Result<Json<RankingBody>, ApiError> {
    let result = crate::fund::service::ranking(&state.db, &actor.0, id, state.clock.now()).await;
    Ok(Json(actor.answer(result)?.into()))
}

/// Records the decision (vedtak) on a closed call, once (the council): every applicant then
/// sees the outcome and the feedback.
#[utoipa::path(
    post, path = "/fund/calls/{id}/decide", tag = "fund", request_body = DecisionBody,
    params(("id" = i32, Path, description = "The call's id")),
    responses(
        (status = 204, description = "Decided"),
        (status = 403, description = "Not on the innovation council", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such call", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Already decided, or still open", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "An invalid case number", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn decide_fund_call(
    State(state): State<AppState>,
    actor: ApiActor,
    ApiPath(id): ApiPath<i32>,
    body: ApiBody<DecisionBody>,
) -> Result<StatusCode, ApiError> {
    let form = body.into_input(crate::fund::domain::budget::DecisionForm::from);
    let result = crate::fund::service::decide(&state.db, &actor.0, id, form, state.clock.now()).await;
    actor.answer(result)?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct OverviewParams {
    /// The year (default: this year in Oslo).
    pub year: Option<i32>,
}

/// The fund's year per track: budget, recommended, granted, paid out, returned, remaining
/// (the fund's administrators).
#[utoipa::path(
    get, path = "/fund/overview", tag = "fund", params(OverviewParams),
    responses(
        (status = 200, description = "The year's overview", body = OverviewBody),
        (status = 403, description = "Not one of the fund's administrators", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A year outside 2000–2100", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn fund_overview(
    State(state): State<AppState>,
    actor: ApiActor,
    ApiQuery(params): ApiQuery<OverviewParams>,
) -> Result<Json<OverviewBody>, ApiError> {
    let now = state.clock.now();
    let year = params
        .year
        .unwrap_or_else(|| crate::core::timefmt::oslo_date(now).year());
    let result = crate::fund::service::overview(&state.db, &actor.0, year, now).await;
    Ok(Json(actor.answer(result)?.into()))
}
