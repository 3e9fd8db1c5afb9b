//! Projects: list, read, phase, benefits, measurements, and the portfolio's summary.

use crate::core::state::AppState;
use crate::portfolio::domain::filter::FilterText;
use crate::portfolio::domain::benefit::BenefitForm;
use axum::Json;
use axum::extract::State;
use axum::response::Response;

use super::bodies::*;
use crate::http::problem::ApiBody;
use crate::http::actor::ApiActor;
use crate::http::problem::{ApiError, ApiPath, ApiQuery, Problem};
use crate::http::common::{Page, PageParams, created};

/// Projects under the filters, one page.
#[utoipa::path(
    get, path = "/projects", tag = "portefølje", params(FilterText, PageParams),
    responses(
        (status = 200, description = "One page of projects", body = Page<ProjectRowBody>),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A filter that cannot be used", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn list_projects(
    State(state): State<AppState>,
    actor: ApiActor,
    ApiQuery(filter): ApiQuery<FilterText>,
    ApiQuery(page): ApiQuery<PageParams>,
) -> Result<Json<Page<ProjectRowBody>>, ApiError> {
    let result =
        crate::portfolio::service::list_projects(&state.db, &actor.0, filter, page.page())
            .await;
    Ok(Json(Page::from(
        actor.answer(result)?,
        ProjectRowBody::from,
    )))
}

/// One project, whole: people, timeline, benefits, what it stops doing.
#[utoipa::path(
    get, path = "/projects/{id}", tag = "portefølje",
    params(("id" = i32, Path, description = "The project's id")),
    responses(
        (status = 200, description = "The project", body = ProjectBody),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such project", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn get_project(
    State(state): State<AppState>,
    actor: ApiActor,
    ApiPath(id): ApiPath<i32>,
) -> Result<Json<ProjectBody>, ApiError> {
    let result = crate::portfolio::service::get_project(&state.db, &actor.0, id).await;
    Ok(Json(actor.answer(result)?.into()))
}

/// Moves a project to another phase (its owner or members).
#[utoipa::path(
    post, path = "/projects/{id}/phase", tag = "portefølje", request_body = PhaseChangeBody,
    params(("id" = i32, Path, description = "The project's id")),
    responses(
        (status = 200, description = "The project's new phase", body = PhaseBody),
        (status = 403, description = "Not the project's owner or member", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such project", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A change the roadmap does not allow, or a missing note", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn change_phase(
    State(state): State<AppState>,
    actor: ApiActor,
    ApiPath(id): ApiPath<i32>,
    body: ApiBody<PhaseChangeBody>,
) -> Result<Json<PhaseBody>, ApiError> {
    let step = body.into_input(|b: PhaseChangeBody| {
        crate::portfolio::domain::phase::PhaseStepText {
            to: b.to,
            note: b.note,
        }
    });
    let result =
        crate::portfolio::service::move_phase(&state.db, &actor.0, id, step, state.clock.now())
            .await;
    let phase = actor.answer(result)?;
    Ok(Json(PhaseBody {
        id: phase.id,
        key: phase.key,
        name: phase.name,
    }))
}

/// A project's benefits with their measurements.
#[utoipa::path(
    get, path = "/projects/{id}/benefits", tag = "portefølje",
    params(PageParams, ("id" = i32, Path, description = "The project's id")),
    responses(
        (status = 200, description = "The benefits", body = Page<BenefitBody>),
        (status = 404, description = "No such project", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn list_benefits(
    State(state): State<AppState>,
    actor: ApiActor,
    ApiPath(id): ApiPath<i32>,
    ApiQuery(page): ApiQuery<PageParams>,
) -> Result<Json<Page<BenefitBody>>, ApiError> {
    let result = crate::portfolio::service::get_project(&state.db, &actor.0, id).await;
    let project = actor.answer(result)?;
    Ok(Json(Page::of_all(project.benefits, &page, Into::into)?))
}

/// Adds a benefit to a project (its owner or members).
#[utoipa::path(
    post, path = "/projects/{id}/benefits", tag = "portefølje", request_body = NewBenefitBody,
    params(("id" = i32, Path, description = "The project's id")),
    responses(
        (status = 201, description = "Added", body = BenefitBody),
        (status = 403, description = "Not the project's owner or member", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such project", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields, each listed in `errors`", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn add_benefit(
    State(state): State<AppState>,
    actor: ApiActor,
    ApiPath(id): ApiPath<i32>,
    body: ApiBody<NewBenefitBody>,
) -> Result<Response, ApiError> {
    let form = body.into_input(BenefitForm::from);
    let result =
        crate::portfolio::service::add_benefit(&state.db, &actor.0, id, form, state.clock.now())
            .await;
    Ok(created(BenefitBody::from(actor.answer(result)?)))
}

/// Records a realised value of a benefit (the project's owner or members).
#[utoipa::path(
    post, path = "/benefits/{id}/measurements", tag = "portefølje", request_body = NewMeasurementBody,
    params(("id" = i32, Path, description = "The benefit's id")),
    responses(
        (status = 201, description = "Recorded", body = MeasurementBody),
        (status = 403, description = "Not the project's owner or member", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such benefit", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A future date or a value that is not a whole number", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn add_measurement(
    State(state): State<AppState>,
    actor: ApiActor,
    ApiPath(id): ApiPath<i32>,
    body: ApiBody<NewMeasurementBody>,
) -> Result<Response, ApiError> {
    let text = body.into_input(|b: NewMeasurementBody| {
        crate::portfolio::domain::benefit::MeasurementText {
            value: optional_text(&b.value),
            measured_on: b.measured_on,
        }
    });
    let result =
        crate::portfolio::service::measure(&state.db, &actor.0, id, text, state.clock.now()).await;
    Ok(created(MeasurementBody::from(actor.answer(result)?)))
}

/// Counts per phase and per sector, and per benefit kind and unit the planned and realised
/// gains (against each benefit's baseline, in its target's direction), under the same
/// filters as `/projects`.
#[utoipa::path(
    get, path = "/portfolio/summary", tag = "portefølje", params(FilterText),
    responses(
        (status = 200, description = "The summary", body = SummaryBody),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A filter that cannot be used", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn summary(
    State(state): State<AppState>,
    actor: ApiActor,
    ApiQuery(filter): ApiQuery<FilterText>,
) -> Result<Json<SummaryBody>, ApiError> {
    let result =
        crate::portfolio::service::portfolio_summary(&state.db, &actor.0, filter).await;
    Ok(Json(actor.answer(result)?.into()))
}

/// Starts a project directly, without an idea (managers, the innovation council, admins);
/// the caller owns it.
#[utoipa::path(
    post, path = "/projects", tag = "portefølje", request_body = NewProjectBody,
    responses(
        (status = 201, description = "Started", body = ProjectBody),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not a manager, council member or admin", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields, each listed in `errors`", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn create_project(
    State(state): State<AppState>,
    actor: ApiActor,
    body: ApiBody<NewProjectBody>,
) -> Result<Response, ApiError> {
    let form = body.into_input(crate::portfolio::domain::project::ProjectForm::from);
    let result =
        crate::portfolio::service::create_project(&state.db, &actor.0, form, state.clock.now()).await;
    let id = actor.answer(result)?;
    let made = crate::portfolio::service::get_project(&state.db, &actor.0, id).await;
    Ok(created(ProjectBody::from(actor.answer(made)?)))
}

/// Changes a project's name, description, programme, budget, start date, tags or goals (its
/// owner and members); what the body leaves out stays.
#[utoipa::path(
    patch, path = "/projects/{id}", tag = "portefølje", request_body = ProjectPatchBody,
    params(("id" = i32, Path, description = "The project's id")),
    responses(
        (status = 200, description = "The changed project", body = ProjectBody),
        (status = 403, description = "Not the project's owner or member", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such project", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields, each listed in `errors`", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn update_project(
    State(state): State<AppState>,
    actor: ApiActor,
    ApiPath(id): ApiPath<i32>,
    body: ApiBody<ProjectPatchBody>,
) -> Result<Json<ProjectBody>, ApiError> {
    let patch = body.into_input(crate::portfolio::domain::project::ProjectPatchForm::from);
    let result =
        crate::portfolio::service::update_project(&state.db, &actor.0, id, patch, state.clock.now())
            .await;
    actor.answer(result)?;
    let changed = crate::portfolio::service::get_project(&state.db, &actor.0, id).await;
    Ok(Json(actor.answer(changed)?.into()))
}
