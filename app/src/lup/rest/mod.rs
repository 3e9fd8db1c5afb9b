//! `/api/v1/lup/…`: LUP, leader development for innovation (DESIGN §5). Each handler reads its
//! input, calls one service function with the acting user and shapes the answer; the service
//! decides permission and validity. DTOs in `bodies`; handlers in `cohorts` (and
//! gatherings), `groups` (members, status, attendance) and `coverage` (and targets).

mod bodies;
mod cohorts;
mod coverage;
mod groups;

use crate::core::state::AppState;
use crate::http::contract::{Rule, Rules, body};
use utoipa::OpenApi;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use cohorts::*;
use coverage::*;
use groups::*;

#[derive(OpenApi)]
#[openapi(tags((name = "lup", description = "LUP: cohorts, leader groups, attendance, coverage, targets and their forecast")))]
struct LupApi;

/// LUP's endpoints, each registered once: route and OpenAPI entry together.
pub fn routes() -> OpenApiRouter<AppState> {
    let router = OpenApiRouter::with_openapi(LupApi::openapi())
        .routes(routes!(list_cohorts, create_cohort))
        .routes(routes!(get_cohort))
        .routes(routes!(list_gatherings, add_gathering))
        .routes(routes!(list_groups, enrol_group))
        .routes(routes!(get_group))
        .routes(routes!(add_group_member))
        .routes(routes!(change_status))
        .routes(routes!(record_attendance))
        .routes(routes!(list_targets, create_target))
        .routes(routes!(coverage))
        .routes(routes!(coverage_series))
        .routes(routes!(forecast));
    crate::http::contract::strict(router, rules())
}

/// What LUP's services accept, from the domain's own limits and lists (issue 26).
fn rules() -> Rules {
    use crate::lup::domain::cohort::{MAX_CAPACITY, MAX_NAME_CHARS, MAX_SUPERVISORS};
    use crate::lup::domain::group::{GroupStatus, MAX_REASON_CHARS};
    use crate::lup::domain::member::{MAX_GUEST_CHARS, MemberRole};
    use crate::lup::domain::target::{Goal, MAX_TARGET_COUNT};
    use bodies::*;
    use groups::{MarkBody, NewGroupBody, NewLupMemberBody, StatusBody};
    let changes = [
        GroupStatus::InProgress,
        GroupStatus::Completed { on: time::Date::MIN },
        GroupStatus::Withdrawn { on: time::Date::MIN },
    ];
    Rules {
        bodies: vec![
            body::<NewCohortBody>(vec![
                ("name", Rule::Name(MAX_NAME_CHARS).required()),
                ("starts_on", Rule::Date.required()),
                ("ends_on", Rule::Date.required()),
                ("capacity", Rule::Range(1, MAX_CAPACITY).required()),
                ("min_attendance_percent", Rule::Range(1, 100)),
                ("supervisors", Rule::each(Rule::Email, Some(MAX_SUPERVISORS))),
            ]),
            body::<NewGatheringBody>(vec![
                ("held_on", Rule::Date.required()),
                ("theme", Rule::Name(MAX_NAME_CHARS).required()),
                ("place", Rule::Name(MAX_NAME_CHARS).required()),
            ]),
            body::<NewGroupBody>(vec![
                ("cohort_id", Rule::Id.required()),
                ("site_id", Rule::Id.required()),
            ]),
            body::<NewLupMemberBody>(vec![
                ("role", Rule::choice(MemberRole::ALL, MemberRole::as_str).required()),
                ("email", Rule::Email),
                ("guest_name", Rule::Optional(MAX_GUEST_CHARS)),
                ("guest_organisation", Rule::Optional(MAX_GUEST_CHARS)),
            ]),
            body::<StatusBody>(vec![
                ("status", Rule::choice(changes, GroupStatus::as_str).required()),
                ("date", Rule::Date),
                ("reason", Rule::Optional(MAX_REASON_CHARS)),
                ("project_id", Rule::Id),
            ]),
            body::<MarkBody>(vec![("member_id", Rule::Id.required())]),
            body::<NewTargetBody>(vec![
                ("kind", Rule::choice([Goal::Count(0), Goal::Percent(0)], Goal::kind).required()),
                ("value", Rule::Range(1, i64::from(MAX_TARGET_COUNT)).required()),
                ("sector_id", Rule::Id),
                ("due_on", Rule::Date.required()),
            ]),
        ],
        params: vec![
            ("id", Rule::AnyId),
            ("cohort_id", Rule::AnyId),
            ("sector_id", Rule::AnyId),
            ("date", Rule::Date),
            ("from", Rule::Date),
            ("to", Rule::Date),
            ("step", Rule::Choice(vec![crate::lup::service::SERIES_STEP])),
            (
                "target_sites",
                Rule::Range(1, i64::from(MAX_TARGET_COUNT)).required(),
            ),
            ("due_on", Rule::Date),
        ],
    }
}
