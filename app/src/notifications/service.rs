//! The only code that touches the notifications table. Writing is for other features'
//! services, inside their transactions (they have checked their own permissions); reading
//! and marking read is for the reader alone.

use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, QuerySelect, Set,
};
use time::OffsetDateTime;

use crate::auth::{Action, Actor, authorize};
use crate::core::error::AppError;
use crate::entities::notification;
use crate::notifications::domain::{NewNotification, Notification, NotificationKind};

/// Most notifications one page shows (the newest).
pub const SHOWN: u64 = 100;

/// Writes a notification (inside the caller's transaction).
pub(crate) async fn notify(
    db: &impl ConnectionTrait,
    new: NewNotification<'_>,
    now: OffsetDateTime,
) -> Result<(), AppError> {
    notification::ActiveModel {
        user_id: Set(new.user_id),
        kind: Set(new.kind.as_str().to_owned()),
        subject: Set(new.subject.chars().take(200).collect()),
        status: Set(new.status.to_owned()),
        detail: Set(new.detail.to_owned()),
        link: Set(new.link.to_owned()),
        created_at: Set(now),
        read_at: Set(None),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

/// The acting user's newest notifications, and how many are unread.
pub async fn my_notifications(
    db: &impl ConnectionTrait,
    actor: &Actor,
) -> Result<(Vec<Notification>, u64), AppError> {
    authorize(actor, Action::ManageOwnAccount)?;
    let me = actor.user_id().ok_or(AppError::Forbidden)?;
    let rows = notification::Entity::find()
        .filter(notification::Column::UserId.eq(me))
        .order_by_desc(notification::Column::CreatedAt)
        .order_by_desc(notification::Column::Id)
        .limit(SHOWN)
        .all(db)
        .await?;
    let unread = unread_count(db, me).await?;
    let items = rows
        .into_iter()
        .filter_map(|n| {
            Some(Notification {
                id: n.id,
                kind: NotificationKind::parse(&n.kind)?,
                subject: n.subject,
                status: n.status,
                detail: n.detail,
                link: n.link,
                created_at: n.created_at,
                read: n.read_at.is_some(),
            })
        })
        .collect();
    Ok((items, unread))
}

async fn unread_count(db: &impl ConnectionTrait, user_id: i32) -> Result<u64, AppError> {
    Ok(notification::Entity::find()
        .filter(notification::Column::UserId.eq(user_id))
        .filter(notification::Column::ReadAt.is_null())
        .count(db)
        .await?)
}

/// Marks all the acting user's notifications read.
pub async fn mark_all_read(
    db: &impl ConnectionTrait,
    actor: &Actor,
    now: OffsetDateTime,
) -> Result<u64, AppError> {
    authorize(actor, Action::ManageOwnAccount)?;
    let me = actor.user_id().ok_or(AppError::Forbidden)?;
    let done = notification::Entity::update_many()
        .col_expr(notification::Column::ReadAt, Expr::value(now))
        .filter(notification::Column::UserId.eq(me))
        .filter(notification::Column::ReadAt.is_null())
        .exec(db)
        .await?;
    Ok(done.rows_affected)
}

/// DESIGN §9: a departed user's notifications are deleted when they are anonymised. They
/// were messages to that person (a nominee's carries their name as the nominator wrote it)
/// and hold no history the others need.
pub async fn delete_for_user(
    db: &impl sea_orm::ConnectionTrait,
    user_id: i32,
) -> Result<(), AppError> {
    notification::Entity::delete_many()
        .filter(notification::Column::UserId.eq(user_id))
        .exec(db)
        .await?;
    Ok(())
}

/// The user's notifications for their own-data export (DESIGN §9), oldest first. Called by
/// the export, which has checked that the user asks for their own data.
pub async fn own_data_section(
    db: &impl ConnectionTrait,
    user_id: i32,
) -> Result<serde_json::Value, AppError> {
    let rows = notification::Entity::find()
        .filter(notification::Column::UserId.eq(user_id))
        .order_by_asc(notification::Column::Id)
        .all(db)
        .await?;
    Ok(serde_json::Value::Array(
        rows.into_iter()
            .map(|n| {
                serde_json::json!({
                    "kind": n.kind,
                    "subject": n.subject,
                    "status": n.status,
                    "detail": n.detail,
                    "link": n.link,
                    "created_at": crate::core::timefmt::rfc3339(n.created_at),
                    "read_at": n.read_at.map(crate::core::timefmt::rfc3339),
                })
            })
            .collect(),
    ))
}
