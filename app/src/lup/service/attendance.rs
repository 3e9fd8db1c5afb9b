//! Attendance (DESIGN §5): who was at each gathering, recorded by LUP coordinators and the
//! cohort's supervisors, mark by mark (the API) or a group's whole grid at once (its page).

use crate::lup::domain::permission::LupAction;
use std::collections::HashSet;

use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};
use serde_json::json;
use time::OffsetDateTime;

use crate::auth::{Actor, authorize};
use crate::core::error::{AppError, FieldError};
use crate::core::parse::Input;
use crate::core::timefmt::oslo_date;
use crate::lup::entities::{lup_attendance, lup_cohort_supervisor, lup_gathering, lup_group, lup_group_member};
use crate::lup::domain::group::GroupStatus;

use super::audit_about;
use super::groups::find_group;

/// Records who was at a gathering: `(member id, present)` for members of the cohort's groups
/// (for an alumni gathering, of any completed group). The cohort's supervisors may record
/// too. A member marked again is overwritten, so the grid can be posted as a whole.
pub async fn record_attendance(
    db: &DatabaseConnection,
    actor: &Actor,
    gathering_id: i32,
    marks: &[(i32, bool)],
    now: OffsetDateTime,
) -> Result<usize, AppError> {
    let marks = crate::lup::domain::member::Marks(marks.to_vec());
    mark_attendance(db, actor, gathering_id, marks, now).await
}

/// [`record_attendance`] of marks read only once the caller may record them and the gathering
/// is there (the REST body: issue 26, 404 and 403 before 422).
pub async fn mark_attendance(
    db: &DatabaseConnection,
    actor: &Actor,
    gathering_id: i32,
    input: impl Input<Parsed = crate::lup::domain::member::Marks>,
    now: OffsetDateTime,
) -> Result<usize, AppError> {
    let gathering = lup_gathering::Entity::find_by_id(gathering_id)
        .one(db)
        .await?;
    let supervises = match (&gathering, actor.user_id()) {
        (Some(g), Some(user_id)) => {
            lup_cohort_supervisor::Entity::find_by_id((g.cohort_id, user_id))
                .one(db)
                .await?
                .is_some()
        }
        _ => false,
    };
    authorize(actor, LupAction::RecordAttendance { supervises })?;
    let gathering = gathering.ok_or(AppError::NotFound)?;
    let crate::lup::domain::member::Marks(marks) = input.parse().map_err(AppError::Invalid)?;
    let marks = marks.as_slice();
    if marks.len() > 2_000 {
        return Err(AppError::invalid("attendance", FieldError::TooMany));
    }
    let txn = crate::core::txn::begin_write(db).await?;
    let ids: Vec<i32> = marks.iter().map(|(id, _)| *id).collect();
    let members = lup_group_member::Entity::find()
        .filter(lup_group_member::Column::Id.is_in(ids.clone()))
        .all(&txn)
        .await?;
    let group_ids: Vec<i32> = members.iter().map(|m| m.group_id).collect();
    // Locked, in id order (so two writers never wait on each other crosswise): a completion
    // checks attendance under the same lock (issue 23).
    let groups = lup_group::Entity::find()
        .filter(lup_group::Column::Id.is_in(group_ids))
        .order_by_asc(lup_group::Column::Id)
        .lock_exclusive()
        .all(&txn)
        .await?;
    let allowed: HashSet<i32> = groups
        .iter()
        .filter(|g| {
            if gathering.alumni {
                matches!(g.group_status(), GroupStatus::Completed { .. })
            } else {
                g.cohort_id == gathering.cohort_id
            }
        })
        .map(|g| g.id)
        .collect();
    let known: HashSet<i32> = members
        .iter()
        .filter(|m| allowed.contains(&m.group_id))
        .map(|m| m.id)
        .collect();
    if let Some(stranger) = ids.iter().find(|id| !known.contains(id)) {
        let mut errors = crate::core::error::FieldErrors::new();
        errors.insert(format!("member_{stranger}"), FieldError::UnknownReference);
        return Err(AppError::Invalid(errors));
    }
    for (member_id, present) in marks {
        mark(&txn, gathering_id, *member_id, *present).await?;
    }
    let present = marks.iter().filter(|(_, p)| *p).count();
    let details = json!({ "marked": marks.len(), "present": present });
    let marked: HashSet<i32> = marks.iter().map(|(member, _)| *member).collect();
    let about: Vec<i32> = members
        .iter()
        .filter(|m| marked.contains(&m.id))
        .filter_map(|m| m.user_id)
        .collect();
    audit_about(
        &txn,
        actor,
        "lup.attendance_recorded",
        ("lup_gathering", gathering_id),
        &about,
        details,
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(marks.len())
}

/// Records a group's whole attendance grid: each gathering of its cohort held so far, times
/// each member; the `ticked` (gathering, member) cells present, the rest absent. A ticked cell
/// outside the grid is refused and nothing is written.
pub async fn record_group_grid(
    db: &DatabaseConnection,
    actor: &Actor,
    group_id: i32,
    ticked: &[(i32, i32)],
    now: OffsetDateTime,
) -> Result<usize, AppError> {
    let group = find_group(db, group_id).await?;
    let supervises = match actor.user_id() {
        Some(user_id) => lup_cohort_supervisor::Entity::find_by_id((group.cohort_id, user_id))
            .one(db)
            .await?
            .is_some(),
        None => false,
    };
    authorize(actor, LupAction::RecordAttendance { supervises })?;
    let today = oslo_date(now);
    let txn = crate::core::txn::begin_write(db).await?;
    // Takes turns with a status change, which checks attendance (issue 23).
    crate::core::txn::find_locked::<lup_group::Entity>(&txn, group_id).await?;
    let gatherings: Vec<i32> = lup_gathering::Entity::find()
        .filter(lup_gathering::Column::CohortId.eq(group.cohort_id))
        .filter(lup_gathering::Column::Alumni.eq(false))
        .filter(lup_gathering::Column::HeldOn.lte(today))
        .all(&txn)
        .await?
        .into_iter()
        .map(|g| g.id)
        .collect();
    let rows = lup_group_member::Entity::find()
        .filter(lup_group_member::Column::GroupId.eq(group_id))
        .all(&txn)
        .await?;
    let members: Vec<i32> = rows.iter().map(|m| m.id).collect();
    let about: Vec<i32> = rows.iter().filter_map(|m| m.user_id).collect();
    let ticked: HashSet<(i32, i32)> = ticked.iter().copied().collect();
    if ticked
        .iter()
        .any(|(g, m)| !gatherings.contains(g) || !members.contains(m))
    {
        return Err(AppError::invalid(
            "attendance",
            FieldError::UnknownReference,
        ));
    }
    let mut written = 0;
    for gathering_id in &gatherings {
        for member_id in &members {
            let present = ticked.contains(&(*gathering_id, *member_id));
            mark(&txn, *gathering_id, *member_id, present).await?;
            written += 1;
        }
    }
    let details = json!({ "cells": written, "present": ticked.len() });
    audit_about(
        &txn,
        actor,
        "lup.attendance_recorded",
        ("lup_group", group_id),
        &about,
        details,
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(written)
}

/// Writes one member's presence at one gathering, over a mark recorded before.
async fn mark(
    db: &impl ConnectionTrait,
    gathering_id: i32,
    member_id: i32,
    present: bool,
) -> Result<(), AppError> {
    lup_attendance::Entity::insert(lup_attendance::ActiveModel {
        gathering_id: Set(gathering_id),
        member_id: Set(member_id),
        present: Set(present),
    })
    .on_conflict(
        OnConflict::columns([
            lup_attendance::Column::GatheringId,
            lup_attendance::Column::MemberId,
        ])
        .update_column(lup_attendance::Column::Present)
        .to_owned(),
    )
    .exec_without_returning(db)
    .await?;
    Ok(())
}
