//! The fund's service layer (DESIGN §6): the only code that touches its tables. Every
//! function checks the actor's permission first (`auth::authorize`), then parses its input,
//! then writes in one transaction with its audit row.

mod access;
mod applications;
mod calls;
mod council;
mod demo;
mod followup;
mod links;
mod own_data;
mod pages;
mod reviews;
mod search;
mod tasks;

pub use applications::{
    anchor_application, get_application, list_applications, save_application,
    submit_application,
};
pub use calls::{
    create_call, get_call, list_calls, list_tracks, open_calls, overview, patch_call,
    set_track_budget,
};
pub use council::{decide, ranking, recommend};
pub use demo::seed_demo_fund;
pub use followup::{guidance_given, record_payment, request_guidance, submit_report};
pub use links::link_targets;
pub use own_data::own_data_section;
pub use pages::{apply_page, call_page, fund_page, overview_page};
pub use reviews::save_review;
pub use search::{application_search_statement, search};
pub use tasks::{my_tasks, reminders};

use std::collections::HashMap;

use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use time::OffsetDateTime;

use crate::core::error::AppError;
use crate::core::money::Nok;
use crate::core::named::Named;
use crate::fund::domain::call::{CallState, CallWindow};
use crate::fund::domain::view::{CallRow, CriterionView};
use crate::fund::entities::{fund_call, fund_call_reviewer, fund_criterion, fund_track};

pub(super) use crate::core::audit_trail::record_change as audit;
pub(super) use crate::core::people::user_names;

pub(super) fn window(call: &fund_call::Model) -> CallWindow {
    CallWindow {
        opens_at: call.opens_at,
        closes_at: call.closes_at,
    }
}

pub(super) fn state(call: &fund_call::Model, now: OffsetDateTime) -> CallState {
    window(call).state(call.decided_at.is_some(), now)
}

pub(super) async fn find_call(
    db: &impl ConnectionTrait,
    id: i32,
) -> Result<fund_call::Model, AppError> {
    fund_call::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)
}

/// The names of every track, by id.
pub(super) async fn track_names(db: &impl ConnectionTrait) -> Result<HashMap<i32, String>, AppError> {
    Ok(fund_track::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|t| (t.id, t.name))
        .collect())
}

pub(super) fn call_row(
    call: &fund_call::Model,
    tracks: &HashMap<i32, String>,
    now: OffsetDateTime,
) -> CallRow {
    CallRow {
        id: call.id,
        track: Named::looked_up(tracks, call.track_id),
        year: call.year,
        title: call.title.clone(),
        opens_at: call.opens_at,
        closes_at: call.closes_at,
        budget: Nok(call.budget_nok),
        max_amount: Nok(call.max_amount_nok),
        state: state(call, now),
    }
}

/// A call's criteria in their order.
pub(super) async fn criteria_of(
    db: &impl ConnectionTrait,
    call_id: i32,
) -> Result<Vec<CriterionView>, AppError> {
    Ok(fund_criterion::Entity::find()
        .filter(fund_criterion::Column::CallId.eq(call_id))
        .order_by_asc(fund_criterion::Column::Position)
        .order_by_asc(fund_criterion::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|c| CriterionView {
            id: c.id,
            name: c.name,
            weight: u32::try_from(c.weight).unwrap_or(1),
        })
        .collect())
}

/// The reviewers of a call, by user id.
pub(super) async fn reviewers_of(
    db: &impl ConnectionTrait,
    call_id: i32,
) -> Result<Vec<i32>, AppError> {
    Ok(fund_call_reviewer::Entity::find()
        .filter(fund_call_reviewer::Column::CallId.eq(call_id))
        .all(db)
        .await?
        .into_iter()
        .map(|r| r.user_id)
        .collect())
}

/// The users named by e-mail, each active; refused as a whole under `field`.
pub(super) use crate::core::people::active_user_ids as active_users;
