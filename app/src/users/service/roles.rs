//! Roles with their scopes: grant and revoke, each audited.

use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};
use time::OffsetDateTime;

use crate::auth::service::grants_of;
use crate::auth::{Action, Actor, Role, RoleGrant, authorize};
use crate::core::error::{AppError, FieldError};
use crate::core::parse::Input;
use crate::entities::user_role;
use crate::users::domain::UserRecord;

use super::{audit_user, check_references, find_user, grant_details, insert_grant, record_of};

/// Gives `user_id` one more role (a no-op if they hold it already). Audited.
pub async fn grant_role(
    db: &DatabaseConnection,
    actor: &Actor,
    user_id: i32,
    input: impl Input<Parsed = RoleGrant>,
    now: OffsetDateTime,
) -> Result<UserRecord, AppError> {
    authorize(actor, Action::ManageUsers)?;
    let txn = crate::core::txn::begin_write(db).await?;
    let model = find_user(&txn, user_id).await?;
    if model.anonymised_at.is_some() {
        return Err(AppError::NotFound);
    }
    // The caller and the user first, then the body (issue 26: 404 before 422).
    let grant = input.parse().map_err(AppError::Invalid)?;
    // The only refusal here is an unknown scope; database errors stay what they are.
    check_references(&txn, None, &[grant])
        .await
        .map_err(|e| match e {
            AppError::Invalid(_) => AppError::invalid("scope", FieldError::UnknownReference),
            other => other,
        })?;
    if !grants_of(&txn, user_id).await?.contains(&grant) {
        insert_grant(&txn, user_id, &grant).await?;
        audit_user(
            &txn,
            actor,
            "user.role_granted",
            user_id,
            grant_details(&grant),
            now,
        )
        .await?;
    }
    let updated = record_of(&txn, model).await?;
    txn.commit().await?;
    Ok(updated)
}

/// Takes one role away from `user_id`. An admin cannot take away their own admin role (no
/// one could give it back). Audited.
pub async fn revoke_role(
    db: &DatabaseConnection,
    actor: &Actor,
    user_id: i32,
    input: impl Input<Parsed = RoleGrant>,
    now: OffsetDateTime,
) -> Result<UserRecord, AppError> {
    authorize(actor, Action::ManageUsers)?;
    let grant = input.parse().map_err(AppError::Invalid)?;
    if actor.user_id() == Some(user_id) && grant.role == Role::Admin {
        return Err(AppError::invalid("role", FieldError::OwnAccount));
    }
    let txn = crate::core::txn::begin_write(db).await?;
    let model = find_user(&txn, user_id).await?;
    let deleted = user_role::Entity::delete_many()
        .filter(user_role::Column::UserId.eq(user_id))
        .filter(user_role::Column::Role.eq(grant.role.as_str()))
        .filter(match grant.sector_id() {
            Some(id) => user_role::Column::SectorId.eq(id),
            None => user_role::Column::SectorId.is_null(),
        })
        .filter(match grant.site_id() {
            Some(id) => user_role::Column::SiteId.eq(id),
            None => user_role::Column::SiteId.is_null(),
        })
        .exec(&txn)
        .await?;
    if deleted.rows_affected > 0 {
        audit_user(
            &txn,
            actor,
            "user.role_revoked",
            user_id,
            grant_details(&grant),
            now,
        )
        .await?;
    }
    let updated = record_of(&txn, model).await?;
    txn.commit().await?;
    Ok(updated)
}
