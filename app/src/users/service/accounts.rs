//! Accounts, for admins: create, list, (de)activate, anonymise, set a password; the demo seed.

use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait,
    PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Set,
};
use serde_json::json;
use time::OffsetDateTime;

use crate::auth::password::{Password, hash_password};
use crate::auth::{Action, Actor, Role, authorize};
use crate::core::error::{AppError, FieldError};
use crate::core::paging::{PageRequest, Paged};
use crate::core::parse::{Email, Input};
use crate::entities::{sector, service_site, user, user_role};
use crate::users::domain::{
    Confirmed, NewUserFields, UserRecord, anonymised_email, anonymised_name,
};

use super::{audit_user, check_references, find_by_email, find_user, insert_user, record_of};

/// Creates a user with their roles, in one transaction with its audit row. The permission is
/// checked before the input is.
pub async fn create_user(
    db: &DatabaseConnection,
    actor: &Actor,
    input: impl Input<Parsed = NewUserFields>,
    password: &str,
    now: OffsetDateTime,
) -> Result<UserRecord, AppError> {
    let account = crate::users::domain::WithPassword {
        fields: input,
        password: password.to_owned(),
    };
    add_user(db, actor, account, now).await
}

/// [`create_user`] of an account (fields and password) read only once the caller may manage
/// users (the REST body: issue 26, 401 and 403 before 422).
pub async fn add_user(
    db: &DatabaseConnection,
    actor: &Actor,
    input: impl Input<Parsed = (NewUserFields, String)>,
    now: OffsetDateTime,
) -> Result<UserRecord, AppError> {
    authorize(actor, Action::ManageUsers)?;
    let (fields, password) = input.parse().map_err(AppError::Invalid)?;
    let password = Password::parse(&password, &fields.name, fields.email.as_str())
        .map_err(|e| AppError::invalid("password", e))?;
    // Hashed before the transaction: argon2's tens of milliseconds never hold the write lock.
    let hash = hash_password(&password).await?;
    store_user(db, actor, &fields, hash, now).await
}

/// Stores an account whose password is hashed already, with its roles and audit row, in one
/// transaction.
async fn store_user(
    db: &DatabaseConnection,
    actor: &Actor,
    fields: &NewUserFields,
    hash: String,
    now: OffsetDateTime,
) -> Result<UserRecord, AppError> {
    let txn = crate::core::txn::begin_write(db).await?;
    check_references(&txn, fields.home_site_id, &fields.roles).await?;
    if find_by_email(&txn, &fields.email).await?.is_some() {
        return Err(AppError::conflict("email", FieldError::Taken));
    }
    let created = insert_user(&txn, fields, Some(hash), now).await?;
    let roles: Vec<&str> = fields.roles.iter().map(|g| g.role.as_str()).collect();
    // The e-mail is not copied into the log: the log outlives anonymisation.
    let details = json!({ "roles": roles });
    audit_user(&txn, actor, "user.created", created.id, details, now).await?;
    let created = record_of(&txn, created).await?;
    txn.commit().await?;
    Ok(created)
}

/// Loads the demo accounts (one per role) if missing. Needs the demo organisation first.
/// Returns how many were created.
pub async fn seed_demo_users(
    db: &DatabaseConnection,
    actor: &Actor,
    now: OffsetDateTime,
) -> Result<usize, AppError> {
    use crate::auth::demo::{DEMO_PASSWORD, DEMO_USERS};
    use crate::users::domain::RoleInput;

    authorize(actor, Action::ManageUsers)?;
    let home = site_id_by_name(db, "Sandvika rådhus").await?;
    let school_sector = sector::Entity::find()
        .filter(sector::Column::Name.eq("Oppvekst skole"))
        .one(db)
        .await?
        .map(|s| s.id);
    // One hash for every demo account: their password is the same published one, and nine
    // argon2 runs were a third of a second of every test that seeds them (issue 27).
    let mut hash = None;
    let mut created = 0;
    for demo in &DEMO_USERS {
        let email = Email::parse(demo.email).map_err(|e| AppError::invalid("email", e))?;
        if find_by_email(db, &email).await?.is_some() {
            continue;
        }
        let roles: Vec<RoleInput> = demo
            .role
            .map(|role| RoleInput {
                role: role.as_str().to_owned(),
                sector_id: (role == Role::Manager).then_some(school_sector).flatten(),
                site_id: None,
            })
            .into_iter()
            .collect();
        let fields =
            NewUserFields::parse(demo.name, demo.email, home, &roles).map_err(AppError::Invalid)?;
        let hash = match &hash {
            Some(hash) => String::clone(hash),
            None => {
                let password = Password::parse(DEMO_PASSWORD, demo.name, demo.email)
                    .map_err(|e| AppError::invalid("password", e))?;
                hash.insert(hash_password(&password).await?).clone()
            }
        };
        store_user(db, actor, &fields, hash, now).await?;
        created += 1;
    }
    Ok(created)
}

async fn site_id_by_name(db: &impl ConnectionTrait, name: &str) -> Result<Option<i32>, AppError> {
    Ok(service_site::Entity::find()
        .filter(service_site::Column::Name.eq(name))
        .one(db)
        .await?
        .map(|s| s.id))
}

/// Users whose name or e-mail contains `query` (case-insensitive), by name, one page.
/// Anonymised users are listed under their replacement name.
pub async fn list_users(
    db: &impl ConnectionTrait,
    actor: &Actor,
    query: &str,
    page: impl Input<Parsed = PageRequest>,
) -> Result<Paged<UserRecord>, AppError> {
    authorize(actor, Action::ManageUsers)?;
    let page = page.parse().map_err(AppError::Invalid)?;
    if query.chars().count() > crate::core::search::MAX_SEARCH_CHARS {
        return Err(AppError::invalid("q", crate::core::error::FieldError::TooLong));
    }
    let mut select = user::Entity::find()
        .order_by_asc(user::Column::Name)
        .order_by_asc(user::Column::Id);
    let needle = crate::core::search::needle(query);
    if !needle.is_empty() {
        select = select.filter(crate::core::people::name_or_email_contains(&needle));
    }
    let total = select.clone().count(db).await?;
    let models = select.offset(page.offset).limit(page.limit).all(db).await?;
    let ids: Vec<i32> = models.iter().map(|m| m.id).collect();
    let mut grants = crate::auth::service::grants_of_many(db, &ids).await?;
    let items = models
        .into_iter()
        .map(|m| {
            let roles = grants.remove(&m.id).unwrap_or_default();
            super::record_with(m, roles)
        })
        .collect();
    Ok(Paged {
        items,
        total,
        limit: page.limit,
        offset: page.offset,
    })
}

/// Deactivates or reactivates a user. A deactivated user cannot sign in, and their open
/// sessions end at their next request. Their history stays.
pub async fn set_user_active(
    db: &DatabaseConnection,
    actor: &Actor,
    user_id: i32,
    active: bool,
    now: OffsetDateTime,
) -> Result<(), AppError> {
    authorize(actor, Action::ManageUsers)?;
    if actor.user_id() == Some(user_id) && !active {
        return Err(AppError::invalid("user_id", FieldError::OwnAccount));
    }
    let txn = crate::core::txn::begin_write(db).await?;
    let Some(model) = user::Entity::find_by_id(user_id).one(&txn).await? else {
        return Err(AppError::NotFound);
    };
    if model.active != active {
        let mut row: user::ActiveModel = model.into();
        row.active = Set(active);
        row.update(&txn).await?;
        audit_user(
            &txn,
            actor,
            if active {
                "user.activated"
            } else {
                "user.deactivated"
            },
            user_id,
            json!({}),
            now,
        )
        .await?;
    }
    txn.commit().await?;
    Ok(())
}

/// One user, for the admin.
pub async fn get_user(
    db: &impl ConnectionTrait,
    actor: &Actor,
    user_id: i32,
) -> Result<UserRecord, AppError> {
    authorize(actor, Action::ManageUsers)?;
    let model = find_user(db, user_id).await?;
    record_of(db, model).await
}

/// DESIGN §9: replaces a departed user's name and e-mail, removes their password, roles and
/// tokens and deactivates them, and has every feature in `parts` replace the name where it
/// keeps it as text (`registry::anonymisers`), all in one transaction. Their id stays, so
/// every decision they took keeps its actor. Irreversible, so it needs a confirmation; not
/// for one's own account.
pub async fn anonymise_user(
    db: &DatabaseConnection,
    actor: &Actor,
    user_id: i32,
    confirmation: impl Input<Parsed = Confirmed>,
    parts: &[crate::core::state::Anonymiser],
    now: OffsetDateTime,
) -> Result<UserRecord, AppError> {
    authorize(actor, Action::ManageUsers)?;
    confirmation.parse().map_err(AppError::Invalid)?;
    if actor.user_id() == Some(user_id) {
        return Err(AppError::invalid("user_id", FieldError::OwnAccount));
    }
    let txn = crate::core::txn::begin_write(db).await?;
    let model = find_user(&txn, user_id).await?;
    if model.anonymised_at.is_none() {
        let mut row: user::ActiveModel = model.into();
        row.name = Set(anonymised_name(user_id));
        row.email = Set(anonymised_email(user_id));
        row.password_hash = Set(None);
        row.home_site_id = Set(None);
        row.active = Set(false);
        row.anonymised_at = Set(Some(now));
        row.update(&txn).await?;
        user_role::Entity::delete_many()
            .filter(user_role::Column::UserId.eq(user_id))
            .exec(&txn)
            .await?;
        crate::auth::tokens::revoke_all_tokens(&txn, user_id, now).await?;
        // The provider's key of the person goes too: their next sign-in there links nobody.
        crate::entities::user_identity::Entity::delete_many()
            .filter(crate::entities::user_identity::Column::UserId.eq(user_id))
            .exec(&txn)
            .await?;
        audit_user(&txn, actor, "user.anonymised", user_id, json!({}), now).await?;
    }
    // Every time, not only the first: the features' parts are idempotent, and a user
    // anonymised before a feature had its part gets it by being anonymised again.
    let name = anonymised_name(user_id);
    for part in parts {
        part(&txn, user_id, &name).await?;
    }
    let model = find_user(&txn, user_id).await?;
    let updated = record_of(&txn, model).await?;
    txn.commit().await?;
    Ok(updated)
}

/// An admin sets a new password for a user (an imported user's first password, or one that
/// was forgotten). The user should change it on their profile page. Audited, the password
/// itself never.
pub async fn set_password_by_admin(
    db: &DatabaseConnection,
    actor: &Actor,
    user_id: i32,
    new: &str,
    now: OffsetDateTime,
) -> Result<(), AppError> {
    authorize(actor, Action::ManageUsers)?;
    let model = find_user(db, user_id).await?;
    if model.anonymised_at.is_some() {
        return Err(AppError::NotFound);
    }
    let password = Password::parse(new, &model.name, &model.email)
        .map_err(|e| AppError::invalid("password", e))?;
    let hash = hash_password(&password).await?;
    let txn = crate::core::txn::begin_write(db).await?;
    // Every session signed in under the old password ends (issue 11); the caller's own
    // carries on (`auth::service::keep_session_after_password_change`).
    let generation = model.session_generation.wrapping_add(1);
    let mut row: user::ActiveModel = model.into();
    row.password_hash = Set(Some(hash));
    row.session_generation = Set(generation);
    row.update(&txn).await?;
    audit_user(&txn, actor, "user.password_set", user_id, json!({}), now).await?;
    txn.commit().await?;
    Ok(())
}

/// Most people the person chooser suggests at once.
pub const MAX_SUGGESTIONS: u64 = 8;

/// The person chooser's suggestions (issue 30): active colleagues whose name or e-mail address
/// contains `typed` (two characters at least), by name, each as `Name <address>`, which a
/// person field takes as that address. For any signed-in user: colleagues' names and work
/// addresses are what the municipality's address book shows every employee.
pub async fn suggest_people(
    db: &impl ConnectionTrait,
    actor: &Actor,
    typed: &str,
) -> Result<Vec<String>, AppError> {
    authorize(actor, Action::ManageOwnAccount)?;
    if typed.chars().count() > crate::core::search::MAX_SEARCH_CHARS {
        return Err(AppError::invalid("q", crate::core::error::FieldError::TooLong));
    }
    let needle = crate::core::search::needle(typed);
    if needle.chars().count() < 2 {
        return Ok(Vec::new());
    }
    Ok(user::Entity::find()
        .filter(user::Column::Active.eq(true))
        .filter(crate::core::people::name_or_email_contains(&needle))
        .order_by_asc(user::Column::Name)
        .order_by_asc(user::Column::Id)
        .limit(MAX_SUGGESTIONS)
        .all(db)
        .await?
        .into_iter()
        .map(|u| format!("{} <{}>", u.name, u.email))
        .collect())
}

