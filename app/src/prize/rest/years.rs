//! Prize years, their categories, publication and results.

use crate::core::state::AppState;
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;

use super::bodies::{
    CategoryBody, NewCategoryBody, NewYearBody, ResultsBody, YearBody, YearPatchBody,
};
use crate::http::problem::ApiBody;
use crate::http::problem::ApiQuery;
use crate::http::common::PageParams;
use crate::http::common::Page;
use crate::http::actor::ApiActor;
use crate::http::problem::{ApiError, ApiPath, Problem};
use crate::http::common::created;

/// Every prize year, newest first; without a token, the published years (DESIGN §2: winners
/// are public once announced).
#[utoipa::path(
    get, path = "/prize/years", tag = "prize", params(PageParams),
    responses(
        (status = 200, description = "The prize years (without a token: the published ones)", body = Page<YearBody>),
        (status = 401, description = "A token that is not valid", body = Problem, content_type = "application/problem+json"),
    ),
    security((), ("bearer" = []))
)]
pub async fn list_prize_years(
    State(state): State<AppState>,
    actor: ApiActor,
    ApiQuery(page): ApiQuery<PageParams>,
) -> Result<Json<Page<YearBody>>, ApiError> {
    let result = crate::prize::service::list_years(&state.db, &actor.0, state.clock.now()).await;
    Ok(Json(Page::of_all(actor.answer(result)?, &page, Into::into)?))
}

/// Creates a prize year (the prize committee).
#[utoipa::path(
    post, path = "/prize/years", tag = "prize", request_body = NewYearBody,
    responses(
        (status = 201, description = "Created", body = YearBody),
        (status = 403, description = "Not on the prize committee", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "That year exists", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields, each listed in `errors`", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn create_prize_year(
    State(state): State<AppState>,
    actor: ApiActor,
    body: ApiBody<NewYearBody>,
) -> Result<Response, ApiError> {
    let form = body.into_input(crate::prize::domain::year::YearForm::from);
    let result =
        crate::prize::service::create_year(&state.db, &actor.0, form, state.clock.now()).await;
    let id = actor.answer(result)?;
    let made = crate::prize::service::get_year(&state.db, &actor.0, id, state.clock.now()).await;
    Ok(created(YearBody::from(actor.answer(made)?.row)))
}

/// Moves a year's dates (the prize committee); a published year is final (409).
#[utoipa::path(
    patch, path = "/prize/years/{id}", tag = "prize", request_body = YearPatchBody,
    params(("id" = i32, Path, description = "The year's id")),
    responses(
        (status = 200, description = "The year as changed", body = YearBody),
        (status = 403, description = "Not on the prize committee", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such year", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Already published", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid or out-of-order dates", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn patch_prize_year(
    State(state): State<AppState>,
    actor: ApiActor,
    ApiPath(id): ApiPath<i32>,
    body: ApiBody<YearPatchBody>,
) -> Result<Json<YearBody>, ApiError> {
    let patch = body.into_input(crate::prize::domain::year::YearPatch::from);
    let result =
        crate::prize::service::patch_year(&state.db, &actor.0, id, patch, state.clock.now()).await;
    Ok(Json(actor.answer(result)?.into()))
}

/// A year's categories with their criteria and jury.
#[utoipa::path(
    get, path = "/prize/years/{id}/categories", tag = "prize",
    params(PageParams, ("id" = i32, Path, description = "The year's id")),
    responses(
        (status = 200, description = "The categories", body = Page<CategoryBody>),
        (status = 404, description = "No such year", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn list_prize_categories(
    State(state): State<AppState>,
    actor: ApiActor,
    ApiPath(id): ApiPath<i32>,
    ApiQuery(page): ApiQuery<PageParams>,
) -> Result<Json<Page<CategoryBody>>, ApiError> {
    let result = crate::prize::service::list_categories(&state.db, &actor.0, id).await;
    Ok(Json(Page::of_all(actor.answer(result)?, &page, Into::into)?))
}

/// Adds a category to a year before its nomination window closes (the prize committee).
#[utoipa::path(
    post, path = "/prize/years/{id}/categories", tag = "prize", request_body = NewCategoryBody,
    params(("id" = i32, Path, description = "The year's id")),
    responses(
        (status = 201, description = "Created", body = CategoryBody),
        (status = 403, description = "Not on the prize committee", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such year", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The name is taken, or nominations have closed", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields (unknown users, criteria)", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn create_prize_category(
    State(state): State<AppState>,
    actor: ApiActor,
    ApiPath(id): ApiPath<i32>,
    body: ApiBody<NewCategoryBody>,
) -> Result<Response, ApiError> {
    let input = body.into_input(crate::prize::domain::category::CategoryInput::from);
    let result =
        crate::prize::service::create_category(&state.db, &actor.0, id, input, state.clock.now())
            .await;
    let category_id = actor.answer(result)?;
    let all = crate::prize::service::list_categories(&state.db, &actor.0, id).await;
    let made = actor
        .answer(all)?
        .into_iter()
        .find(|c| c.id == category_id)
        .ok_or(ApiError::App(crate::core::error::AppError::NotFound))?;
    Ok(created(CategoryBody::from(made)))
}

/// Publishes a year's results after the jury's deadline (the prize committee), once.
#[utoipa::path(
    post, path = "/prize/years/{id}/publish", tag = "prize",
    params(("id" = i32, Path, description = "The year's id")),
    responses(
        (status = 204, description = "Published"),
        (status = 403, description = "Not on the prize committee", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such year", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Before the jury's deadline, or already published", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn publish_prize_year(
    State(state): State<AppState>,
    actor: ApiActor,
    ApiPath(id): ApiPath<i32>,
) -> Result<StatusCode, ApiError> {
    let result = crate::prize::service::publish(&state.db, &actor.0, id, state.clock.now()).await;
    actor.answer(result)?;
    Ok(StatusCode::NO_CONTENT)
}

/// A year's results: per category the ranked finalists with their score, per-criterion
/// means, jurors counted and the tie-break applied. 403 until published, except for the
/// committee after the jury's deadline (a preview).
#[utoipa::path(
    get, path = "/prize/years/{id}/results", tag = "prize",
    params(("id" = i32, Path, description = "The year's id")),
    responses(
        (status = 200, description = "The results", body = ResultsBody),
        (status = 403, description = "Sealed (anonymous callers get 401 until published)", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such year", body = Problem, content_type = "application/problem+json"),
    ),
    security((), ("bearer" = []))
)]
pub async fn prize_results(
    State(state): State<AppState>,
    actor: ApiActor,
    ApiPath(id): ApiPath<i32>,
) -> Result<Json<ResultsBody>, ApiError> {
    let result = crate::prize::service::results(&state.db, &actor.0, id, state.clock.now()).await;
    Ok(Json(actor.answer(result)?.into()))
}
