//! Leader groups (DESIGN §5): enrolled per service site in a cohort, with members,
//! attendance per gathering, and a status that ends in completed or withdrawn.

use crate::lup::domain::permission::LupAction;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait,
    PaginatorTrait, QueryFilter, QueryOrder, Set,
};
use serde_json::json;
use time::OffsetDateTime;

use crate::auth::{Actor, authorize};
use crate::core::error::{AppError, FieldError};
use crate::core::parse::{Input, parse_optional_id};
use crate::core::timefmt::oslo_date;
use crate::lup::entities::{lup_attendance, lup_cohort, lup_gathering, lup_group, lup_group_member};
use crate::entities::service_site;
use crate::lup::domain::group::{ChangeContext, GroupStatus, StatusChange, change_status};
use crate::lup::domain::member::{MAX_MEMBERS, MemberRole, NewMember};
use crate::lup::domain::view::{GatheringView, GroupRow, GroupView, MemberView, Named, Presence};
use crate::org::domain::{SiteState, site_state_on};

use super::{Reader, audit, audit_about, rows, user_names};

/// Enrols a service site's leader group in a cohort: an open site, once per cohort, while
/// the cohort has room.
pub async fn enrol_group(
    db: &DatabaseConnection,
    actor: &Actor,
    cohort_id: &str,
    site_id: &str,
    now: OffsetDateTime,
) -> Result<i32, AppError> {
    let text = crate::lup::domain::group::EnrolmentText {
        cohort_id: cohort_id.to_owned(),
        site_id: site_id.to_owned(),
    };
    enrol(db, actor, text, now).await
}

/// [`enrol_group`] of an enrolment read only once the caller may manage LUP (the REST body:
/// issue 26, 401 and 403 before 422).
pub async fn enrol(
    db: &DatabaseConnection,
    actor: &Actor,
    input: impl Input<Parsed = crate::lup::domain::group::EnrolmentText>,
    now: OffsetDateTime,
) -> Result<i32, AppError> {
    authorize(actor, LupAction::Manage)?;
    let text = input.parse().map_err(AppError::Invalid)?;
    let mut errors = crate::core::error::FieldErrors::new();
    let cohort_id =
        required_id(&text.cohort_id).map_err(|e| errors.insert("cohort_id".into(), e));
    let site_id = required_id(&text.site_id).map_err(|e| errors.insert("site_id".into(), e));
    let (Ok(cohort_id), Ok(site_id)) = (cohort_id, site_id) else {
        return Err(AppError::Invalid(errors));
    };
    let txn = crate::core::txn::begin_write(db).await?;
    // Enrolments into one cohort take turns, so its capacity holds (issue 23).
    let cohort = crate::core::txn::find_locked::<lup_cohort::Entity>(&txn, cohort_id)
        .await?
        .ok_or_else(|| AppError::invalid("cohort_id", FieldError::UnknownReference))?;
    let site = service_site::Entity::find_by_id(site_id)
        .one(&txn)
        .await?
        .ok_or_else(|| AppError::invalid("site_id", FieldError::UnknownReference))?;
    // A site that has closed, or has not opened yet, has no leaders to enrol (DESIGN §3).
    match site_state_on(site.active_from, site.closed_on, oslo_date(now)) {
        SiteState::Active => {}
        SiteState::NotOpen => return Err(AppError::invalid("site_id", FieldError::SiteNotOpen)),
        SiteState::Closed => return Err(AppError::invalid("site_id", FieldError::SiteClosed)),
    }
    let twin = lup_group::Entity::find()
        .filter(lup_group::Column::CohortId.eq(cohort_id))
        .filter(lup_group::Column::SiteId.eq(site_id))
        .one(&txn)
        .await?;
    if twin.is_some() {
        return Err(AppError::conflict("site_id", FieldError::Taken));
    }
    let enrolled = lup_group::Entity::find()
        .filter(lup_group::Column::CohortId.eq(cohort_id))
        .filter(lup_group::Column::Status.ne("withdrawn"))
        .count(&txn)
        .await?;
    if enrolled >= u64::try_from(cohort.capacity).unwrap_or(0) {
        return Err(AppError::conflict("cohort_id", FieldError::CohortFull));
    }
    let created = lup_group::ActiveModel {
        cohort_id: Set(cohort_id),
        site_id: Set(site_id),
        status: Set(GroupStatus::Enrolled.as_str().to_owned()),
        status_on: Set(None),
        withdrawn_reason: Set(None),
        project_id: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let details = json!({ "cohort_id": cohort_id, "site_id": site_id });
    audit(
        &txn,
        actor,
        "lup.group_enrolled",
        ("lup_group", created.id),
        details,
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(created.id)
}

fn required_id(raw: &str) -> Result<i32, FieldError> {
    parse_optional_id(raw)?.ok_or(FieldError::Required)
}

/// Every group (of one cohort, or all), by site name.
pub async fn list_groups(
    db: &DatabaseConnection,
    actor: &Actor,
    cohort_id: Option<i32>,
    now: OffsetDateTime,
) -> Result<Vec<GroupRow>, AppError> {
    let reader = Reader::of(db, actor).await?;
    let sites = reader.site_ids();
    rows::group_rows(db, &reader.org, cohort_id, sites.as_deref(), oslo_date(now)).await
}

pub(super) async fn find_group(
    db: &impl ConnectionTrait,
    group_id: i32,
) -> Result<lup_group::Model, AppError> {
    lup_group::Entity::find_by_id(group_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)
}

/// The group, locked for a change: its members and status change one writer at a time.
async fn find_group_locked(
    txn: &impl ConnectionTrait,
    group_id: i32,
) -> Result<lup_group::Model, AppError> {
    crate::core::txn::find_locked::<lup_group::Entity>(txn, group_id)
        .await?
        .ok_or(AppError::NotFound)
}

/// One group whole: its members, its cohort's gatherings and the attendance at each.
pub async fn get_group(
    db: &DatabaseConnection,
    actor: &Actor,
    group_id: i32,
    now: OffsetDateTime,
) -> Result<GroupView, AppError> {
    group_for(db, &Reader::of(db, actor).await?, group_id, now).await
}

pub(super) async fn group_for(
    db: &DatabaseConnection,
    reader: &Reader,
    group_id: i32,
    now: OffsetDateTime,
) -> Result<GroupView, AppError> {
    let group = find_group(db, group_id).await?;
    if !reader.sees_site(group.site_id) {
        return Err(AppError::Forbidden);
    }
    let cohort = lup_cohort::Entity::find_by_id(group.cohort_id)
        .one(db)
        .await?
        .ok_or(AppError::Internal)?;
    let members = lup_group_member::Entity::find()
        .filter(lup_group_member::Column::GroupId.eq(group_id))
        .order_by_asc(lup_group_member::Column::Id)
        .all(db)
        .await?;
    let names = user_names(db, members.iter().filter_map(|m| m.user_id)).await?;
    let gatherings: Vec<GatheringView> = lup_gathering::Entity::find()
        .filter(lup_gathering::Column::CohortId.eq(group.cohort_id))
        .filter(lup_gathering::Column::Alumni.eq(false))
        .order_by_asc(lup_gathering::Column::HeldOn)
        .order_by_asc(lup_gathering::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(GatheringView::from)
        .collect();
    let member_ids: Vec<i32> = members.iter().map(|m| m.id).collect();
    let attendance = lup_attendance::Entity::find()
        .filter(lup_attendance::Column::MemberId.is_in(member_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|a| Presence {
            gathering_id: a.gathering_id,
            member_id: a.member_id,
            present: a.present,
        })
        .collect();
    let project = match group.project_id {
        Some(id) => crate::portfolio::read::project_brief(db, id)
            .await?
            .map(|p| Named { id, name: p.name }),
        None => None,
    };
    let stats = rows::attendance_stats(db, Some(group.cohort_id), oslo_date(now)).await?;
    let row = rows::group_row(&group, &reader.org, &stats);
    let members = members
        .into_iter()
        .map(|m| MemberView {
            id: m.id,
            user: m.user_id.map(|id| Named::looked_up(&names, id)),
            guest_name: m.guest_name,
            guest_organisation: m.guest_organisation,
            role: MemberRole::parse(&m.role).unwrap_or(MemberRole::Guest),
        })
        .collect();
    Ok(GroupView {
        row,
        cohort: Named {
            id: cohort.id,
            name: cohort.name,
        },
        cohort_starts_on: cohort.starts_on,
        withdrawn_reason: group.withdrawn_reason,
        project,
        members,
        gatherings,
        attendance,
    })
}

/// Adds a member: a user whose home is the group's site (leader or enthusiast), or an
/// outside guest.
pub async fn add_group_member(
    db: &DatabaseConnection,
    actor: &Actor,
    group_id: i32,
    input: impl Input<Parsed = NewMember>,
    now: OffsetDateTime,
) -> Result<i32, AppError> {
    authorize(actor, LupAction::Manage)?;
    let txn = crate::core::txn::begin_write(db).await?;
    let group = find_group_locked(&txn, group_id).await?;
    // The caller and the group first, then the body (issue 26: 404 before 422).
    let new = input.parse().map_err(AppError::Invalid)?;
    if matches!(group.group_status(), GroupStatus::Withdrawn { .. }) {
        return Err(AppError::invalid("role", FieldError::IllegalTransition));
    }
    let count = lup_group_member::Entity::find()
        .filter(lup_group_member::Column::GroupId.eq(group_id))
        .count(&txn)
        .await?;
    if count >= MAX_MEMBERS {
        return Err(AppError::invalid("role", FieldError::TooMany));
    }
    let row = match new {
        NewMember::Staff { person, role } => {
            let person = crate::core::people::active_user(&txn, &person, "email").await?;
            // DESIGN §5: leaders and enthusiasts from the same service site.
            if person.home_site_id != Some(group.site_id) {
                return Err(AppError::invalid("email", FieldError::OtherSite));
            }
            let already = lup_group_member::Entity::find()
                .filter(lup_group_member::Column::GroupId.eq(group_id))
                .filter(lup_group_member::Column::UserId.eq(person.id))
                .one(&txn)
                .await?;
            if already.is_some() {
                return Err(AppError::conflict("email", FieldError::Taken));
            }
            lup_group_member::ActiveModel {
                group_id: Set(group_id),
                user_id: Set(Some(person.id)),
                guest_name: Set(None),
                guest_organisation: Set(None),
                role: Set(role.as_str().to_owned()),
                ..Default::default()
            }
        }
        NewMember::Guest { name, organisation } => lup_group_member::ActiveModel {
            group_id: Set(group_id),
            user_id: Set(None),
            guest_name: Set(Some(name)),
            guest_organisation: Set(Some(organisation)),
            role: Set(MemberRole::Guest.as_str().to_owned()),
            ..Default::default()
        },
    };
    let created = row.insert(&txn).await?;
    let details = json!({ "member_id": created.id, "role": created.role });
    audit_about(
        &txn,
        actor,
        "lup.member_added",
        ("lup_group", group_id),
        &created.user_id.into_iter().collect::<Vec<_>>(),
        details,
        now,
    )
    .await?;
    touch(&txn, group_id, now).await?;
    txn.commit().await?;
    Ok(created.id)
}

async fn touch(
    db: &impl ConnectionTrait,
    group_id: i32,
    now: OffsetDateTime,
) -> Result<(), AppError> {
    lup_group::ActiveModel {
        id: Set(group_id),
        updated_at: Set(now),
        ..Default::default()
    }
    .update(db)
    .await?;
    Ok(())
}

/// Changes a group's status (in progress, completed on a date, withdrawn on a date with a
/// reason) by the rules of `lup::domain::group`; a completion may link the group's
/// development task to a portfolio project.
pub async fn change_group_status(
    db: &DatabaseConnection,
    actor: &Actor,
    group_id: i32,
    (status, date, reason): (&str, &str, &str),
    project_id: Option<i32>,
    now: OffsetDateTime,
) -> Result<GroupStatus, AppError> {
    let text = crate::lup::domain::group::StatusText {
        status: status.to_owned(),
        date: date.to_owned(),
        reason: reason.to_owned(),
        project_id,
    };
    set_group_status(db, actor, group_id, text, now).await
}

/// [`change_group_status`] of a change read only once the caller may manage LUP and the group
/// is there (the REST body: issue 26, 404 and 403 before 422).
pub async fn set_group_status(
    db: &DatabaseConnection,
    actor: &Actor,
    group_id: i32,
    input: impl Input<Parsed = crate::lup::domain::group::StatusText>,
    now: OffsetDateTime,
) -> Result<GroupStatus, AppError> {
    authorize(actor, LupAction::Manage)?;
    let txn = crate::core::txn::begin_write(db).await?;
    let group = find_group_locked(&txn, group_id).await?;
    let text = input.parse().map_err(AppError::Invalid)?;
    let project_id = text.project_id;
    let change =
        StatusChange::parse(&text.status, &text.date, &text.reason).map_err(AppError::Invalid)?;
    let cohort = lup_cohort::Entity::find_by_id(group.cohort_id)
        .one(&txn)
        .await?
        .ok_or(AppError::Internal)?;
    let site = service_site::Entity::find_by_id(group.site_id)
        .one(&txn)
        .await?
        .ok_or(AppError::Internal)?;
    let today = oslo_date(now);
    let stats = rows::attendance_stats(&txn, Some(group.cohort_id), today).await?;
    let ctx = ChangeContext {
        today,
        cohort_starts_on: cohort.starts_on,
        site_active_from: site.active_from,
        site_closed_on: site.closed_on,
        min_attendance_percent: cohort
            .min_attendance_percent
            .and_then(|p| u8::try_from(p).ok()),
        attendance: stats.of(&group),
    };
    let next = change_status(group.group_status(), &change, &ctx)
        .map_err(|(field, error)| AppError::invalid(field, error))?;
    if let Some(id) = project_id {
        if !matches!(next, GroupStatus::Completed { .. }) {
            return Err(AppError::invalid(
                "project_id",
                FieldError::IllegalTransition,
            ));
        }
        if crate::portfolio::read::project_brief(&txn, id)
            .await?
            .is_none()
        {
            return Err(AppError::invalid(
                "project_id",
                FieldError::UnknownReference,
            ));
        }
    }
    let reason = match &change {
        StatusChange::Withdrawn { reason, .. } => Some(reason.clone()),
        _ => None,
    };
    let from = group.status.clone();
    let mut active: lup_group::ActiveModel = group.into();
    active.status = Set(next.as_str().to_owned());
    active.status_on = Set(next.date());
    active.withdrawn_reason = Set(reason);
    if project_id.is_some() {
        active.project_id = Set(project_id);
    }
    active.updated_at = Set(now);
    active.update(&txn).await?;
    let details = json!({
        "from": from,
        "to": next.as_str(),
        "on": next.date().map(|d| d.to_string()),
        "project_id": project_id,
    });
    // The group's completion or withdrawal concerns each of its members.
    let members: Vec<i32> = lup_group_member::Entity::find()
        .filter(lup_group_member::Column::GroupId.eq(group_id))
        .all(&txn)
        .await?
        .into_iter()
        .filter_map(|m| m.user_id)
        .collect();
    audit_about(
        &txn,
        actor,
        "lup.group_status_changed",
        ("lup_group", group_id),
        &members,
        details,
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(next)
}
