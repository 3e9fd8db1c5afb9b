//! The only code that reads and writes users and their roles (sign-in and its failures are in
//! `auth::sign_in`), one file per concern; here the helpers they share.

use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};
use serde_json::json;
use time::OffsetDateTime;

use crate::auth::service::grants_of;
use crate::auth::{Actor, RoleGrant};
use crate::core::audit_trail::{AuditEvent, record};
use crate::core::error::{AppError, FieldError, FieldErrors};
use crate::core::parse::{Email, Language};
use crate::entities::{sector, service_site, user, user_role};
use crate::users::domain::{NewUserFields, UserRecord};

mod accounts;
mod own_data;
mod pages;
mod profile;
mod roles;
mod sso;

pub use accounts::*;
pub use own_data::*;
pub use pages::*;
pub use profile::*;
pub use roles::*;
pub use sso::*;

#[async_trait::async_trait]
impl sea_orm::ActiveModelBehavior for user::ActiveModel {
    /// Every write that sets the name sets its key too, so no caller can forget it.
    async fn before_save<C>(mut self, _db: &C, _insert: bool) -> Result<Self, sea_orm::DbErr>
    where
        C: ConnectionTrait,
    {
        if let sea_orm::ActiveValue::Set(name) = &self.name {
            self.name_key = sea_orm::ActiveValue::Set(crate::core::parse::name_key(name));
        }
        Ok(self)
    }
}

/// Writes a user and their roles; the caller has checked the fields and references and
/// records the audit row. A user without a password hash cannot sign in with a password.
pub(crate) async fn insert_user(
    db: &impl ConnectionTrait,
    fields: &NewUserFields,
    password_hash: Option<String>,
    now: OffsetDateTime,
) -> Result<user::Model, AppError> {
    let created = user::ActiveModel {
        name: Set(fields.name.clone()),
        email: Set(fields.email.as_str().to_owned()),
        password_hash: Set(password_hash),
        home_site_id: Set(fields.home_site_id),
        language: Set(fields.language.as_str().to_owned()),
        active: Set(true),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    for grant in &fields.roles {
        insert_grant(db, created.id, grant).await?;
    }
    Ok(created)
}

/// Records an event about the user `user_id` (in the caller's transaction).
pub(super) async fn audit_user(
    db: &impl ConnectionTrait,
    actor: &Actor,
    action: &str,
    user_id: i32,
    details: serde_json::Value,
    now: OffsetDateTime,
) -> Result<(), AppError> {
    let event = AuditEvent {
        action,
        object_type: "user",
        object_id: Some(user_id.to_string()),
        details,
    };
    record(db, actor, event, now).await
}

/// A stored user by id, or NotFound.
pub(super) async fn find_user(
    db: &impl ConnectionTrait,
    user_id: i32,
) -> Result<user::Model, AppError> {
    user::Entity::find_by_id(user_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)
}

/// The admin's view of one stored user.
pub(super) async fn record_of(
    db: &impl ConnectionTrait,
    model: user::Model,
) -> Result<UserRecord, AppError> {
    let roles = grants_of(db, model.id).await?;
    Ok(record_with(model, roles))
}

/// The record of `model` with the roles already loaded (lists load them all in one query).
pub(super) fn record_with(model: user::Model, roles: Vec<RoleGrant>) -> UserRecord {
    UserRecord {
        roles,
        id: model.id,
        name: model.name,
        email: model.email,
        home_site_id: model.home_site_id,
        language: Language::parse(&model.language).unwrap_or_default(),
        active: model.active,
        anonymised: model.anonymised_at.is_some(),
    }
}

/// Unknown sites and sectors are refused before anything is written.
pub(super) async fn check_references(
    db: &impl ConnectionTrait,
    home_site_id: Option<i32>,
    roles: &[RoleGrant],
) -> Result<(), AppError> {
    let mut errors = FieldErrors::new();
    if let Some(site) = home_site_id
        && service_site::Entity::find_by_id(site)
            .one(db)
            .await?
            .is_none()
    {
        errors.insert("home_site_id".into(), FieldError::UnknownReference);
    }
    for (i, grant) in roles.iter().enumerate() {
        let exists = match (grant.sector_id(), grant.site_id()) {
            (Some(sector), _) => sector::Entity::find_by_id(sector).one(db).await?.is_some(),
            (_, Some(site)) => service_site::Entity::find_by_id(site)
                .one(db)
                .await?
                .is_some(),
            _ => true,
        };
        if !exists {
            errors.insert(format!("roles[{i}]"), FieldError::UnknownReference);
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(AppError::Invalid(errors))
    }
}

pub(super) async fn insert_grant(
    db: &impl ConnectionTrait,
    user_id: i32,
    grant: &RoleGrant,
) -> Result<(), AppError> {
    user_role::ActiveModel {
        user_id: Set(user_id),
        role: Set(grant.role.as_str().to_owned()),
        sector_id: Set(grant.sector_id()),
        site_id: Set(grant.site_id()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

pub(super) async fn find_by_email(
    db: &impl ConnectionTrait,
    email: &Email,
) -> Result<Option<user::Model>, AppError> {
    Ok(user::Entity::find()
        .filter(user::Column::Email.eq(email.as_str()))
        .one(db)
        .await?)
}

/// A grant as the audit log and the own-data export show it.
pub(super) fn grant_details(grant: &RoleGrant) -> serde_json::Value {
    json!({
        "role": grant.role.as_str(),
        "sector_id": grant.sector_id(),
        "site_id": grant.site_id(),
    })
}
