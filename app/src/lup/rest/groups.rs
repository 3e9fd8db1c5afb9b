//! Leader groups: enrolment, members, status, and attendance at gatherings.

use crate::core::state::AppState;
use axum::Json;
use axum::extract::State;
use axum::response::Response;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::bodies::{GroupBody, GroupDetailBody};
use crate::http::problem::ApiBody;
use crate::http::common::PageParams;
use crate::http::common::Page;
use crate::http::actor::ApiActor;
use crate::http::problem::{ApiError, ApiPath, ApiQuery, Problem};
use crate::http::common::created;

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct GroupParams {
    /// Only this cohort's groups.
    pub cohort_id: Option<i32>,
}

/// Every leader group (or one cohort's), by site name.
#[utoipa::path(
    get, path = "/lup/groups", tag = "lup", params(PageParams, GroupParams),
    responses(
        (status = 200, description = "The groups", body = Page<GroupBody>),
        (status = 403, description = "Not a LUP coordinator, manager or admin", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn list_groups(
    State(state): State<AppState>,
    actor: ApiActor,
    ApiQuery(params): ApiQuery<GroupParams>,
    ApiQuery(page): ApiQuery<PageParams>,
) -> Result<Json<Page<GroupBody>>, ApiError> {
    let result =
        crate::lup::service::list_groups(&state.db, &actor.0, params.cohort_id, state.clock.now())
            .await;
    Ok(Json(Page::of_all(actor.answer(result)?, &page, Into::into)?))
}

/// A site's group to enrol in a cohort.
#[derive(Deserialize, ToSchema)]
pub struct NewGroupBody {
    pub cohort_id: Option<i32>,
    pub site_id: Option<i32>,
}

fn text(id: Option<i32>) -> String {
    id.map(|id| id.to_string()).unwrap_or_default()
}

/// Enrols a service site's leader group in a cohort (LUP coordinators): once per cohort, an
/// open site, while the cohort has room.
#[utoipa::path(
    post, path = "/lup/groups", tag = "lup", request_body = NewGroupBody,
    responses(
        (status = 201, description = "Enrolled", body = GroupDetailBody),
        (status = 403, description = "Not a LUP coordinator", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The site is already in the cohort, or the cohort is full", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Unknown cohort or site, or a closed site", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn enrol_group(
    State(state): State<AppState>,
    actor: ApiActor,
    body: ApiBody<NewGroupBody>,
) -> Result<Response, ApiError> {
    let enrolment = body.into_input(|b: NewGroupBody| crate::lup::domain::group::EnrolmentText {
        cohort_id: text(b.cohort_id),
        site_id: text(b.site_id),
    });
    let result = crate::lup::service::enrol(&state.db, &actor.0, enrolment, state.clock.now()).await;
    let id = actor.answer(result)?;
    let made = crate::lup::service::get_group(&state.db, &actor.0, id, state.clock.now()).await;
    Ok(created(GroupDetailBody::from(actor.answer(made)?)))
}

/// One group whole: members, its cohort's gatherings and the attendance.
#[utoipa::path(
    get, path = "/lup/groups/{id}", tag = "lup",
    params(("id" = i32, Path, description = "The group's id")),
    responses(
        (status = 200, description = "The group", body = GroupDetailBody),
        (status = 403, description = "Not a LUP coordinator, manager or admin", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such group", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn get_group(
    State(state): State<AppState>,
    actor: ApiActor,
    ApiPath(id): ApiPath<i32>,
) -> Result<Json<GroupDetailBody>, ApiError> {
    let result = crate::lup::service::get_group(&state.db, &actor.0, id, state.clock.now()).await;
    Ok(Json(actor.answer(result)?.into()))
}

/// A member: `role` `leader` or `enthusiast` with the `email` of a user of the group's site,
/// or `guest` with `guest_name` and `guest_organisation`.
#[derive(Deserialize, ToSchema)]
pub struct NewLupMemberBody {
    #[serde(default)]
    pub role: String,
    #[serde(default)]
    #[schema(format = Email)]
    pub email: String,
    #[serde(default)]
    pub guest_name: String,
    #[serde(default)]
    pub guest_organisation: String,
}

/// Adds a member to a group (LUP coordinators).
#[utoipa::path(
    post, path = "/lup/groups/{id}/members", tag = "lup", request_body = NewLupMemberBody,
    params(("id" = i32, Path, description = "The group's id")),
    responses(
        (status = 201, description = "Added; the group as it now stands", body = GroupDetailBody),
        (status = 403, description = "Not a LUP coordinator", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such group", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Already a member", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Unknown user, a user of another site, or invalid fields", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn add_group_member(
    State(state): State<AppState>,
    actor: ApiActor,
    ApiPath(id): ApiPath<i32>,
    body: ApiBody<NewLupMemberBody>,
) -> Result<Response, ApiError> {
    let form = body.into_input(|body: NewLupMemberBody| crate::lup::domain::member::MemberForm {
        role: body.role,
        email: body.email,
        guest_name: body.guest_name,
        guest_organisation: body.guest_organisation,
    });
    let result =
        crate::lup::service::add_group_member(&state.db, &actor.0, id, form, state.clock.now()).await;
    actor.answer(result)?;
    let group = crate::lup::service::get_group(&state.db, &actor.0, id, state.clock.now()).await;
    Ok(created(GroupDetailBody::from(actor.answer(group)?)))
}

/// A status change.
#[derive(Deserialize, ToSchema)]
pub struct StatusBody {
    /// `in_progress`, `completed` or `withdrawn`.
    #[serde(default)]
    pub status: String,
    /// The day it completed or withdrew (not in the future, not before the cohort starts).
    #[serde(default)]
    #[schema(format = Date)]
    pub date: String,
    /// Why it withdrew (required then).
    #[serde(default)]
    pub reason: String,
    /// On completion: the portfolio project its development task became.
    pub project_id: Option<i32>,
}

/// Changes a group's status (LUP coordinators): enrolled → in progress → completed (date) |
/// withdrawn (date, reason); completed and withdrawn are final.
#[utoipa::path(
    post, path = "/lup/groups/{id}/status", tag = "lup", request_body = StatusBody,
    params(("id" = i32, Path, description = "The group's id")),
    responses(
        (status = 200, description = "Changed; the group as it now stands", body = GroupDetailBody),
        (status = 403, description = "Not a LUP coordinator", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such group", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Not allowed from its status, a date in the future or before the cohort, a closed site, too little attendance", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn change_status(
    State(state): State<AppState>,
    actor: ApiActor,
    ApiPath(id): ApiPath<i32>,
    body: ApiBody<StatusBody>,
) -> Result<Json<GroupDetailBody>, ApiError> {
    let change = body.into_input(|b: StatusBody| crate::lup::domain::group::StatusText {
        status: b.status,
        date: b.date,
        reason: b.reason,
        project_id: b.project_id,
    });
    let result =
        crate::lup::service::set_group_status(&state.db, &actor.0, id, change, state.clock.now())
            .await;
    actor.answer(result)?;
    let group = crate::lup::service::get_group(&state.db, &actor.0, id, state.clock.now()).await;
    Ok(Json(actor.answer(group)?.into()))
}

/// One member's mark.
#[derive(Deserialize, ToSchema)]
pub struct MarkBody {
    pub member_id: i32,
    pub present: bool,
}

/// Who was at the gathering.
#[derive(Deserialize, ToSchema)]
pub struct AttendanceBody {
    pub attendance: Vec<MarkBody>,
}

#[derive(Serialize, ToSchema)]
pub struct RecordedBody {
    /// Marks written (a member marked again is overwritten).
    pub recorded: usize,
}

/// Records attendance at a gathering (LUP coordinators and the cohort's supervisors): members
/// of the cohort's groups, or, at an alumni gathering, of any completed group.
#[utoipa::path(
    post, path = "/lup/gatherings/{id}/attendance", tag = "lup", request_body = AttendanceBody,
    params(("id" = i32, Path, description = "The gathering's id")),
    responses(
        (status = 200, description = "Recorded", body = RecordedBody),
        (status = 403, description = "Not a LUP coordinator or the cohort's supervisor", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such gathering", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A member who may not attend this gathering", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn record_attendance(
    State(state): State<AppState>,
    actor: ApiActor,
    ApiPath(id): ApiPath<i32>,
    body: ApiBody<AttendanceBody>,
) -> Result<Json<RecordedBody>, ApiError> {
    let marks = body.into_input(|b: AttendanceBody| {
        crate::lup::domain::member::Marks(
            b.attendance
                .iter()
                .map(|m| (m.member_id, m.present))
                .collect(),
        )
    });
    let result =
        crate::lup::service::mark_attendance(&state.db, &actor.0, id, marks, state.clock.now())
            .await;
    Ok(Json(RecordedBody {
        recorded: actor.answer(result)?,
    }))
}
