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

/// The active users whose name is `name`, ignoring case and spacing (`parse::name_key`,
/// stored beside each name: SQLite's `lower()` folds ASCII only).
async fn active_users_named(
    db: &impl ConnectionTrait,
    name: &str,
) -> Result<Vec<user::Model>, AppError> {
    Ok(user::Entity::find()
        .filter(user::Column::NameKey.eq(crate::core::parse::name_key(name)))
        .filter(user::Column::Active.eq(true))
        .all(db)
        .await?)
}

/// A user whose name's key or whose e-mail address contains `needle` (`search::needle`: the
/// same normalisation as the stored key): the person chooser, the user list, the audit log's
/// filter by person.
pub fn name_or_email_contains(needle: &str) -> sea_orm::sea_query::SimpleExpr {
    use sea_orm::sea_query::ExprTrait as _;
    let pattern = crate::core::search::contains(needle);
    user::Column::NameKey
        .like(pattern.clone())
        .or(user::Column::Email.like(pattern))
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

/// The active users `people` name (by name, address or id; `parse_person_list`), their ids
/// in the order named, each once (a name and an address of one person are one); refused as a
/// whole under `field` when one names nobody active or several people.
pub async fn active_user_ids(
    db: &impl ConnectionTrait,
    people: &[crate::core::parse::PersonRef],
    field: &str,
) -> Result<Vec<i32>, AppError> {
    let mut ids = Vec::with_capacity(people.len());
    for person in people {
        let id = active_user(db, person, field).await?.id;
        if !ids.contains(&id) {
            ids.push(id);
        }
    }
    Ok(ids)
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
