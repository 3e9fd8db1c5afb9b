//! A juror's tasks (issue 30, `feature::tasks`): the finalists they may score and have not,
//! while their category's jury scores.

use std::collections::BTreeSet;

use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};
use time::OffsetDateTime;

use crate::auth::Actor;
use crate::core::error::AppError;
use crate::feature::reminders::{Reminder, ReminderKind};
use crate::feature::tasks::{MAX_PER_KIND, Task, TaskKind};
use crate::core::timefmt::oslo_date;
use crate::prize::domain::year::Phase;
use crate::prize::entities::{prize_ballot, prize_category, prize_juror, prize_year};

use super::ballots::finalists_in;
use super::gallery::recused_pairs;
use super::phase;

/// The acting juror's ballots to cast, due at their year's jury deadline.
pub async fn my_tasks(
    db: &DatabaseConnection,
    actor: &Actor,
    now: OffsetDateTime,
) -> Result<Vec<Task>, AppError> {
    let Some(me) = actor.user_id() else {
        return Ok(Vec::new());
    };
    let mine: Vec<i32> = prize_juror::Entity::find()
        .filter(prize_juror::Column::UserId.eq(me))
        .all(db)
        .await?
        .into_iter()
        .map(|j| j.category_id)
        .collect();
    if mine.is_empty() {
        return Ok(Vec::new());
    }
    let categories = prize_category::Entity::find()
        .filter(prize_category::Column::Id.is_in(mine))
        .all(db)
        .await?;
    let years = prize_year::Entity::find()
        .filter(prize_year::Column::Id.is_in(categories.iter().map(|c| c.year_id)))
        .all(db)
        .await?;
    let judging: Vec<(i32, OffsetDateTime)> = categories
        .iter()
        .filter_map(|c| {
            let year = years.iter().find(|y| y.id == c.year_id)?;
            (phase(year, now) == Phase::Judging).then_some((c.id, year.jury_deadline))
        })
        .collect();
    if judging.is_empty() {
        return Ok(Vec::new());
    }
    let ids: Vec<i32> = judging.iter().map(|(id, _)| *id).collect();
    let finalists = finalists_in(db, &ids).await?;
    let recused = recused_pairs(db, &[me], &finalists).await?;
    let cast: BTreeSet<i32> = prize_ballot::Entity::find()
        .filter(prize_ballot::Column::JurorId.eq(me))
        .filter(prize_ballot::Column::NominationId.is_in(finalists.iter().map(|n| n.id)))
        .all(db)
        .await?
        .into_iter()
        .map(|b| b.nomination_id)
        .collect();
    Ok(finalists
        .iter()
        .filter(|n| !cast.contains(&n.id) && !recused.contains(&(me, n.id)))
        .filter_map(|n| {
            let deadline = judging.iter().find(|(id, _)| *id == n.category_id)?.1;
            Some(Task {
                kind: TaskKind::CastBallot,
                title: n.title.clone(),
                href: format!("/pris/nominasjoner/{}", n.id),
                due: Some(oslo_date(deadline)),
            })
        })
        .take(usize::try_from(MAX_PER_KIND).unwrap_or(usize::MAX))
        .collect())
}

/// How long before the jury's deadline a juror with ballots to cast is reminded.
pub const JURY_NOTICE: time::Duration = time::Duration::days(7);

/// The prize's scheduled reminders (`feature::reminders`): in each year whose jury scores and
/// whose deadline is within [`JURY_NOTICE`], every juror with a finalist left to score (not
/// recused), once per year.
pub async fn reminders(
    db: &DatabaseConnection,
    now: OffsetDateTime,
) -> Result<Vec<Reminder>, AppError> {
    let years: Vec<prize_year::Model> = prize_year::Entity::find()
        .filter(prize_year::Column::JuryDeadline.gt(now))
        .filter(prize_year::Column::JuryDeadline.lte(now + JURY_NOTICE))
        .all(db)
        .await?
        .into_iter()
        .filter(|year| phase(year, now) == Phase::Judging)
        .collect();
    let mut reminders = Vec::new();
    for year in years {
        let categories: Vec<i32> = prize_category::Entity::find()
            .filter(prize_category::Column::YearId.eq(year.id))
            .all(db)
            .await?
            .into_iter()
            .map(|c| c.id)
            .collect();
        let jurors = prize_juror::Entity::find()
            .filter(prize_juror::Column::CategoryId.is_in(categories.iter().copied()))
            .all(db)
            .await?;
        let finalists = finalists_in(db, &categories).await?;
        let people: Vec<i32> = jurors.iter().map(|j| j.user_id).collect();
        let recused = recused_pairs(db, &people, &finalists).await?;
        let cast: BTreeSet<(i32, i32)> = prize_ballot::Entity::find()
            .filter(prize_ballot::Column::NominationId.is_in(finalists.iter().map(|n| n.id)))
            .all(db)
            .await?
            .into_iter()
            .map(|b| (b.juror_id, b.nomination_id))
            .collect();
        let behind: BTreeSet<i32> = jurors
            .iter()
            .filter(|j| {
                finalists.iter().any(|n| {
                    n.category_id == j.category_id
                        && !cast.contains(&(j.user_id, n.id))
                        && !recused.contains(&(j.user_id, n.id))
                })
            })
            .map(|j| j.user_id)
            .collect();
        reminders.extend(behind.into_iter().map(|user_id| Reminder {
            user_id,
            kind: ReminderKind::JuryDeadline,
            key: format!("jury:{}:{user_id}", year.id),
            subject: year.year.to_string(),
            detail: crate::core::timefmt::oslo_datetime(year.jury_deadline),
            link: format!("/pris/aar/{}", year.id),
        }));
    }
    Ok(reminders)
}
