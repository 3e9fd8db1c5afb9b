//! DESIGN §9 (GDPR): LUP's part of a user's own data: the leader groups they are members of
//! (with the group's site, cohort and status), their attendance at each gathering, the
//! cohorts they supervise and the coverage targets they set. Called by `registry::export_own_data`, which has checked that the
//! user asks for their own data.

use std::collections::HashMap;

use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use serde_json::json;

use crate::core::error::AppError;
use crate::lup::entities::{lup_attendance, lup_cohort, lup_cohort_supervisor, lup_gathering, lup_group, lup_group_member, lup_target};
use crate::entities::service_site;

pub async fn own_data_section(
    db: &impl ConnectionTrait,
    user_id: i32,
) -> Result<serde_json::Value, AppError> {
    let memberships = lup_group_member::Entity::find()
        .filter(lup_group_member::Column::UserId.eq(user_id))
        .order_by_asc(lup_group_member::Column::Id)
        .all(db)
        .await?;
    let group_ids: Vec<i32> = memberships.iter().map(|m| m.group_id).collect();
    let groups: HashMap<i32, lup_group::Model> = lup_group::Entity::find()
        .filter(lup_group::Column::Id.is_in(group_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|g| (g.id, g))
        .collect();
    let supervised: Vec<i32> = lup_cohort_supervisor::Entity::find()
        .filter(lup_cohort_supervisor::Column::UserId.eq(user_id))
        .order_by_asc(lup_cohort_supervisor::Column::CohortId)
        .all(db)
        .await?
        .into_iter()
        .map(|s| s.cohort_id)
        .collect();
    let cohort_ids: Vec<i32> = groups
        .values()
        .map(|g| g.cohort_id)
        .chain(supervised.iter().copied())
        .collect();
    let cohorts: HashMap<i32, String> = lup_cohort::Entity::find()
        .filter(lup_cohort::Column::Id.is_in(cohort_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|c| (c.id, c.name))
        .collect();
    let site_ids: Vec<i32> = groups.values().map(|g| g.site_id).collect();
    let sites: HashMap<i32, String> = service_site::Entity::find()
        .filter(service_site::Column::Id.is_in(site_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|s| (s.id, s.name))
        .collect();
    let member_ids: Vec<i32> = memberships.iter().map(|m| m.id).collect();
    let attendance = lup_attendance::Entity::find()
        .filter(lup_attendance::Column::MemberId.is_in(member_ids))
        .all(db)
        .await?;
    let gathering_ids: Vec<i32> = attendance.iter().map(|a| a.gathering_id).collect();
    let gatherings: HashMap<i32, lup_gathering::Model> = lup_gathering::Entity::find()
        .filter(lup_gathering::Column::Id.is_in(gathering_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|g| (g.id, g))
        .collect();
    let group_of_member: HashMap<i32, i32> =
        memberships.iter().map(|m| (m.id, m.group_id)).collect();
    let mut attended: Vec<serde_json::Value> = attendance
        .iter()
        .filter_map(|a| {
            let gathering = gatherings.get(&a.gathering_id)?;
            Some(json!({
                "group_id": group_of_member.get(&a.member_id),
                "held_on": gathering.held_on.to_string(),
                "theme": gathering.theme,
                "present": a.present,
            }))
        })
        .collect();
    attended.sort_by(|a, b| a["held_on"].as_str().cmp(&b["held_on"].as_str()));
    let name = |map: &HashMap<i32, String>, id: i32| map.get(&id).cloned().unwrap_or_default();
    let targets = lup_target::Entity::find()
        .filter(lup_target::Column::CreatedBy.eq(user_id))
        .order_by_asc(lup_target::Column::Id)
        .all(db)
        .await?;
    Ok(json!({
        "group_memberships": memberships.iter().filter_map(|m| {
            let group = groups.get(&m.group_id)?;
            Some(json!({
                "group_id": group.id,
                "site": name(&sites, group.site_id),
                "cohort": name(&cohorts, group.cohort_id),
                "group_status": group.status,
                "role": m.role,
            }))
        }).collect::<Vec<_>>(),
        "attendance": attended,
        "supervised_cohorts": supervised.iter().map(|id| json!({
            "cohort_id": id,
            "name": name(&cohorts, *id),
        })).collect::<Vec<_>>(),
        "targets_set": targets.iter().map(|t| json!({
            "kind": t.kind,
            "value": t.value,
            "sector_id": t.sector_id,
            "due_on": t.due_on.to_string(),
            "created_at": crate::core::timefmt::rfc3339(t.created_at),
        })).collect::<Vec<_>>(),
    }))
}
