//! Comments and reactions (DESIGN §8): employees comment on and react to published posts;
//! a comment's author deletes it; an editor hides it with a reason its author sees. Every
//! moderation step is in the audit log.

use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ActiveModelTrait, DatabaseConnection, EntityTrait, Set,
};
use serde_json::json;
use time::OffsetDateTime;

use crate::auth::{Actor, authorize};
use crate::core::error::AppError;
use crate::posts::domain::permission::PostAction;
use crate::core::parse::Input;
use crate::posts::domain::post::{Status, parse_reaction};
use crate::posts::domain::view::CommentView;
use crate::posts::entities::{post_comment, post_reaction};

use super::{audit, readable, status};

/// The comments of a post the actor can read.
pub async fn list_comments(
    db: &DatabaseConnection,
    actor: &Actor,
    post_id: i32,
) -> Result<Vec<CommentView>, AppError> {
    super::signed_in(actor)?;
    readable(db, actor, post_id).await?;
    authorize(actor, PostAction::Take { published: true })?;
    super::read::comments_for(db, actor, post_id).await
}

/// Adds a comment to a published post; answers its id.
pub async fn add_comment(
    db: &DatabaseConnection,
    actor: &Actor,
    post_id: i32,
    body: impl Input<Parsed = String>,
    now: OffsetDateTime,
) -> Result<i32, AppError> {
    super::signed_in(actor)?;
    let (found, _) = readable(db, actor, post_id).await?;
    authorize(
        actor,
        PostAction::Take {
            published: status(&found) == Status::Published,
        },
    )?;
    let me = actor.user_id().ok_or(AppError::Forbidden)?;
    let body = body.parse().map_err(AppError::Invalid)?;
    let made = post_comment::ActiveModel {
        post_id: Set(post_id),
        author_id: Set(me),
        body: Set(body),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(made.id)
}

/// Deletes the actor's own comment.
pub async fn delete_comment(
    db: &DatabaseConnection,
    actor: &Actor,
    comment_id: i32,
    now: OffsetDateTime,
) -> Result<i32, AppError> {
    super::signed_in(actor)?;
    let found = post_comment::Entity::find_by_id(comment_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    readable(db, actor, found.post_id).await?;
    authorize(
        actor,
        PostAction::DeleteComment {
            own: actor.user_id() == Some(found.author_id),
        },
    )?;
    let txn = crate::core::txn::begin_write(db).await?;
    post_comment::Entity::delete_by_id(comment_id).exec(&txn).await?;
    audit(
        &txn,
        actor,
        "posts.comment_deleted",
        ("post_comment", comment_id),
        json!({ "post": found.post_id }),
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(found.post_id)
}

/// Hides a comment from readers (an editor), with a reason its author sees.
pub async fn hide_comment(
    db: &DatabaseConnection,
    actor: &Actor,
    comment_id: i32,
    reason: impl Input<Parsed = String>,
    now: OffsetDateTime,
) -> Result<i32, AppError> {
    authorize(actor, PostAction::Moderate)?;
    let reason = reason.parse().map_err(AppError::Invalid)?;
    let txn = crate::core::txn::begin_write(db).await?;
    let found = crate::core::txn::find_locked::<post_comment::Entity>(&txn, comment_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let post_id = found.post_id;
    let mut active: post_comment::ActiveModel = found.into();
    active.hidden_at = Set(Some(now));
    active.hidden_by = Set(actor.user_id());
    active.hidden_reason = Set(Some(reason.clone()));
    active.update(&txn).await?;
    audit(
        &txn,
        actor,
        "posts.comment_hidden",
        ("post_comment", comment_id),
        json!({ "post": post_id, "reason": reason }),
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(post_id)
}

/// Reacts to a published post: one reaction per person and post (the table's key), the
/// same reaction again takes it back. Two clicks at once leave one reaction: the insert
/// changes the row the other made instead of failing on the key.
pub async fn react(
    db: &DatabaseConnection,
    actor: &Actor,
    post_id: i32,
    kind: &str,
    now: OffsetDateTime,
) -> Result<Option<&'static str>, AppError> {
    super::signed_in(actor)?;
    let (found, _) = readable(db, actor, post_id).await?;
    authorize(
        actor,
        PostAction::Take {
            published: status(&found) == Status::Published,
        },
    )?;
    let me = actor.user_id().ok_or(AppError::Forbidden)?;
    let kind = parse_reaction(kind).map_err(|e| AppError::invalid("kind", e))?;
    let txn = crate::core::txn::begin_write(db).await?;
    let existing = post_reaction::Entity::find_by_id((post_id, me))
        .one(&txn)
        .await?;
    let answer = if existing.is_some_and(|r| r.kind == kind) {
        post_reaction::Entity::delete_by_id((post_id, me))
            .exec(&txn)
            .await?;
        None
    } else {
        post_reaction::Entity::insert(post_reaction::ActiveModel {
            post_id: Set(post_id),
            user_id: Set(me),
            kind: Set(kind.to_owned()),
            created_at: Set(now),
        })
        .on_conflict(
            OnConflict::columns([post_reaction::Column::PostId, post_reaction::Column::UserId])
                .update_columns([post_reaction::Column::Kind, post_reaction::Column::CreatedAt])
                .to_owned(),
        )
        .exec_without_returning(&txn)
        .await?;
        Some(kind)
    };
    txn.commit().await?;
    Ok(answer)
}
