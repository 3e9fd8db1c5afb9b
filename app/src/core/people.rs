//! Names of users by id, for the pages and answers that show who did what (one query, the
//! ids in any order and number).

use std::collections::HashMap;

use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

use crate::core::error::AppError;
use crate::entities::user;

/// The active user with the e-mail address `email` (already normalised), if any: who may be
/// named as a member, a supervisor or a responsible person.
pub async fn active_user_by_email(
    db: &impl ConnectionTrait,
    email: &str,
) -> Result<Option<user::Model>, AppError> {
    let found = user::Entity::find()
        .filter(user::Column::Email.eq(email))
        .one(db)
        .await?;
    Ok(found.filter(|u| u.active))
}

/// The one active user `person` names, by id, e-mail address or name; refused under `field`
/// when nobody active is named so (`UnknownUser`), or when two or more active users share
/// the name (`AmbiguousName`: the e-mail address, which the person chooser suggests, tells
/// them apart).
pub async fn active_user(
    db: &impl ConnectionTrait,
    person: &crate::core::parse::PersonRef,
    field: &str,
) -> Result<user::Model, AppError> {
    use crate::core::error::FieldError;
    use crate::core::parse::PersonRef;
    let mut found = match person {
        PersonRef::Id(id) => active_user_by_id(db, *id).await?.into_iter().collect(),
        PersonRef::Email(email) => active_user_by_email(db, email.as_str())
            .await?
            .into_iter()
            .collect(),
        PersonRef::Name(name) => active_users_named(db, name).await?,
    };
    match found.len() {
        1 => Ok(found.remove(0)),
        0 => Err(AppError::invalid(field, FieldError::UnknownUser)),
        _ => Err(AppError::invalid(field, FieldError::AmbiguousName)),
    }
}

/// The active users whose name is `name`, ignoring case and spacing (`parse::name_key`).
async fn active_users_named(
    db: &impl ConnectionTrait,
    name: &str,
) -> Result<Vec<user::Model>, AppError> {
    use sea_orm::QuerySelect;
    let key = crate::core::parse::name_key(name);
    // The key is compared here, not by SQL's lower(): SQLite's folds ASCII only, so
    // "øyvind ås" would never find "Øyvind Ås". The active users' ids and names are a few
    // thousand short rows, read when a form names someone, not on every page.
    let named: Vec<i32> = user::Entity::find()
        .select_only()
        .column(user::Column::Id)
        .column(user::Column::Name)
        .filter(user::Column::Active.eq(true))
        .into_tuple::<(i32, String)>()
        .all(db)
        .await?
        .into_iter()
        .filter(|(_, name)| crate::core::parse::name_key(name) == key)
        .map(|(id, _)| id)
        .collect();
    if named.is_empty() {
        return Ok(Vec::new());
    }
    Ok(user::Entity::find()
        .filter(user::Column::Id.is_in(named))
        .all(db)
        .await?)
}

/// The active user `id`, if any.
pub async fn active_user_by_id(
    db: &impl ConnectionTrait,
    id: i32,
) -> Result<Option<user::Model>, AppError> {
    Ok(user::Entity::find_by_id(id)
        .one(db)
        .await?
        .filter(|u| u.active))
}

/// The active users named by e-mail (already normalised), their ids in the order named (one
/// query); refused as a whole under `field` when one is not an active user.
pub async fn active_user_ids_by_email(
    db: &impl ConnectionTrait,
    emails: &[crate::core::parse::Email],
    field: &str,
) -> Result<Vec<i32>, AppError> {
    if emails.is_empty() {
        return Ok(Vec::new());
    }
    let found = user::Entity::find()
        .filter(user::Column::Email.is_in(emails.iter().map(|e| e.as_str().to_owned())))
        .filter(user::Column::Active.eq(true))
        .all(db)
        .await?;
    emails
        .iter()
        .map(|e| {
            found
                .iter()
                .find(|u| u.email == e.as_str())
                .map(|u| u.id)
                .ok_or_else(|| {
                    AppError::invalid(field, crate::core::error::FieldError::UnknownUser)
                })
        })
        .collect()
}

/// The names of the users `ids`, by id; unknown ids are left out.
pub async fn user_names(
    db: &impl ConnectionTrait,
    ids: impl IntoIterator<Item = i32>,
) -> Result<HashMap<i32, String>, AppError> {
    let mut ids: Vec<i32> = ids.into_iter().collect();
    ids.sort_unstable();
    ids.dedup();
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    Ok(user::Entity::find()
        .filter(user::Column::Id.is_in(ids))
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.id, u.name))
        .collect())
}
