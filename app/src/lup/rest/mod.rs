//! `/api/v1/lup/…`: LUP, leader development for innovation (DESIGN §5). Each handler reads its
//! input, calls one service function with the acting user and shapes the answer; the service
//! decides permission and validity. DTOs in `bodies`; handlers in `cohorts` (and
//! gatherings), `groups` (members, status, attendance) and `coverage` (and targets).

mod bodies;
mod cohorts;
mod coverage;
mod groups;

use crate::core::state::AppState;
use utoipa::OpenApi;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use cohorts::*;
use coverage::*;
use groups::*;

#[derive(OpenApi)]
#[openapi(tags((name = "lup", description = "LUP: cohorts, leader groups, attendance, coverage and targets")))]
struct LupApi;

/// LUP's endpoints, each registered once: route and OpenAPI entry together.
pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::with_openapi(LupApi::openapi())
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
}
