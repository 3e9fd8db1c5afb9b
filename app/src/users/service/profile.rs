//! The signed-in user's own account: profile and password.

use sea_orm::{ActiveModelTrait, ConnectionTrait, DatabaseConnection, Set};
use serde_json::json;
use time::OffsetDateTime;

use crate::auth::password::{Password, hash_password, verify_password};
use crate::auth::{Action, Actor, authorize};
use crate::core::error::{AppError, FieldError};
use crate::core::parse::Input;
use crate::entities::user;
use crate::users::domain::{ProfileFields, UserRecord};

use super::{audit_user, check_references, find_user, record_of};

/// The signed-in user's own account.
pub async fn my_profile(db: &impl ConnectionTrait, actor: &Actor) -> Result<UserRecord, AppError> {
    authorize(actor, Action::ManageOwnAccount)?;
    let user_id = actor.user_id().ok_or(AppError::Forbidden)?;
    let model = find_user(db, user_id).await?;
    record_of(db, model).await
}

/// Changes the signed-in user's name, home site and language.
pub async fn update_profile(
    db: &DatabaseConnection,
    actor: &Actor,
    input: impl Input<Parsed = ProfileFields>,
    now: OffsetDateTime,
) -> Result<UserRecord, AppError> {
    authorize(actor, Action::ManageOwnAccount)?;
    let fields = input.parse().map_err(AppError::Invalid)?;
    let user_id = actor.user_id().ok_or(AppError::Forbidden)?;
    let txn = crate::core::txn::begin_write(db).await?;
    check_references(&txn, fields.home_site_id, &[]).await?;
    let model = find_user(&txn, user_id).await?;
    let mut row: user::ActiveModel = model.into();
    row.name = Set(fields.name);
    row.home_site_id = Set(fields.home_site_id);
    row.language = Set(fields.language.as_str().to_owned());
    let model = row.update(&txn).await?;
    audit_user(
        &txn,
        actor,
        "user.profile_updated",
        user_id,
        json!({ "home_site_id": model.home_site_id, "language": model.language }),
        now,
    )
    .await?;
    let updated = record_of(&txn, model).await?;
    txn.commit().await?;
    Ok(updated)
}

/// Changes the signed-in user's password, confirmed with the current one.
pub async fn change_password(
    db: &DatabaseConnection,
    actor: &Actor,
    current: &str,
    new: &str,
    now: OffsetDateTime,
) -> Result<(), AppError> {
    authorize(actor, Action::ManageOwnAccount)?;
    let user_id = actor.user_id().ok_or(AppError::Forbidden)?;
    let model = find_user(db, user_id).await?;
    if !verify_password(current, model.password_hash.as_deref()).await {
        return Err(AppError::invalid(
            "current_password",
            FieldError::WrongPassword,
        ));
    }
    let password = Password::parse(new, &model.name, &model.email)
        .map_err(|e| AppError::invalid("new_password", e))?;
    let hash = hash_password(&password).await?;
    let txn = crate::core::txn::begin_write(db).await?;
    // Every session signed in under the old password ends (issue 11); the caller's own
    // carries on (`auth::service::keep_session_after_password_change`).
    let generation = model.session_generation.wrapping_add(1);
    let mut row: user::ActiveModel = model.into();
    row.password_hash = Set(Some(hash));
    row.session_generation = Set(generation);
    row.update(&txn).await?;
    audit_user(
        &txn,
        actor,
        "user.password_changed",
        user_id,
        json!({}),
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Writes again every user's name key that is out of step with their name (`users.name_key`,
/// issue 30): a row written by an older instance during a rolling update, by hand, or keyed
/// by another version of Unicode's case tables. Run at start, after the migrations; a few
/// thousand short rows. The number of keys written.
pub async fn repair_name_keys(db: &DatabaseConnection) -> Result<usize, AppError> {
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QuerySelect};
    let stale: Vec<(i32, String)> = user::Entity::find()
        .select_only()
        .column(user::Column::Id)
        .column(user::Column::Name)
        .column(user::Column::NameKey)
        .into_tuple::<(i32, String, String)>()
        .all(db)
        .await?
        .into_iter()
        .filter(|(_, name, key)| crate::core::parse::name_key(name) != *key)
        .map(|(id, name, _)| (id, name))
        .collect();
    for (id, name) in &stale {
        user::Entity::update_many()
            .col_expr(
                user::Column::NameKey,
                sea_orm::sea_query::Expr::value(crate::core::parse::name_key(name)),
            )
            .filter(user::Column::Id.eq(*id))
            .exec(db)
            .await?;
    }
    Ok(stale.len())
}
