//! The portfolio's tasks for a person (issue 30, `feature::tasks`): ideas waiting for an
//! assessment they may make, benefits they answer for that have not been measured in half a
//! year, and their projects still under way.

use std::collections::BTreeMap;

use sea_orm::{ColumnTrait, Condition, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use time::{Duration, OffsetDateTime};

use crate::auth::{Actor, authorize};
use crate::core::error::AppError;
use crate::feature::reminders::{MAX_PER_RUN, Reminder, ReminderKind};
use crate::feature::tasks::{MAX_PER_KIND, Task, TaskKind};
use crate::core::timefmt::oslo_date;
use crate::entities::service_site;
use crate::portfolio::domain::idea::IdeaStatus;
use crate::portfolio::domain::permission::PortfolioAction;
use crate::portfolio::entities::{benefit, idea, phase, project, project_member};

/// A benefit not measured for this long is due a measurement.
pub const MEASUREMENT_INTERVAL: Duration = Duration::days(182);

/// How many open ideas are weighed for one person's assessment tasks (the oldest first).
const IDEAS_WEIGHED: u64 = 500;

pub async fn my_tasks(
    db: &DatabaseConnection,
    actor: &Actor,
    now: OffsetDateTime,
) -> Result<Vec<Task>, AppError> {
    let Some(me) = actor.user_id() else {
        return Ok(Vec::new());
    };
    if authorize(actor, PortfolioAction::View).is_err() {
        return Ok(Vec::new());
    }
    let mut tasks = ideas_to_assess(db, actor, me).await?;
    tasks.extend(measurements_due(db, me, now).await?);
    tasks.extend(own_projects(db, me).await?);
    Ok(tasks)
}

async fn ideas_to_assess(db: &DatabaseConnection, actor: &Actor, me: i32) -> Result<Vec<Task>, AppError> {
    let open = idea::Entity::find()
        .filter(idea::Column::Status.is_in([
            IdeaStatus::Submitted.as_str(),
            IdeaStatus::UnderAssessment.as_str(),
        ]))
        .filter(idea::Column::SubmittedBy.ne(me))
        .order_by_asc(idea::Column::CreatedAt)
        .limit(IDEAS_WEIGHED)
        .all(db)
        .await?;
    let sectors: BTreeMap<i32, i32> = service_site::Entity::find()
        .filter(service_site::Column::Id.is_in(open.iter().filter_map(|i| i.site_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|s| (s.id, s.sector_id))
        .collect();
    Ok(open
        .into_iter()
        .filter(|i| {
            let action = PortfolioAction::AssessIdea {
                sector_id: i.site_id.and_then(|s| sectors.get(&s).copied()),
                site_id: i.site_id,
            };
            authorize(actor, action).is_ok()
        })
        .take(usize::try_from(MAX_PER_KIND).unwrap_or(usize::MAX))
        .map(|i| Task {
            kind: TaskKind::AssessIdea,
            title: i.title,
            href: format!("/ideer/{}", i.id),
            due: None,
        })
        .collect())
}

/// Projects not stopped, for the measurements and the project list.
async fn stopped_phases(db: &DatabaseConnection) -> Result<Vec<i32>, AppError> {
    Ok(phase::Entity::find()
        .filter(phase::Column::Stops.eq(true))
        .all(db)
        .await?
        .into_iter()
        .map(|p| p.id)
        .collect())
}

async fn measurements_due(
    db: &DatabaseConnection,
    me: i32,
    now: OffsetDateTime,
) -> Result<Vec<Task>, AppError> {
    let since = oslo_date(now - MEASUREMENT_INTERVAL);
    let due = benefit::Entity::find()
        .filter(benefit::Column::ResponsibleUserId.eq(me))
        .filter(
            Condition::any()
                .add(benefit::Column::LatestOn.is_null())
                .add(benefit::Column::LatestOn.lt(since)),
        )
        .order_by_asc(benefit::Column::LatestOn)
        .order_by_asc(benefit::Column::Id)
        .all(db)
        .await?;
    if due.is_empty() {
        return Ok(Vec::new());
    }
    let running = running_projects(db, &due).await?;
    Ok(due
        .into_iter()
        .filter_map(|b| Some((running.get(&b.project_id)?.clone(), b)))
        .take(usize::try_from(MAX_PER_KIND).unwrap_or(usize::MAX))
        .map(|(project, b)| Task {
            kind: TaskKind::MeasureBenefit,
            title: format!("{} ({project})", b.description),
            href: format!("/prosjekter/{}/endre/gevinster", b.project_id),
            due: None,
        })
        .collect())
}

/// The names of the projects of `benefits` still under way, by id: a benefit is named with
/// its project (two projects may both free "hours a year").
async fn running_projects(
    db: &DatabaseConnection,
    benefits: &[benefit::Model],
) -> Result<BTreeMap<i32, String>, AppError> {
    let stopped = stopped_phases(db).await?;
    Ok(project::Entity::find()
        .select_only()
        .column(project::Column::Id)
        .column(project::Column::Name)
        .filter(project::Column::Id.is_in(benefits.iter().map(|b| b.project_id)))
        .filter(project::Column::PhaseId.is_not_in(stopped))
        .into_tuple::<(i32, String)>()
        .all(db)
        .await?
        .into_iter()
        .collect())
}

async fn own_projects(db: &DatabaseConnection, me: i32) -> Result<Vec<Task>, AppError> {
    let member_of: Vec<i32> = project_member::Entity::find()
        .filter(project_member::Column::UserId.eq(me))
        .all(db)
        .await?
        .into_iter()
        .map(|m| m.project_id)
        .collect();
    let stopped = stopped_phases(db).await?;
    Ok(project::Entity::find()
        .filter(
            Condition::any()
                .add(project::Column::OwnerId.eq(me))
                .add(project::Column::Id.is_in(member_of)),
        )
        .filter(project::Column::PhaseId.is_not_in(stopped))
        .order_by_desc(project::Column::UpdatedAt)
        .limit(MAX_PER_KIND)
        .all(db)
        .await?
        .into_iter()
        .map(|p| Task {
            kind: TaskKind::OwnProject,
            title: p.name,
            href: format!("/prosjekter/{}", p.id),
            due: None,
        })
        .collect())
}

/// The portfolio's scheduled reminders (`feature::reminders`): each benefit with a person
/// answering for it, in a project under way, not measured for [`MEASUREMENT_INTERVAL`] (or
/// never, counted from when it was planned), once per measurement: its key holds the date of
/// the latest one.
pub async fn reminders(
    db: &DatabaseConnection,
    now: OffsetDateTime,
) -> Result<Vec<Reminder>, AppError> {
    use sea_orm::sea_query::{Expr, Query};
    let since = oslo_date(now - MEASUREMENT_INTERVAL);
    let stopped = stopped_phases(db).await?;
    let due = benefit::Entity::find()
        .filter(
            Condition::any()
                .add(
                    Condition::all()
                        .add(benefit::Column::LatestOn.is_null())
                        .add(benefit::Column::CreatedAt.lt(now - MEASUREMENT_INTERVAL)),
                )
                .add(benefit::Column::LatestOn.lt(since)),
        )
        // In SQL, before the limit, so that the run's thousand are all still to remind: a
        // benefit of a stopped project, or one reminded of already (its key written), would
        // otherwise stay first in line for good and keep the others out.
        .filter(
            benefit::Column::ProjectId.in_subquery(
                Query::select()
                    .column(project::Column::Id)
                    .from(project::Entity)
                    .and_where(project::Column::PhaseId.is_not_in(stopped))
                    .to_owned(),
            ),
        )
        .filter(Expr::cust(
            "NOT EXISTS (SELECT 1 FROM notifications WHERE notifications.reminder_key = \
             'measurement:' || CAST(benefits.id AS TEXT) || ':' || \
             COALESCE(CAST(benefits.latest_on AS TEXT), 'none'))",
        ))
        .order_by_asc(benefit::Column::Id)
        .limit(MAX_PER_RUN)
        .all(db)
        .await?;
    if due.is_empty() {
        return Ok(Vec::new());
    }
    let running = running_projects(db, &due).await?;
    Ok(due
        .into_iter()
        .filter_map(|b| {
            let project = running.get(&b.project_id)?;
            let measured = b.latest_on.map_or_else(|| "none".to_owned(), |d| d.to_string());
            Some(Reminder {
                user_id: b.responsible_user_id,
                kind: ReminderKind::MeasurementDue,
                key: format!("measurement:{}:{measured}", b.id),
                subject: format!("{} ({project})", b.description),
                detail: String::new(),
                link: format!("/prosjekter/{}/endre/gevinster", b.project_id),
            })
        })
        .collect())
}
