//! DESIGN §9 (GDPR): the signed-in user's own data, as one document.

use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use serde_json::json;
use time::OffsetDateTime;

use crate::auth::service::grants_of;
use crate::auth::{Action, Actor, authorize};
use crate::core::error::AppError;
use crate::entities::service_site;

use super::{find_user, grant_details};

/// DESIGN §9 (GDPR): everything stored about the signed-in user, as one JSON document.
/// Later features add their own sections (ideas, applications, posts, …).
pub async fn export_own_data(
    db: &impl ConnectionTrait,
    actor: &Actor,
    now: OffsetDateTime,
) -> Result<serde_json::Value, AppError> {
    use crate::entities::{api_token, audit_log};
    use sea_orm::sea_query::ExprTrait as _;

    authorize(actor, Action::ManageOwnAccount)?;
    let user_id = actor.user_id().ok_or(AppError::Forbidden)?;
    let model = find_user(db, user_id).await?;
    let home_site = match model.home_site_id {
        Some(id) => service_site::Entity::find_by_id(id)
            .one(db)
            .await?
            .map(|s| s.name),
        None => None,
    };
    let roles: Vec<serde_json::Value> = grants_of(db, user_id)
        .await?
        .iter()
        .map(grant_details)
        .collect();
    let tokens: Vec<serde_json::Value> = api_token::Entity::find()
        .filter(api_token::Column::UserId.eq(user_id))
        .order_by_asc(api_token::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|t| {
            json!({
                "name": t.name,
                "prefix": t.prefix,
                "created_at": rfc3339(t.created_at),
                "last_used_at": t.last_used_at.map(rfc3339),
                "revoked_at": t.revoked_at.map(rfc3339),
            })
        })
        .collect();
    let activity: Vec<serde_json::Value> = audit_log::Entity::find()
        .filter(
            audit_log::Column::ActorUserId
                .eq(user_id)
                .or(audit_log::Column::ObjectType
                    .eq("user")
                    .and(audit_log::Column::ObjectId.eq(user_id.to_string()))),
        )
        .order_by_asc(audit_log::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|row| {
            json!({
                "at": rfc3339(row.at),
                "action": row.action,
                "by_me": row.actor_user_id == Some(user_id),
                "object_type": row.object_type,
                "object_id": row.object_id,
            })
        })
        .collect();
    Ok(json!({
        "exported_at": rfc3339(now),
        "account": {
            "id": model.id,
            "name": model.name,
            "email": model.email,
            "home_site": home_site,
            "language": model.language,
            "active": model.active,
            "created_at": rfc3339(model.created_at),
        },
        "roles": roles,
        "api_tokens": tokens,
        "activity": activity,
        // Each feature's own part (STYLE: features contribute to shared views).
        "portfolio": crate::portfolio::service::own_data_section(db, user_id).await?,
        "notifications": crate::notifications::service::own_data_section(db, user_id).await?,
    }))
}

use crate::core::timefmt::rfc3339;
