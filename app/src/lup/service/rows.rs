//! Leader groups as rows (cohort pages, the group list, the API): each with its site, sector,
//! status, member count and attendance rate, in a fixed number of grouped queries.

use std::collections::HashMap;

use sea_orm::sea_query::Expr;
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, FromQueryResult, JoinType, QueryFilter, QueryOrder,
    QuerySelect, RelationDef,
};
use time::Date;

use crate::core::error::AppError;
use crate::lup::entities::{lup_attendance, lup_gathering, lup_group, lup_group_member};
use crate::lup::domain::group::{GroupStatus, attendance_percent};
use crate::lup::domain::view::GroupRow;

use super::Organisation;

impl lup_group::Model {
    /// The stored status; a row the rules cannot read counts as enrolled, never as completed.
    pub(super) fn group_status(&self) -> GroupStatus {
        GroupStatus::from_stored(&self.status, self.status_on).unwrap_or(GroupStatus::Enrolled)
    }
}

#[derive(FromQueryResult)]
struct Count {
    id: i32,
    n: i64,
}

fn by_id(rows: Vec<Count>) -> HashMap<i32, u32> {
    rows.into_iter()
        .map(|r| (r.id, u32::try_from(r.n).unwrap_or(u32::MAX)))
        .collect()
}

/// Per cohort: its groups that have not withdrawn, and of those the completed ones.
pub(super) async fn group_counts(
    db: &impl ConnectionTrait,
    only: Option<i32>,
    sites: Option<&[i32]>,
) -> Result<HashMap<i32, (u32, u32)>, AppError> {
    #[derive(FromQueryResult)]
    struct ByStatus {
        cohort_id: i32,
        status: String,
        n: i64,
    }
    let mut query = lup_group::Entity::find()
        .select_only()
        .column(lup_group::Column::CohortId)
        .column(lup_group::Column::Status)
        .column_as(lup_group::Column::Id.count(), "n")
        .group_by(lup_group::Column::CohortId)
        .group_by(lup_group::Column::Status);
    if let Some(id) = only {
        query = query.filter(lup_group::Column::CohortId.eq(id));
    }
    if let Some(sites) = sites {
        query = query.filter(lup_group::Column::SiteId.is_in(sites.iter().copied()));
    }
    let mut counts: HashMap<i32, (u32, u32)> = HashMap::new();
    for row in query.into_model::<ByStatus>().all(db).await? {
        let n = u32::try_from(row.n).unwrap_or(u32::MAX);
        let entry = counts.entry(row.cohort_id).or_default();
        match row.status.as_str() {
            "withdrawn" => {}
            "completed" => {
                entry.0 += n;
                entry.1 += n;
            }
            _ => entry.0 += n,
        }
    }
    Ok(counts)
}

/// The groups (of one cohort, or all) at `sites` (all when `None`), by site name.
pub(super) async fn group_rows(
    db: &impl ConnectionTrait,
    org: &Organisation,
    cohort: Option<i32>,
    sites: Option<&[i32]>,
    today: Date,
) -> Result<Vec<GroupRow>, AppError> {
    let mut query = lup_group::Entity::find().order_by_asc(lup_group::Column::Id);
    if let Some(id) = cohort {
        query = query.filter(lup_group::Column::CohortId.eq(id));
    }
    if let Some(sites) = sites {
        query = query.filter(lup_group::Column::SiteId.is_in(sites.iter().copied()));
    }
    let groups = query.all(db).await?;
    let stats = attendance_stats(db, cohort, today).await?;
    let mut rows: Vec<GroupRow> = groups.iter().map(|g| group_row(g, org, &stats)).collect();
    rows.sort_by(|a, b| (&a.site.name, a.id).cmp(&(&b.site.name, b.id)));
    Ok(rows)
}

/// Members per group, gatherings held per cohort, and present marks per group.
pub(super) struct AttendanceStats {
    members: HashMap<i32, u32>,
    gatherings: HashMap<i32, u32>,
    present: HashMap<i32, u32>,
}

impl AttendanceStats {
    /// The group's (present, possible) member-gatherings.
    pub(super) fn of(&self, g: &lup_group::Model) -> (u32, u32) {
        let members = self.members.get(&g.id).copied().unwrap_or(0);
        let held = self.gatherings.get(&g.cohort_id).copied().unwrap_or(0);
        let present = self.present.get(&g.id).copied().unwrap_or(0);
        (present, members.saturating_mul(held))
    }
}

pub(super) fn group_row(
    g: &lup_group::Model,
    org: &Organisation,
    stats: &AttendanceStats,
) -> GroupRow {
    let members = stats.members.get(&g.id).copied().unwrap_or(0);
    GroupRow {
        id: g.id,
        cohort_id: g.cohort_id,
        site: org.site(g.site_id),
        sector: org.sector_of_site(g.site_id),
        status: g.group_status(),
        members,
        attendance_percent: attendance_percent(stats.of(g)),
    }
}

/// The counts behind each group's attendance rate: the cohort's own gatherings (not alumni
/// ones) held on or before `today`, times the group's members, against the present marks.
pub(super) async fn attendance_stats(
    db: &impl ConnectionTrait,
    cohort: Option<i32>,
    today: Date,
) -> Result<AttendanceStats, AppError> {
    let member_to_group: RelationDef = lup_group_member::Entity::belongs_to(lup_group::Entity)
        .from(lup_group_member::Column::GroupId)
        .to(lup_group::Column::Id)
        .into();
    let mut members = lup_group_member::Entity::find()
        .select_only()
        .column_as(lup_group_member::Column::GroupId, "id")
        .column_as(lup_group_member::Column::Id.count(), "n")
        .join(JoinType::InnerJoin, member_to_group)
        .group_by(lup_group_member::Column::GroupId);
    let mut gatherings = lup_gathering::Entity::find()
        .select_only()
        .column_as(lup_gathering::Column::CohortId, "id")
        .column_as(lup_gathering::Column::Id.count(), "n")
        .filter(lup_gathering::Column::Alumni.eq(false))
        .filter(lup_gathering::Column::HeldOn.lte(today))
        .group_by(lup_gathering::Column::CohortId);
    let to_member: RelationDef = lup_attendance::Entity::belongs_to(lup_group_member::Entity)
        .from(lup_attendance::Column::MemberId)
        .to(lup_group_member::Column::Id)
        .into();
    let to_gathering: RelationDef = lup_attendance::Entity::belongs_to(lup_gathering::Entity)
        .from(lup_attendance::Column::GatheringId)
        .to(lup_gathering::Column::Id)
        .into();
    let mut present = lup_attendance::Entity::find()
        .select_only()
        .column_as(lup_group_member::Column::GroupId, "id")
        .column_as(Expr::cust("COUNT(*)"), "n")
        .join(JoinType::InnerJoin, to_member)
        .join(JoinType::InnerJoin, to_gathering)
        .filter(lup_attendance::Column::Present.eq(true))
        .filter(lup_gathering::Column::Alumni.eq(false))
        .filter(lup_gathering::Column::HeldOn.lte(today))
        .group_by(lup_group_member::Column::GroupId);
    if let Some(id) = cohort {
        members = members.filter(lup_group::Column::CohortId.eq(id));
        gatherings = gatherings.filter(lup_gathering::Column::CohortId.eq(id));
        present = present.filter(lup_gathering::Column::CohortId.eq(id));
    }
    Ok(AttendanceStats {
        members: by_id(members.into_model::<Count>().all(db).await?),
        gatherings: by_id(gatherings.into_model::<Count>().all(db).await?),
        present: by_id(present.into_model::<Count>().all(db).await?),
    })
}
