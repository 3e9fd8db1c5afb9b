//! Tanketanken's tasks for a person (issue 30, `feature::tasks`): their drafts, the
//! announcements the fund and the prize left them among them.

use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use time::OffsetDateTime;

use crate::auth::Actor;
use crate::core::error::AppError;
use crate::feature::tasks::{MAX_PER_KIND, Task, TaskKind};
use crate::posts::entities::{post, post_author};

pub async fn my_tasks(
    db: &DatabaseConnection,
    actor: &Actor,
    _now: OffsetDateTime,
) -> Result<Vec<Task>, AppError> {
    let Some(me) = actor.user_id() else {
        return Ok(Vec::new());
    };
    let written: Vec<i32> = post_author::Entity::find()
        .filter(post_author::Column::UserId.eq(me))
        .all(db)
        .await?
        .into_iter()
        .map(|a| a.post_id)
        .collect();
    if written.is_empty() {
        return Ok(Vec::new());
    }
    Ok(post::Entity::find()
        .filter(post::Column::Id.is_in(written))
        .filter(post::Column::Status.eq(crate::posts::domain::post::Status::Draft.as_str()))
        .order_by_desc(post::Column::UpdatedAt)
        .limit(MAX_PER_KIND)
        .all(db)
        .await?
        .into_iter()
        .map(|p| Task {
            kind: TaskKind::FinishDraft,
            title: p.title,
            href: format!("/tanketanken/{}", p.id),
            due: None,
        })
        .collect())
}
