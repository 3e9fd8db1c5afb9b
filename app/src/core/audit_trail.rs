//! Writing the audit log (DESIGN §9: every decision is logged). Every feature records its
//! changes here, inside the transaction of the change; the `audit` feature reads the log.

use std::collections::BTreeSet;

use sea_orm::{ActiveModelTrait, ConnectionTrait, EntityTrait, Set};
use serde_json::Value;
use time::OffsetDateTime;

use crate::core::error::AppError;
use crate::entities::{audit_log, audit_subject};

/// Who acted, as the log records it (`auth::Actor` converts into this).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Acting {
    User(i32),
    Anonymous,
    System,
}

/// What happened, to what.
pub struct AuditEvent<'a> {
    /// Dotted verb, e.g. `auth.signed_in`, `user.created`, `user.role_granted`.
    pub action: &'a str,
    pub object_type: &'a str,
    pub object_id: Option<String>,
    pub details: Value,
}

/// Appends one row. Call it inside the transaction of the change it records, so the change
/// and its audit row are written together or not at all. This module has no update or delete.
pub async fn record(
    db: &impl ConnectionTrait,
    actor: impl Into<Acting>,
    event: AuditEvent<'_>,
    now: OffsetDateTime,
) -> Result<(), AppError> {
    record_about(db, actor, event, &[], now).await
}

/// Appends one row about the users `about` besides its actor (a member added, a jury named):
/// a user's own-data export finds the row under each of them, wherever it is stored.
pub async fn record_about(
    db: &impl ConnectionTrait,
    actor: impl Into<Acting>,
    event: AuditEvent<'_>,
    about: &[i32],
    now: OffsetDateTime,
) -> Result<(), AppError> {
    let actor = actor.into();
    let details = match actor {
        Acting::System => with_actor_kind(event.details, "system"),
        Acting::Anonymous => with_actor_kind(event.details, "anonymous"),
        Acting::User(_) => event.details,
    };
    let actor_user_id = match actor {
        Acting::User(id) => Some(id),
        Acting::System | Acting::Anonymous => None,
    };
    let row = audit_log::ActiveModel {
        at: Set(now),
        actor_user_id: Set(actor_user_id),
        action: Set(event.action.to_owned()),
        object_type: Set(event.object_type.to_owned()),
        object_id: Set(event.object_id),
        details: Set(details.to_string()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    let subjects: BTreeSet<i32> = about
        .iter()
        .copied()
        .filter(|&id| Some(id) != actor_user_id)
        .collect();
    if !subjects.is_empty() {
        audit_subject::Entity::insert_many(subjects.into_iter().map(|user_id| {
            audit_subject::ActiveModel {
                audit_log_id: Set(row.id),
                user_id: Set(user_id),
            }
        }))
        .exec(db)
        .await?;
    }
    Ok(())
}

/// The audit row of a change to `object` (its type and id) by `actor`, in the change's
/// transaction: the one call every feature's service makes after a write.
pub async fn record_change(
    db: &impl ConnectionTrait,
    actor: impl Into<Acting>,
    action: &str,
    object: (&str, i32),
    details: Value,
    now: OffsetDateTime,
) -> Result<(), AppError> {
    record_change_about(db, actor, action, object, &[], details, now).await
}

/// [`record_change`] of a change that concerns the users `about` besides the actor.
pub async fn record_change_about(
    db: &impl ConnectionTrait,
    actor: impl Into<Acting>,
    action: &str,
    object: (&str, i32),
    about: &[i32],
    details: Value,
    now: OffsetDateTime,
) -> Result<(), AppError> {
    let event = AuditEvent {
        action,
        object_type: object.0,
        object_id: Some(object.1.to_string()),
        details,
    };
    record_about(db, actor, event, about, now).await
}

fn with_actor_kind(details: Value, kind: &str) -> Value {
    match details {
        Value::Object(mut map) => {
            map.insert("actor".into(), Value::String(kind.into()));
            Value::Object(map)
        }
        other => serde_json::json!({ "actor": kind, "details": other }),
    }
}
