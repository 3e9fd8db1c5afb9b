//! The only code that touches the notifications table. Writing is for other features'
//! services, inside their transactions (they have checked their own permissions); reading
//! and marking read is for the reader alone.

use sea_orm::sea_query::Expr;
use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait,
    PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Set,
};
use time::OffsetDateTime;

use crate::auth::{Action, Actor, authorize};
use crate::core::error::AppError;
use crate::entities::{mail_opt_out, notification, user};
use crate::feature::reminders::{Reminder, ReminderKind};
use crate::notifications::domain::{MailState, NewNotification, Notification, NotificationKind};

/// Most notifications one page shows (the newest).
pub const SHOWN: u64 = 100;

/// Writes a notification (inside the caller's transaction), its e-mail pending unless the
/// person opted out of the kind or cannot get one.
pub(crate) async fn notify(
    db: &impl ConnectionTrait,
    new: NewNotification<'_>,
    now: OffsetDateTime,
) -> Result<(), AppError> {
    let mut mail = mail_state_for(db, new.user_id, new.kind).await?;
    // The same news about the same thing within a day is told in the app, not mailed again:
    // a nomination withdrawn and made again, or a co-author removed and added, in a loop,
    // must not fill a colleague's inbox from the municipality's address.
    let told_lately = notification::Entity::find()
        .filter(notification::Column::UserId.eq(new.user_id))
        .filter(notification::Column::Kind.eq(new.kind.as_str()))
        .filter(notification::Column::Link.eq(new.link))
        .filter(notification::Column::CreatedAt.gt(now - MAIL_AGAIN_AFTER))
        .count(db)
        .await?
        > 0;
    if told_lately {
        mail = MailState::Off;
    }
    notification_row(&new, mail, now).insert(db).await?;
    Ok(())
}

/// How long after an e-mail about something the same news about it is mailed again.
pub const MAIL_AGAIN_AFTER: time::Duration = time::Duration::days(1);

fn notification_row(
    new: &NewNotification<'_>,
    mail: MailState,
    now: OffsetDateTime,
) -> notification::ActiveModel {
    notification::ActiveModel {
        user_id: Set(new.user_id),
        kind: Set(new.kind.as_str().to_owned()),
        subject: Set(new.subject.chars().take(200).collect()),
        status: Set(new.status.chars().take(40).collect()),
        detail: Set(new.detail.to_owned()),
        link: Set(new.link.chars().take(200).collect()),
        created_at: Set(now),
        read_at: Set(None),
        mail_state: Set(mail.as_str().to_owned()),
        mail_attempts: Set(0),
        mail_claimed_until: Set(None),
        mail_claimed_by: Set(None),
        mailed_at: Set(None),
        mail_error: Set(None),
        reminder_key: Set(None),
        ..Default::default()
    }
}

/// Whether `user_id` is to get an e-mail of `kind`: an active account that has not opted out.
async fn mail_state_for(
    db: &impl ConnectionTrait,
    user_id: i32,
    kind: NotificationKind,
) -> Result<MailState, AppError> {
    let active = user::Entity::find_by_id(user_id)
        .one(db)
        .await?
        .is_some_and(|u| u.active && u.anonymised_at.is_none());
    let opted_out = mail_opt_out::Entity::find_by_id((user_id, kind.as_str().to_owned()))
        .one(db)
        .await?
        .is_some();
    Ok(if active && !opted_out {
        MailState::Pending
    } else {
        MailState::Off
    })
}

/// Writes a scheduled reminder as a notification, once: a reminder whose key is written
/// already (by an earlier run, or by another instance at the same time) is left as it is.
/// Answers whether this call wrote it.
pub(crate) async fn remind(
    db: &impl ConnectionTrait,
    reminder: &Reminder,
    now: OffsetDateTime,
) -> Result<bool, AppError> {
    let kind = match reminder.kind {
        ReminderKind::MeasurementDue => NotificationKind::MeasurementDue,
        ReminderKind::ReportDue => NotificationKind::ReportDue,
        ReminderKind::JuryDeadline => NotificationKind::JuryDeadline,
        ReminderKind::LupNotStarted => NotificationKind::LupNotStarted,
    };
    let new = NewNotification {
        user_id: reminder.user_id,
        kind,
        subject: &reminder.subject,
        status: "",
        detail: &reminder.detail,
        link: &reminder.link,
    };
    let mail = mail_state_for(db, reminder.user_id, kind).await?;
    let mut row = notification_row(&new, mail, now);
    row.reminder_key = Set(Some(reminder.key.chars().take(120).collect()));
    let written = notification::Entity::insert(row)
        .on_conflict(
            OnConflict::column(notification::Column::ReminderKey)
                .do_nothing()
                .to_owned(),
        )
        .exec_without_returning(db)
        .await?;
    Ok(written == 1)
}

/// The kinds of notification the acting user gets by e-mail too, each with whether they do.
pub async fn mail_preferences(
    db: &impl ConnectionTrait,
    actor: &Actor,
) -> Result<Vec<(NotificationKind, bool)>, AppError> {
    authorize(actor, Action::ManageOwnAccount)?;
    let me = actor.user_id().ok_or(AppError::Forbidden)?;
    let off: Vec<String> = mail_opt_out::Entity::find()
        .filter(mail_opt_out::Column::UserId.eq(me))
        .all(db)
        .await?
        .into_iter()
        .map(|o| o.kind)
        .collect();
    Ok(NotificationKind::ALL
        .into_iter()
        .map(|kind| (kind, !off.iter().any(|k| k == kind.as_str())))
        .collect())
}

/// Sets which kinds the acting user gets by e-mail: those in `wanted`, none of the others.
/// Notifications already written keep their e-mail as it was decided.
pub async fn set_mail_preferences(
    db: &DatabaseConnection,
    actor: &Actor,
    wanted: &[NotificationKind],
) -> Result<(), AppError> {
    authorize(actor, Action::ManageOwnAccount)?;
    let me = actor.user_id().ok_or(AppError::Forbidden)?;
    let txn = crate::core::txn::begin_write(db).await?;
    mail_opt_out::Entity::delete_many()
        .filter(mail_opt_out::Column::UserId.eq(me))
        .exec(&txn)
        .await?;
    let off: Vec<mail_opt_out::ActiveModel> = NotificationKind::ALL
        .into_iter()
        .filter(|kind| !wanted.contains(kind))
        .map(|kind| mail_opt_out::ActiveModel {
            user_id: Set(me),
            kind: Set(kind.as_str().to_owned()),
        })
        .collect();
    if !off.is_empty() {
        mail_opt_out::Entity::insert_many(off)
            .exec_without_returning(&txn)
            .await?;
    }
    txn.commit().await?;
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
    mail_opt_out::Entity::delete_many()
        .filter(mail_opt_out::Column::UserId.eq(user_id))
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
    let opted_out: Vec<String> = mail_opt_out::Entity::find()
        .filter(mail_opt_out::Column::UserId.eq(user_id))
        .all(db)
        .await?
        .into_iter()
        .map(|o| o.kind)
        .collect();
    let notifications = serde_json::Value::Array(
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
                    "mail": n.mail_state,
                    "mailed_at": n.mailed_at.map(crate::core::timefmt::rfc3339),
                })
            })
            .collect(),
    );
    Ok(serde_json::json!({
        "notifications": notifications,
        "no_email_for": opted_out,
    }))
}
