//! Cohorts and their gatherings (DESIGN §5): LUP coordinators create them; those who follow
//! LUP read them.

use crate::lup::domain::permission::LupAction;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, Set,
};
use serde_json::json;
use time::OffsetDateTime;

use crate::auth::{Actor, authorize};
use crate::core::error::{AppError, FieldError};
use crate::core::parse::{Input, name_key};
use crate::core::timefmt::oslo_date;
use crate::lup::entities::{lup_cohort, lup_cohort_supervisor, lup_gathering};
use crate::lup::domain::cohort::{NewCohort, NewGathering, gathering_fits};
use crate::lup::domain::view::{CohortRow, CohortView, GatheringView, Named};

use super::{Reader, audit, audit_about, rows, user_names};

impl From<lup_gathering::Model> for GatheringView {
    fn from(g: lup_gathering::Model) -> Self {
        Self {
            id: g.id,
            cohort_id: g.cohort_id,
            held_on: g.held_on,
            theme: g.theme,
            place: g.place,
            alumni: g.alumni,
        }
    }
}

/// Creates a cohort with its supervisors (active users, by name or e-mail address).
pub async fn create_cohort(
    db: &DatabaseConnection,
    actor: &Actor,
    input: impl Input<Parsed = NewCohort>,
    now: OffsetDateTime,
) -> Result<i32, AppError> {
    authorize(actor, LupAction::Manage)?;
    let new = input.parse().map_err(AppError::Invalid)?;
    let txn = crate::core::txn::begin_write(db).await?;
    crate::core::txn::take_turn(&txn, crate::core::txn::Turn::Names).await?;
    let key = name_key(&new.name);
    let taken = lup_cohort::Entity::find()
        .all(&txn)
        .await?
        .iter()
        .any(|c| name_key(&c.name) == key);
    if taken {
        return Err(AppError::conflict("name", FieldError::Taken));
    }
    let supervisors =
        crate::core::people::active_user_ids(&txn, &new.supervisors, "supervisors").await?;
    let created = lup_cohort::ActiveModel {
        name: Set(new.name),
        starts_on: Set(new.starts_on),
        ends_on: Set(new.ends_on),
        capacity: Set(i32::from(new.capacity)),
        min_attendance_percent: Set(new.min_attendance_percent.map(i16::from)),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    if !supervisors.is_empty() {
        lup_cohort_supervisor::Entity::insert_many(supervisors.iter().map(|&user_id| {
            lup_cohort_supervisor::ActiveModel {
                cohort_id: Set(created.id),
                user_id: Set(user_id),
            }
        }))
        .exec(&txn)
        .await?;
    }
    let details = json!({ "name": created.name, "supervisors": supervisors });
    audit_about(
        &txn,
        actor,
        "lup.cohort_created",
        ("lup_cohort", created.id),
        &supervisors,
        details,
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(created.id)
}

/// Every cohort, newest first, with how many groups it has and how many completed.
pub async fn list_cohorts(
    db: &DatabaseConnection,
    actor: &Actor,
) -> Result<Vec<CohortRow>, AppError> {
    cohorts_for(db, &Reader::of(db, actor).await?).await
}

pub(super) async fn cohorts_for(
    db: &DatabaseConnection,
    reader: &Reader,
) -> Result<Vec<CohortRow>, AppError> {
    let cohorts = lup_cohort::Entity::find()
        .order_by_desc(lup_cohort::Column::StartsOn)
        .order_by_desc(lup_cohort::Column::Id)
        .all(db)
        .await?;
    let counts = rows::group_counts(db, None, reader.site_ids().as_deref()).await?;
    Ok(cohorts
        .into_iter()
        .map(|c| {
            let (groups, completed) = counts.get(&c.id).copied().unwrap_or_default();
            cohort_row(c, groups, completed)
        })
        .collect())
}

fn cohort_row(c: lup_cohort::Model, groups: u32, completed: u32) -> CohortRow {
    CohortRow {
        id: c.id,
        name: c.name,
        starts_on: c.starts_on,
        ends_on: c.ends_on,
        capacity: u32::try_from(c.capacity).unwrap_or(0),
        min_attendance_percent: c.min_attendance_percent.and_then(|p| u8::try_from(p).ok()),
        groups,
        completed_groups: completed,
    }
}

/// One cohort with its supervisors, gatherings and groups.
pub async fn get_cohort(
    db: &DatabaseConnection,
    actor: &Actor,
    cohort_id: i32,
    now: OffsetDateTime,
) -> Result<CohortView, AppError> {
    cohort_for(db, &Reader::of(db, actor).await?, cohort_id, now).await
}

pub(super) async fn cohort_for(
    db: &DatabaseConnection,
    reader: &Reader,
    cohort_id: i32,
    now: OffsetDateTime,
) -> Result<CohortView, AppError> {
    let cohort = lup_cohort::Entity::find_by_id(cohort_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let supervisor_ids: Vec<i32> = lup_cohort_supervisor::Entity::find()
        .filter(lup_cohort_supervisor::Column::CohortId.eq(cohort_id))
        .all(db)
        .await?
        .into_iter()
        .map(|s| s.user_id)
        .collect();
    let names = user_names(db, supervisor_ids.iter().copied()).await?;
    let mut supervisors: Vec<Named> = supervisor_ids
        .into_iter()
        .map(|id| Named::looked_up(&names, id))
        .collect();
    supervisors.sort_by(|a, b| a.name.cmp(&b.name));
    let gatherings = gatherings_of(db, cohort_id).await?;
    // The cohort is the whole organisation's; its groups are shown as far as the reader sees.
    let sites = reader.site_ids();
    let groups = rows::group_rows(
        db,
        &reader.org,
        Some(cohort_id),
        sites.as_deref(),
        oslo_date(now),
    )
    .await?;
    let counts = rows::group_counts(db, Some(cohort_id), sites.as_deref()).await?;
    let (active, completed) = counts.get(&cohort_id).copied().unwrap_or_default();
    Ok(CohortView {
        row: cohort_row(cohort, active, completed),
        supervisors,
        gatherings,
        groups,
    })
}

async fn gatherings_of(
    db: &DatabaseConnection,
    cohort_id: i32,
) -> Result<Vec<GatheringView>, AppError> {
    Ok(lup_gathering::Entity::find()
        .filter(lup_gathering::Column::CohortId.eq(cohort_id))
        .order_by_asc(lup_gathering::Column::HeldOn)
        .order_by_asc(lup_gathering::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(GatheringView::from)
        .collect())
}

/// A cohort's gatherings in date order.
pub async fn list_gatherings(
    db: &DatabaseConnection,
    actor: &Actor,
    cohort_id: i32,
) -> Result<Vec<GatheringView>, AppError> {
    authorize(actor, LupAction::View)?;
    lup_cohort::Entity::find_by_id(cohort_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    gatherings_of(db, cohort_id).await
}

/// Adds a gathering to a cohort: within its dates, or, for an alumni gathering, after it
/// starts.
pub async fn add_gathering(
    db: &DatabaseConnection,
    actor: &Actor,
    cohort_id: i32,
    input: impl Input<Parsed = NewGathering>,
    now: OffsetDateTime,
) -> Result<GatheringView, AppError> {
    authorize(actor, LupAction::Manage)?;
    let txn = crate::core::txn::begin_write(db).await?;
    let cohort = lup_cohort::Entity::find_by_id(cohort_id)
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    // The caller and the cohort first, then the body (issue 26: 404 before 422).
    let new = input.parse().map_err(AppError::Invalid)?;
    if !gathering_fits(&new, cohort.starts_on, cohort.ends_on) {
        return Err(AppError::invalid("held_on", FieldError::OutsideCohort));
    }
    let created = lup_gathering::ActiveModel {
        cohort_id: Set(cohort_id),
        held_on: Set(new.held_on),
        theme: Set(new.theme),
        place: Set(new.place),
        alumni: Set(new.alumni),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let details = json!({ "cohort_id": cohort_id, "held_on": created.held_on.to_string() });
    audit(
        &txn,
        actor,
        "lup.gathering_added",
        ("lup_gathering", created.id),
        details,
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(created.into())
}
