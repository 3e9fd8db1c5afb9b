//! Ideas: list, read, submit, support, assess (DESIGN §4).

use crate::core::state::AppState;
use crate::portfolio::domain::idea::IdeaForm;
use axum::Json;
use axum::extract::State;
use axum::response::Response;

use super::idea_bodies::*;
use crate::http::problem::ApiBody;
use crate::http::actor::ApiActor;
use crate::http::problem::{ApiError, ApiPath, ApiQuery, Problem};
use crate::http::common::{Page, created};

/// Ideas, newest first.
#[utoipa::path(
    get, path = "/ideas", tag = "portefølje", params(IdeaParams),
    responses(
        (status = 200, description = "One page of ideas", body = Page<IdeaRowBody>),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "An unknown status", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn list_ideas(
    State(state): State<AppState>,
    actor: ApiActor,
    ApiQuery(params): ApiQuery<IdeaParams>,
) -> Result<Json<Page<IdeaRowBody>>, ApiError> {
    let page = crate::core::paging::PageQuery {
        limit: params.limit,
        offset: params.offset,
    };
    let result =
        crate::portfolio::service::list_ideas(&state.db, &actor.0, params.status.as_deref(), page)
            .await;
    Ok(Json(Page::from(actor.answer(result)?, IdeaRowBody::from)))
}

/// One idea, whole.
#[utoipa::path(
    get, path = "/ideas/{id}", tag = "portefølje",
    params(("id" = i32, Path, description = "The idea's id")),
    responses(
        (status = 200, description = "The idea", body = IdeaViewBody),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such idea", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn get_idea(
    State(state): State<AppState>,
    actor: ApiActor,
    ApiPath(id): ApiPath<i32>,
) -> Result<Json<IdeaViewBody>, ApiError> {
    let result = crate::portfolio::service::get_idea(&state.db, &actor.0, id).await;
    Ok(Json(actor.answer(result)?.into()))
}

/// Submits an idea in the caller's name.
#[utoipa::path(
    post, path = "/ideas", tag = "portefølje", request_body = NewIdeaBody,
    responses(
        (status = 201, description = "Submitted", body = IdeaBody),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields, each listed in `errors`", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn submit_idea(
    State(state): State<AppState>,
    actor: ApiActor,
    body: ApiBody<NewIdeaBody>,
) -> Result<Response, ApiError> {
    let form = body.into_input(|body: NewIdeaBody| IdeaForm {
        title: body.title,
        problem: body.problem,
        proposal: body.proposal,
        expected_gain: body.expected_gain,
        site_id: body.site_id.map(|id| id.to_string()).unwrap_or_default(),
        tags: body.tags.join(","),
        sdgs: body.sdgs.iter().map(i64::to_string).collect(),
    });
    let result =
        crate::portfolio::service::submit_idea(&state.db, &actor.0, form, state.clock.now()).await;
    Ok(created(IdeaBody::from(actor.answer(result)?)))
}

/// Supports someone else's idea (once).
#[utoipa::path(
    post, path = "/ideas/{id}/support", tag = "portefølje",
    params(("id" = i32, Path, description = "The idea's id")),
    responses(
        (status = 200, description = "Supported", body = SupportBody),
        (status = 404, description = "No such idea", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Already supported", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "One's own idea", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn support_idea(
    State(state): State<AppState>,
    actor: ApiActor,
    ApiPath(id): ApiPath<i32>,
) -> Result<Json<SupportBody>, ApiError> {
    let result =
        crate::portfolio::service::set_support(&state.db, &actor.0, id, true, state.clock.now())
            .await;
    Ok(Json(SupportBody {
        supporters: actor.answer(result)?,
    }))
}

/// Withdraws the caller's support.
#[utoipa::path(
    delete, path = "/ideas/{id}/support", tag = "portefølje",
    params(("id" = i32, Path, description = "The idea's id")),
    responses(
        (status = 200, description = "Withdrawn (or there was none)", body = SupportBody),
        (status = 404, description = "No such idea", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn withdraw_support(
    State(state): State<AppState>,
    actor: ApiActor,
    ApiPath(id): ApiPath<i32>,
) -> Result<Json<SupportBody>, ApiError> {
    let result =
        crate::portfolio::service::set_support(&state.db, &actor.0, id, false, state.clock.now())
            .await;
    Ok(Json(SupportBody {
        supporters: actor.answer(result)?,
    }))
}

/// Decides on an idea (a manager of its sector or site, or the innovation council); accepting
/// it creates its project, named in `project_id`.
#[utoipa::path(
    post, path = "/ideas/{id}/assessment", tag = "portefølje", request_body = AssessmentBody,
    params(("id" = i32, Path, description = "The idea's id")),
    responses(
        (status = 200, description = "Decided", body = IdeaBody),
        (status = 403, description = "Not the idea's manager nor the council", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such idea", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "One's own idea: someone else decides on it", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "No reason, or a decision the rules do not allow", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn assess_idea(
    State(state): State<AppState>,
    actor: ApiActor,
    ApiPath(id): ApiPath<i32>,
    body: ApiBody<AssessmentBody>,
) -> Result<Json<IdeaBody>, ApiError> {
    let text = body.into_input(|b: AssessmentBody| {
        crate::portfolio::domain::idea::AssessmentText {
            decision: b.decision,
            reason: b.reason,
        }
    });
    let result =
        crate::portfolio::service::assess(&state.db, &actor.0, id, text, state.clock.now()).await;
    Ok(Json(actor.answer(result)?.into()))
}
