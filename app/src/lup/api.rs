//! Every server function of LUP (DESIGN §5): thin wrappers over the service layer. Forms post
//! here; an accepted post leaves a notice for the page it sends the browser to.

use std::collections::HashMap;

use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::auth::service::answer_form;
use crate::core::error::AppError;
#[cfg(feature = "ssr")]
use crate::core::notice::Notice;

#[cfg(feature = "ssr")]
use crate::core::state::now;

#[cfg(feature = "ssr")]
use crate::lup::domain::view::{CohortRow, CohortView, Dashboard, GroupView, LupPage};

#[cfg(feature = "ssr")]
pub async fn load_dashboard() -> Result<LupPage<Dashboard>, AppError> {
    let (state, actor) = crate::auth::service::acting().await?;
    crate::lup::service::dashboard_page(&state.db, &actor, now()).await
}

#[cfg(feature = "ssr")]
pub async fn load_cohorts() -> Result<LupPage<Vec<CohortRow>>, AppError> {
    let (state, actor) = crate::auth::service::acting().await?;
    crate::lup::service::cohorts_page(&state.db, &actor).await
}

#[cfg(feature = "ssr")]
pub async fn load_cohort(cohort_id: i32) -> Result<LupPage<CohortView>, AppError> {
    let (state, actor) = crate::auth::service::acting().await?;
    crate::lup::service::cohort_page(&state.db, &actor, cohort_id, now()).await
}

#[cfg(feature = "ssr")]
pub async fn load_group(group_id: i32) -> Result<LupPage<GroupView>, AppError> {
    let (state, actor) = crate::auth::service::acting().await?;
    crate::lup::service::group_page(&state.db, &actor, group_id, now()).await
}

/// Reminds the leaders of the sites not started that the viewer sees (DESIGN §5).
#[server]
pub async fn remind_not_started() -> Result<(), AppError> {
    let (state, actor) = crate::auth::service::acting().await?;
    crate::lup::service::remind_not_started(&state.db, &actor, now()).await?;
    answer_form("lup-remind", Notice::Done, "/lup").await
}

#[server]
pub async fn create_cohort(
    name: String,
    starts_on: String,
    ends_on: String,
    capacity: String,
    min_attendance_percent: String,
    supervisors: String,
) -> Result<(), AppError> {
    let (state, actor) = crate::auth::service::acting().await?;
    let form = crate::lup::domain::cohort::CohortForm {
        name,
        starts_on,
        ends_on,
        capacity,
        min_attendance_percent,
        supervisors,
    };
    let id = crate::lup::service::create_cohort(&state.db, &actor, form, now()).await?;
    answer_form("cohort", Notice::Done, &format!("/lup/kull/{id}")).await
}

/// Adds a gathering; `alumni` is the check box's value when ticked.
#[server]
pub async fn add_gathering(
    cohort_id: i32,
    held_on: String,
    theme: String,
    place: String,
    #[server(default)] alumni: Option<String>,
) -> Result<(), AppError> {
    let (state, actor) = crate::auth::service::acting().await?;
    let form = crate::lup::domain::cohort::GatheringForm {
        held_on,
        theme,
        place,
        alumni: alumni.is_some_and(|v| !v.is_empty()),
    };
    crate::lup::service::add_gathering(&state.db, &actor, cohort_id, form, now()).await?;
    answer_form("gathering", Notice::Done, &format!("/lup/kull/{cohort_id}")).await
}

#[server]
pub async fn enrol_group(cohort_id: String, site_id: String) -> Result<(), AppError> {
    let (state, actor) = crate::auth::service::acting().await?;
    crate::lup::service::enrol_group(&state.db, &actor, &cohort_id, &site_id, now()).await?;
    answer_form(
        "enrol",
        Notice::Done,
        &format!("/lup/kull/{}", cohort_id.trim()),
    )
    .await
}

#[server]
pub async fn add_group_member(
    group_id: i32,
    role: String,
    #[server(default)] email: String,
    #[server(default)] guest_name: String,
    #[server(default)] guest_organisation: String,
) -> Result<(), AppError> {
    let (state, actor) = crate::auth::service::acting().await?;
    let form = crate::lup::domain::member::MemberForm {
        role,
        email,
        guest_name,
        guest_organisation,
    };
    crate::lup::service::add_group_member(&state.db, &actor, group_id, form, now()).await?;
    answer_form("member", Notice::Done, &format!("/lup/grupper/{group_id}")).await
}

/// Changes a group's status; `project_id`, when given with a completion, links the group's
/// development task to that portfolio project.
#[server]
pub async fn change_group_status(
    group_id: i32,
    status: String,
    #[server(default)] date: String,
    #[server(default)] reason: String,
    #[server(default)] project_id: String,
) -> Result<(), AppError> {
    let (state, actor) = crate::auth::service::acting().await?;
    let project = crate::core::parse::parse_optional_id(&project_id)
        .map_err(|e| AppError::invalid("project_id", e))?;
    let change = (status.as_str(), date.as_str(), reason.as_str());
    crate::lup::service::change_group_status(&state.db, &actor, group_id, change, project, now())
        .await?;
    answer_form("status", Notice::Done, &format!("/lup/grupper/{group_id}")).await
}

/// Sets a coverage target (LUP coordinators); an empty sector means the whole organisation.
#[server]
pub async fn create_target(
    kind: String,
    value: String,
    #[server(default)] sector_id: String,
    due_on: String,
) -> Result<(), AppError> {
    let (state, actor) = crate::auth::service::acting().await?;
    let form = crate::lup::domain::target::TargetForm {
        kind,
        value,
        sector_id,
        due_on,
    };
    crate::lup::service::create_target(&state.db, &actor, form, now()).await?;
    answer_form("target", Notice::Done, "/lup").await
}

/// The attendance grid of one group, posted whole: `marks[g{gathering}m{member}]` is sent
/// for each ticked box; every other cell of the grid is recorded as absent.
#[server]
pub async fn record_group_attendance(
    group_id: i32,
    #[server(default)] marks: HashMap<String, String>,
) -> Result<(), AppError> {
    let (state, actor) = crate::auth::service::acting().await?;
    let ticked: Vec<(i32, i32)> = marks
        .keys()
        .filter_map(|key| crate::lup::domain::group::parse_cell(key))
        .collect();
    crate::lup::service::record_group_grid(&state.db, &actor, group_id, &ticked, now()).await?;
    answer_form(
        "attendance",
        Notice::Done,
        &format!("/lup/grupper/{group_id}"),
    )
    .await
}
