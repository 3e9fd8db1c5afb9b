//! Reading the audit log (DESIGN §9). Rows are written by `core::audit_trail::record`.

use std::collections::HashMap;

use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect,
};

use crate::audit::domain::{AuditEntry, AuditFilter};
use crate::auth::{Action, Actor, authorize};
use crate::core::error::AppError;
use crate::core::paging::{PageRequest, Paged};
use crate::core::parse::Input;
use crate::core::timefmt::{oslo_datetime, oslo_day_start};
use crate::entities::{audit_log, audit_subject, user};

/// The audit log, newest first, filtered, one page. Admins only.
pub async fn list_audit(
    db: &impl ConnectionTrait,
    actor: &Actor,
    filter: impl Input<Parsed = AuditFilter>,
    page: impl Input<Parsed = PageRequest>,
) -> Result<Paged<AuditEntry>, AppError> {

    authorize(actor, Action::ViewAuditLog)?;
    let (filter, page) = crate::core::parse::parse_both(filter, page).map_err(AppError::Invalid)?;
    let mut query = audit_log::Entity::find().order_by_desc(audit_log::Column::Id);
    let needle = crate::core::search::needle(&filter.actor);
    if !needle.is_empty() {
        let ids: Vec<i32> = user::Entity::find()
            .filter(crate::core::people::name_or_email_contains(&needle))
            .all(db)
            .await?
            .into_iter()
            .map(|u| u.id)
            .collect();
        query = query.filter(audit_log::Column::ActorUserId.is_in(ids));
    }
    let action = filter.action.trim();
    if !action.is_empty() {
        query =
            query.filter(audit_log::Column::Action.like(crate::core::search::starts_with(action)));
    }
    let object_type = filter.object_type.trim();
    if !object_type.is_empty() {
        query = query.filter(audit_log::Column::ObjectType.eq(object_type));
    }
    let object_id = filter.object_id.trim();
    if !object_id.is_empty() {
        query = query.filter(audit_log::Column::ObjectId.eq(object_id));
    }
    if let Some(from) = filter.from {
        query = query.filter(audit_log::Column::At.gte(oslo_day_start(from)));
    }
    if let Some(to) = filter.to.and_then(|d| d.next_day()) {
        query = query.filter(audit_log::Column::At.lt(oslo_day_start(to)));
    }
    let total = query.clone().count(db).await?;
    let rows = query.offset(page.offset).limit(page.limit).all(db).await?;
    let mut actor_ids: Vec<i32> = rows.iter().filter_map(|r| r.actor_user_id).collect();
    actor_ids.sort_unstable();
    actor_ids.dedup();
    let names: HashMap<i32, String> = user::Entity::find()
        .filter(user::Column::Id.is_in(actor_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.id, u.name))
        .collect();
    let items = rows
        .into_iter()
        .map(|row| AuditEntry {
            id: row.id,
            at: oslo_datetime(row.at),
            actor: row.actor_user_id.and_then(|id| names.get(&id).cloned()),
            by_system: row.actor_user_id.is_none()
                && serde_json::from_str::<serde_json::Value>(&row.details)
                    .is_ok_and(|d| d["actor"] == "system"),
            action: row.action,
            object_type: row.object_type,
            object_id: row.object_id,
            details: row.details,
        })
        .collect();
    Ok(Paged {
        items,
        total,
        limit: page.limit,
        offset: page.offset,
    })
}

/// DESIGN §9 (GDPR): the audit rows about `user_id`: what they did, what was done to their
/// account, and the changes that concerned them wherever they are stored (a project or LUP
/// group they were added to, a jury they were named to: `audit_subjects`). The own-data
/// export's `activity`.
pub async fn own_data_section(
    db: &impl ConnectionTrait,
    user_id: i32,
) -> Result<serde_json::Value, AppError> {
    use sea_orm::sea_query::ExprTrait as _;
    let rows = audit_log::Entity::find()
        .filter(
            audit_log::Column::ActorUserId
                .eq(user_id)
                .or(audit_log::Column::ObjectType
                    .eq("user")
                    .and(audit_log::Column::ObjectId.eq(user_id.to_string())))
                .or(audit_log::Column::Id.in_subquery(
                    sea_orm::sea_query::Query::select()
                        .column(audit_subject::Column::AuditLogId)
                        .from(audit_subject::Entity)
                        .and_where(audit_subject::Column::UserId.eq(user_id))
                        .to_owned(),
                )),
        )
        .order_by_asc(audit_log::Column::Id)
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|row| {
            serde_json::json!({
                "at": crate::core::timefmt::rfc3339(row.at),
                "action": row.action,
                "by_me": row.actor_user_id == Some(user_id),
                "object_type": row.object_type,
                "object_id": row.object_id,
            })
        })
        .collect())
}
