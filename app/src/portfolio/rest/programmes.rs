//! Programmes, each with the sums of its projects.

use crate::core::state::AppState;
use crate::portfolio::domain::view::ProgrammeView;
use axum::Json;
use axum::extract::State;
use serde::Serialize;
use utoipa::ToSchema;

use crate::http::problem::ApiQuery;
use crate::http::common::PageParams;
use crate::http::common::Page;
use crate::http::actor::ApiActor;
use crate::http::problem::{ApiError, ApiPath, Problem};

/// A programme and the sums of its projects, in whole kroner.
#[derive(Serialize, ToSchema)]
pub struct ProgrammeBody {
    pub id: i32,
    pub name: String,
    pub description: Option<String>,
    pub projects: u64,
    /// The sum of its projects' budgets.
    pub budget_nok: i64,
    /// The sum of its projects' funding sources.
    pub funding_nok: i64,
    /// Economic benefits: the planned gains (baseline to target) summed.
    pub planned_gain_nok: i64,
    /// Economic benefits: the latest measurements against the baselines, in each target's
    /// direction, summed.
    pub realised_gain_nok: i64,
}

impl From<ProgrammeView> for ProgrammeBody {
    fn from(p: ProgrammeView) -> Self {
        Self {
            id: p.id,
            name: p.name,
            description: p.description,
            projects: p.projects,
            budget_nok: p.budget.0,
            funding_nok: p.funding.0,
            planned_gain_nok: p.planned_gain_nok,
            realised_gain_nok: p.realised_gain_nok,
        }
    }
}

/// Every programme by name, with the sums of its projects.
#[utoipa::path(
    get, path = "/programmes", tag = "portefølje", params(PageParams),
    responses(
        (status = 200, description = "The programmes", body = Page<ProgrammeBody>),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn list_programmes(
    State(state): State<AppState>,
    actor: ApiActor,
    ApiQuery(page): ApiQuery<PageParams>,
) -> Result<Json<Page<ProgrammeBody>>, ApiError> {
    let result = crate::portfolio::service::list_programmes(&state.db, &actor.0).await;
    Ok(Json(Page::of_all(actor.answer(result)?, &page, Into::into)?))
}

/// One programme with the sums of its projects (its projects: `GET /projects?programme_id=`).
#[utoipa::path(
    get, path = "/programmes/{id}", tag = "portefølje",
    params(("id" = i32, Path, description = "The programme's id")),
    responses(
        (status = 200, description = "The programme", body = ProgrammeBody),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such programme", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn get_programme(
    State(state): State<AppState>,
    actor: ApiActor,
    ApiPath(id): ApiPath<i32>,
) -> Result<Json<ProgrammeBody>, ApiError> {
    let result = crate::portfolio::service::get_programme(&state.db, &actor.0, id).await;
    Ok(Json(actor.answer(result)?.into()))
}
