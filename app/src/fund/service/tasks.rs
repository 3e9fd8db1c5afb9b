//! The fund's tasks for a person (issue 30, `feature::tasks`): applications a reviewer has yet
//! to review while the call is undecided, and reports their grants owe within a month (or
//! already overdue).

use std::collections::BTreeSet;

use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use time::{Duration, OffsetDateTime};

use crate::auth::Actor;
use crate::core::error::AppError;
use crate::feature::tasks::{MAX_PER_KIND, Task, TaskKind};
use crate::core::timefmt::{date_nb, oslo_date};
use crate::feature::reminders::{MAX_PER_RUN, Reminder, ReminderKind};
use crate::fund::entities::{
    fund_application, fund_call, fund_call_reviewer, fund_report, fund_review, fund_team_member,
};

/// How far ahead a report due shows as a task.
const REPORT_NOTICE: Duration = Duration::days(30);

pub async fn my_tasks(
    db: &DatabaseConnection,
    actor: &Actor,
    now: OffsetDateTime,
) -> Result<Vec<Task>, AppError> {
    let Some(me) = actor.user_id() else {
        return Ok(Vec::new());
    };
    let mut tasks = reviews_to_do(db, me).await?;
    tasks.extend(reports_due(db, me, now).await?);
    Ok(tasks)
}

async fn reviews_to_do(db: &DatabaseConnection, me: i32) -> Result<Vec<Task>, AppError> {
    let calls: Vec<i32> = fund_call_reviewer::Entity::find()
        .filter(fund_call_reviewer::Column::UserId.eq(me))
        .all(db)
        .await?
        .into_iter()
        .map(|r| r.call_id)
        .collect();
    if calls.is_empty() {
        return Ok(Vec::new());
    }
    let undecided: Vec<i32> = fund_call::Entity::find()
        .filter(fund_call::Column::Id.is_in(calls))
        .filter(fund_call::Column::DecidedAt.is_null())
        .all(db)
        .await?
        .into_iter()
        .map(|c| c.id)
        .collect();
    if undecided.is_empty() {
        return Ok(Vec::new());
    }
    let applications = fund_application::Entity::find()
        .filter(fund_application::Column::CallId.is_in(undecided))
        .filter(fund_application::Column::SubmittedAt.is_not_null())
        .order_by_asc(fund_application::Column::SubmittedAt)
        .all(db)
        .await?;
    let reviewed: BTreeSet<i32> = fund_review::Entity::find()
        .filter(fund_review::Column::ReviewerId.eq(me))
        .filter(fund_review::Column::ApplicationId.is_in(applications.iter().map(|a| a.id)))
        .all(db)
        .await?
        .into_iter()
        .map(|r| r.application_id)
        .collect();
    Ok(applications
        .into_iter()
        .filter(|a| !reviewed.contains(&a.id))
        .take(usize::try_from(MAX_PER_KIND).unwrap_or(usize::MAX))
        .map(|a| Task {
            kind: TaskKind::ReviewApplication,
            title: a.title,
            href: format!("/fond/soknader/{}", a.id),
            due: None,
        })
        .collect())
}

async fn reports_due(
    db: &DatabaseConnection,
    me: i32,
    now: OffsetDateTime,
) -> Result<Vec<Task>, AppError> {
    let mut mine: BTreeSet<i32> = fund_team_member::Entity::find()
        .filter(fund_team_member::Column::UserId.eq(me))
        .all(db)
        .await?
        .into_iter()
        .map(|m| m.application_id)
        .collect();
    mine.extend(
        fund_application::Entity::find()
            .select_only()
            .column(fund_application::Column::Id)
            .filter(fund_application::Column::ApplicantId.eq(me))
            .into_tuple::<i32>()
            .all(db)
            .await?,
    );
    if mine.is_empty() {
        return Ok(Vec::new());
    }
    let reports = fund_report::Entity::find()
        .filter(fund_report::Column::ApplicationId.is_in(mine))
        .filter(fund_report::Column::SubmittedAt.is_null())
        .filter(fund_report::Column::DueOn.lte(oslo_date(now + REPORT_NOTICE)))
        .order_by_asc(fund_report::Column::DueOn)
        .limit(MAX_PER_KIND)
        .all(db)
        .await?;
    let titles: Vec<(i32, String)> = fund_application::Entity::find()
        .filter(fund_application::Column::Id.is_in(reports.iter().map(|r| r.application_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|a| (a.id, a.title))
        .collect();
    Ok(reports
        .into_iter()
        .map(|r| Task {
            kind: TaskKind::DeliverReport,
            title: titles
                .iter()
                .find(|(id, _)| *id == r.application_id)
                .map(|(_, t)| t.clone())
                .unwrap_or_default(),
            href: format!("/fond/soknader/{}", r.application_id),
            due: Some(r.due_on),
        })
        .collect())
}

/// The fund's scheduled reminders (`feature::reminders`): each report due within
/// [`REPORT_NOTICE`] (or overdue) and not delivered, once to the applicant and once to each
/// member of the team.
pub async fn reminders(
    db: &DatabaseConnection,
    now: OffsetDateTime,
) -> Result<Vec<Reminder>, AppError> {
    let reports = fund_report::Entity::find()
        .filter(fund_report::Column::SubmittedAt.is_null())
        .filter(fund_report::Column::DueOn.lte(oslo_date(now + REPORT_NOTICE)))
        .order_by_asc(fund_report::Column::DueOn)
        .order_by_asc(fund_report::Column::Id)
        .limit(MAX_PER_RUN)
        .all(db)
        .await?;
    if reports.is_empty() {
        return Ok(Vec::new());
    }
    let ids: BTreeSet<i32> = reports.iter().map(|r| r.application_id).collect();
    let applications = fund_application::Entity::find()
        .filter(fund_application::Column::Id.is_in(ids.iter().copied()))
        .all(db)
        .await?;
    let team = fund_team_member::Entity::find()
        .filter(fund_team_member::Column::ApplicationId.is_in(ids.iter().copied()))
        .all(db)
        .await?;
    let mut reminders = Vec::new();
    for report in reports {
        let Some(application) = applications.iter().find(|a| a.id == report.application_id)
        else {
            continue;
        };
        let mut people: BTreeSet<i32> = team
            .iter()
            .filter(|m| m.application_id == application.id)
            .map(|m| m.user_id)
            .collect();
        people.insert(application.applicant_id);
        reminders.extend(people.into_iter().map(|user_id| Reminder {
            user_id,
            kind: ReminderKind::ReportDue,
            key: format!("report:{}:{user_id}", report.id),
            subject: application.title.clone(),
            detail: date_nb(report.due_on),
            link: format!("/fond/soknader/{}", application.id),
        }));
    }
    Ok(reminders)
}
