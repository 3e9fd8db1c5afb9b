//! DESIGN §9 (GDPR): the users feature's part of a user's own data: the account, its roles
//! and its API tokens (`registry::export_own_data` puts the features' parts together).

use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use serde_json::json;

use crate::auth::service::grants_of;
use crate::core::error::AppError;
use crate::core::timefmt::rfc3339;
use crate::entities::{api_token, service_site, user_identity};

use super::{find_user, grant_details};

/// The account of `user_id`, with its roles and API tokens (never a token's secret).
pub async fn own_data_section(
    db: &impl ConnectionTrait,
    user_id: i32,
) -> Result<serde_json::Value, AppError> {
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
    // Who they are at the identity provider (issue 31).
    let identities: Vec<serde_json::Value> = user_identity::Entity::find()
        .filter(user_identity::Column::UserId.eq(user_id))
        .order_by_asc(user_identity::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|i| {
            json!({
                "issuer": i.issuer,
                "subject": i.subject,
                "created_at": rfc3339(i.created_at),
                "last_sign_in_at": rfc3339(i.last_sign_in_at),
            })
        })
        .collect();
    Ok(json!({
        "id": model.id,
        "name": model.name,
        "email": model.email,
        "home_site": home_site,
        "language": model.language,
        "active": model.active,
        "created_at": rfc3339(model.created_at),
        "roles": roles,
        "api_tokens": tokens,
        "identities": identities,
    }))
}
