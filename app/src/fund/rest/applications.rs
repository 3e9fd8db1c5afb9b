//! Applications: drafts, submission, anchoring, reviews and the council's recommendation.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use serde::Deserialize;
use utoipa::IntoParams;

use super::bodies::{
    ApplicationBody, ApplicationDetailBody, ApplicationInBody, RecommendationInBody,
    RecommendedBody, ReviewInBody, ReviewerDeskBody,
};
use crate::core::state::AppState;
use crate::http::actor::ApiActor;
use crate::http::common::{Page, PageParams, created};
use crate::http::problem::{ApiBody, ApiError, ApiPath, ApiQuery, Problem};

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ApplicationParams {
    /// Only this call's.
    pub call_id: Option<i32>,
}

/// The applications the caller may see, newest first: their own and their team's (drafts
/// too), and the submitted ones they review, anchor as line manager or (the council) rank.
#[utoipa::path(
    get, path = "/fund/applications", tag = "fund", params(PageParams, ApplicationParams),
    responses(
        (status = 200, description = "The applications", body = Page<ApplicationBody>),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such call", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn list_fund_applications(
    State(state): State<AppState>,
    actor: ApiActor,
    ApiQuery(params): ApiQuery<ApplicationParams>,
    ApiQuery(page): ApiQuery<PageParams>,
) -> Result<Json<Page<ApplicationBody>>, ApiError> {
    let result =
        crate::fund::service::list_applications(&state.db, &actor.0, params.call_id).await;
    Ok(Json(Page::of_all(actor.answer(result)?, &page, Into::into)?))
}

/// Saves a new application as a draft (any employee) while the call is open.
#[utoipa::path(
    post, path = "/fund/applications", tag = "fund", request_body = ApplicationInBody,
    responses(
        (status = 201, description = "The draft", body = ApplicationDetailBody),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such call", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The call is not open", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields (lines that do not sum, an amount over the maximum …)", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn create_fund_application(
    State(state): State<AppState>,
    actor: ApiActor,
    body: ApiBody<ApplicationInBody>,
) -> Result<Response, ApiError> {
    let input = body.into_input(ApplicationInBody::in_call);
    let now = state.clock.now();
    let result =
        crate::fund::service::save_application(&state.db, &actor.0, None, input, now).await;
    let id = actor.answer(result)?;
    let made = crate::fund::service::get_application(&state.db, &actor.0, id, now).await;
    Ok(created(ApplicationDetailBody::from(actor.answer(made)?)))
}

/// Changes the caller's own draft (the applicant) while the call is open.
#[utoipa::path(
    put, path = "/fund/applications/{id}", tag = "fund", request_body = ApplicationInBody,
    params(("id" = i32, Path, description = "The application's id")),
    responses(
        (status = 200, description = "The draft", body = ApplicationDetailBody),
        (status = 403, description = "Not the applicant", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such application or call", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Submitted (locked), or the call is not open", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn put_fund_application(
    State(state): State<AppState>,
    actor: ApiActor,
    ApiPath(id): ApiPath<i32>,
    body: ApiBody<ApplicationInBody>,
) -> Result<Json<ApplicationDetailBody>, ApiError> {
    let input = body.into_input(ApplicationInBody::in_call);
    let now = state.clock.now();
    let result =
        crate::fund::service::save_application(&state.db, &actor.0, Some(id), input, now).await;
    actor.answer(result)?;
    let saved = crate::fund::service::get_application(&state.db, &actor.0, id, now).await;
    Ok(Json(actor.answer(saved)?.into()))
}

/// One application with what the caller may see of it.
#[utoipa::path(
    get, path = "/fund/applications/{id}", tag = "fund",
    params(("id" = i32, Path, description = "The application's id")),
    responses(
        (status = 200, description = "The application", body = ApplicationDetailBody),
        (status = 403, description = "Not the caller's to see", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such application", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn get_fund_application(
    State(state): State<AppState>,
    actor: ApiActor,
    ApiPath(id): ApiPath<i32>,
) -> Result<Json<ApplicationDetailBody>, ApiError> {
    let result =
        crate::fund::service::get_application(&state.db, &actor.0, id, state.clock.now()).await;
    Ok(Json(actor.answer(result)?.into()))
}

/// Submits the caller's draft before the call closes; then it is locked.
#[utoipa::path(
    post, path = "/fund/applications/{id}/submit", tag = "fund",
    params(("id" = i32, Path, description = "The application's id")),
    responses(
        (status = 204, description = "Submitted"),
        (status = 403, description = "Not the applicant", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such application", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Already submitted, or the call has closed", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Something is missing, each field listed in `errors`", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn submit_fund_application(
    State(state): State<AppState>,
    actor: ApiActor,
    ApiPath(id): ApiPath<i32>,
) -> Result<StatusCode, ApiError> {
    let result =
        crate::fund::service::submit_application(&state.db, &actor.0, id, state.clock.now())
            .await;
    actor.answer(result)?;
    Ok(StatusCode::NO_CONTENT)
}

/// The line manager (a manager of the application's site or its sector) confirms its
/// anchoring.
#[utoipa::path(
    post, path = "/fund/applications/{id}/anchoring", tag = "fund",
    params(("id" = i32, Path, description = "The application's id")),
    responses(
        (status = 204, description = "Anchored"),
        (status = 403, description = "Not a line manager of the application's site", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such application", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The call is decided", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn anchor_fund_application(
    State(state): State<AppState>,
    actor: ApiActor,
    ApiPath(id): ApiPath<i32>,
) -> Result<StatusCode, ApiError> {
    let result =
        crate::fund::service::anchor_application(&state.db, &actor.0, id, state.clock.now())
            .await;
    actor.answer(result)?;
    Ok(StatusCode::NO_CONTENT)
}

/// Saves the caller's review (a reviewer of the call): a declared conflict, or scores 1–5 on
/// every criterion, which a conflicted reviewer may not give.
#[utoipa::path(
    put, path = "/fund/applications/{id}/review", tag = "fund", request_body = ReviewInBody,
    params(("id" = i32, Path, description = "The application's id")),
    responses(
        (status = 200, description = "The reviewer's desk after the save", body = ReviewerDeskBody),
        (status = 403, description = "Not a reviewer of the call, or conflicted", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such application", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The call is decided, or a concurrent first save won", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A score outside 1–5 or a criterion missing", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn put_fund_review(
    State(state): State<AppState>,
    actor: ApiActor,
    ApiPath(id): ApiPath<i32>,
    body: ApiBody<ReviewInBody>,
) -> Result<Json<ReviewerDeskBody>, ApiError> {
    let form = body.into_input(crate::fund::domain::review::ReviewForm::from);
    let result =
        crate::fund::service::save_review(&state.db, &actor.0, id, form, state.clock.now()).await;
    Ok(Json(actor.answer(result)?.into()))
}

/// Sets the council's recommended amount for an application (0: not recommended): refused
/// above the amount asked or past the round's budget (422), without the line's anchoring
/// (409).
#[utoipa::path(
    put, path = "/fund/applications/{id}/recommendation", tag = "fund", request_body = RecommendationInBody,
    params(("id" = i32, Path, description = "The application's id")),
    responses(
        (status = 200, description = "Recommended", body = RecommendedBody),
        (status = 403, description = "Not on the innovation council", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such submitted application", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not anchored, the call still open, or decided", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Above the amount asked or past the round's budget", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn put_fund_recommendation(
    State(state): State<AppState>,
    actor: ApiActor,
    ApiPath(id): ApiPath<i32>,
    body: ApiBody<RecommendationInBody>,
) -> Result<Json<RecommendedBody>, ApiError> {
    let form = body.into_input(crate::fund::domain::budget::RecommendationForm::from);
    let result =
        crate::fund::service::recommend(&state.db, &actor.0, id, form, state.clock.now()).await;
    Ok(Json(RecommendedBody {
        amount: actor.answer(result)?.0,
    }))
}
