//! Nominations, the shortlist and the jury's ballots.

use crate::core::state::AppState;
use crate::prize::domain::view::GalleryFilter;
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use serde::Deserialize;
use utoipa::IntoParams;

use super::bodies::{
    BallotBody, NewNominationBody, NominationBody, SavedBallotBody, ShortlistBody,
};
use crate::http::problem::ApiBody;
use crate::http::common::PageParams;
use crate::http::common::Page;
use crate::http::actor::ApiActor;
use crate::http::problem::{ApiError, ApiPath, ApiQuery, Problem};
use crate::http::common::created;

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct NominationParams {
    pub year_id: Option<i32>,
    pub category_id: Option<i32>,
    pub sector_id: Option<i32>,
    pub site_id: Option<i32>,
    /// Only finalists.
    #[serde(default)]
    pub finalists: bool,
}

/// Every submitted nomination (visible to every employee), by category, newest first.
#[utoipa::path(
    get, path = "/prize/nominations", tag = "prize",
    params(PageParams, NominationParams),
    responses(
        (status = 200, description = "The nominations", body = Page<NominationBody>),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn list_prize_nominations(
    State(state): State<AppState>,
    actor: ApiActor,
    ApiQuery(params): ApiQuery<NominationParams>,
    ApiQuery(page): ApiQuery<PageParams>,
) -> Result<Json<Page<NominationBody>>, ApiError> {
    let filter = GalleryFilter {
        year_id: params.year_id,
        category_id: params.category_id,
        sector_id: params.sector_id,
        site_id: params.site_id,
        finalists_only: params.finalists,
    };
    let result = crate::prize::service::list_nominations(&state.db, &actor.0, &filter).await;
    Ok(Json(Page::of_all(actor.answer(result)?, &page, Into::into)?))
}

/// Nominates (any employee) during the category's nomination window.
#[utoipa::path(
    post, path = "/prize/nominations", tag = "prize", request_body = NewNominationBody,
    responses(
        (status = 201, description = "Created", body = NominationBody),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Outside the nomination window", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields (a criterion without justification …)", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn create_prize_nomination(
    State(state): State<AppState>,
    actor: ApiActor,
    body: ApiBody<NewNominationBody>,
) -> Result<Response, ApiError> {
    let entry = body.into_input(|b: NewNominationBody| {
        let (category_id, form) = b.split();
        crate::prize::domain::nomination::InCategory {
            category_id: i32::try_from(category_id).unwrap_or(0),
            form,
        }
    });
    let result =
        crate::prize::service::nominate_in(&state.db, &actor.0, entry, state.clock.now()).await;
    let id = actor.answer(result)?;
    let made =
        crate::prize::service::get_nomination(&state.db, &actor.0, id, state.clock.now()).await;
    Ok(created(NominationBody::from(actor.answer(made)?.row)))
}

/// Sets a category's finalists (the prize committee), after the window has closed and
/// before the jury's deadline; once a juror has voted, the finalists stay (409).
#[utoipa::path(
    post, path = "/prize/categories/{id}/shortlist", tag = "prize", request_body = ShortlistBody,
    params(("id" = i32, Path, description = "The category's id")),
    responses(
        (status = 204, description = "Shortlisted"),
        (status = 403, description = "Not on the prize committee", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such category", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Window still open, jury closed, or ballots cast", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Unknown nominations", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn shortlist_prize_category(
    State(state): State<AppState>,
    actor: ApiActor,
    ApiPath(id): ApiPath<i32>,
    body: ApiBody<ShortlistBody>,
) -> Result<StatusCode, ApiError> {
    let input = body.into_input(crate::prize::domain::nomination::ShortlistInput::from);
    let result =
        crate::prize::service::shortlist(&state.db, &actor.0, id, input, state.clock.now()).await;
    actor.answer(result)?;
    Ok(StatusCode::NO_CONTENT)
}

/// Saves the acting juror's ballot for a finalist (a second save replaces the first).
#[utoipa::path(
    put, path = "/prize/nominations/{id}/ballot", tag = "prize", request_body = BallotBody,
    params(("id" = i32, Path, description = "The nomination's id")),
    responses(
        (status = 200, description = "The saved ballot", body = SavedBallotBody),
        (status = 403, description = "Not on the category's jury, or recused", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such nomination", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not a finalist, the jury's deadline has passed, or a concurrent first save won", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A score outside 1–5 or a criterion missing", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn put_prize_ballot(
    State(state): State<AppState>,
    actor: ApiActor,
    ApiPath(id): ApiPath<i32>,
    body: ApiBody<BallotBody>,
) -> Result<Json<SavedBallotBody>, ApiError> {
    let form = body.into_input(crate::prize::domain::ballot::BallotForm::from);
    let result =
        crate::prize::service::cast_ballot(&state.db, &actor.0, id, form, state.clock.now()).await;
    Ok(Json(actor.answer(result)?.into()))
}
