//! The only code that reads and writes users, their roles and sign-in failures.

use sea_orm::sea_query::{Expr, Func};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait,
    PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Set, TransactionTrait,
};
use serde_json::json;
use time::{Duration, OffsetDateTime};

use crate::audit::service::{AuditEvent, record};
use crate::auth::password::{Password, hash_password, verify_password};
use crate::auth::{Action, Actor, Role, RoleGrant, UserActor, authorize};
use crate::entities::{login_failure, sector, service_site, user, user_role};
use crate::error::{AppError, FieldError, FieldErrors};
use crate::users::domain::{
    Email, MAX_FAILURES_PER_ACCOUNT, MAX_FAILURES_PER_CLIENT, NewUserFields, RATE_WINDOW_SECS,
    SignInRefusal, UserRecord, retry_after,
};

/// Creates a user with their roles, in one transaction with its audit row.
pub async fn create_user(
    db: &DatabaseConnection,
    actor: &Actor,
    fields: NewUserFields,
    password: &str,
    now: OffsetDateTime,
) -> Result<UserRecord, AppError> {
    authorize(actor, Action::ManageUsers)?;
    let password = Password::parse(password, &fields.name, fields.email.as_str())
        .map_err(|e| AppError::invalid("password", e))?;

    let txn = db.begin().await?;
    check_references(&txn, &fields).await?;
    if find_by_email(&txn, &fields.email).await?.is_some() {
        return Err(AppError::conflict("email", FieldError::Taken));
    }
    let hash = hash_password(&password).await?;
    let created = user::ActiveModel {
        name: Set(fields.name.clone()),
        email: Set(fields.email.as_str().to_owned()),
        password_hash: Set(Some(hash)),
        home_site_id: Set(fields.home_site_id),
        language: Set(fields.language.as_str().to_owned()),
        active: Set(true),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    for grant in &fields.roles {
        insert_grant(&txn, created.id, grant).await?;
    }
    let roles: Vec<&str> = fields.roles.iter().map(|g| g.role.as_str()).collect();
    let event = AuditEvent {
        action: "user.created",
        object_type: "user",
        object_id: Some(created.id.to_string()),
        details: json!({ "email": created.email, "roles": roles }),
    };
    record(&txn, actor, event, now).await?;
    txn.commit().await?;
    Ok(UserRecord {
        id: created.id,
        name: created.name,
        email: created.email,
        home_site_id: created.home_site_id,
        active: created.active,
        roles: fields.roles,
    })
}

/// Unknown sites and sectors are refused before anything is written.
async fn check_references(
    db: &impl ConnectionTrait,
    fields: &NewUserFields,
) -> Result<(), AppError> {
    let mut errors = FieldErrors::new();
    if let Some(site) = fields.home_site_id
        && service_site::Entity::find_by_id(site)
            .one(db)
            .await?
            .is_none()
    {
        errors.insert("home_site_id".into(), FieldError::UnknownReference);
    }
    for (i, grant) in fields.roles.iter().enumerate() {
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

async fn insert_grant(
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

async fn find_by_email(
    db: &impl ConnectionTrait,
    email: &Email,
) -> Result<Option<user::Model>, AppError> {
    Ok(user::Entity::find()
        .filter(user::Column::Email.eq(email.as_str()))
        .one(db)
        .await?)
}

async fn grants_of(db: &impl ConnectionTrait, user_id: i32) -> Result<Vec<RoleGrant>, AppError> {
    let rows = user_role::Entity::find()
        .filter(user_role::Column::UserId.eq(user_id))
        .order_by_asc(user_role::Column::Id)
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .filter_map(|row| {
            let role = Role::parse(&row.role)?;
            RoleGrant::new(role, row.sector_id, row.site_id).ok()
        })
        .collect())
}

/// The signed-in user behind a session, if the account is still active.
pub async fn load_user_actor(
    db: &impl ConnectionTrait,
    user_id: i32,
) -> Result<Option<UserActor>, AppError> {
    let Some(model) = user::Entity::find_by_id(user_id).one(db).await? else {
        return Ok(None);
    };
    if !model.active || model.anonymised_at.is_some() {
        return Ok(None);
    }
    Ok(Some(UserActor {
        id: model.id,
        name: model.name,
        home_site_id: model.home_site_id,
        roles: grants_of(db, model.id).await?,
    }))
}

/// Checks an e-mail and password (DESIGN §9): rate-limited per account and per client
/// address, the same answer and about the same time for an unknown e-mail as for a wrong
/// password, and every outcome in the audit log.
pub async fn authenticate(
    db: &DatabaseConnection,
    email_raw: &str,
    password: &str,
    client_addr: &str,
    now: OffsetDateTime,
) -> Result<Result<UserActor, SignInRefusal>, AppError> {
    // A malformed address cannot belong to anyone; it is still counted and refused alike.
    let email = Email::parse(email_raw)
        .map(|e| e.as_str().to_owned())
        .unwrap_or_else(|_| email_raw.trim().to_lowercase());
    if let Some(wait) = rate_limited(db, &email, client_addr, now).await? {
        let event = AuditEvent {
            action: "auth.sign_in_rate_limited",
            object_type: "user",
            object_id: None,
            details: json!({ "email": email, "client": client_addr }),
        };
        record(db, &Actor::Anonymous, event, now).await?;
        return Ok(Err(SignInRefusal::TooManyAttempts {
            retry_after_secs: wait,
        }));
    }

    let found = user::Entity::find()
        .filter(user::Column::Email.eq(&email))
        .one(db)
        .await?;
    let usable = found
        .as_ref()
        .filter(|u| u.active && u.anonymised_at.is_none());
    let stored_hash = usable.and_then(|u| u.password_hash.as_deref());
    let verified = verify_password(password, stored_hash).await;

    let txn = db.begin().await?;
    let outcome = match (verified, usable) {
        (true, Some(model)) => {
            // A success clears this account's failures, so its owner is not locked out later.
            login_failure::Entity::delete_many()
                .filter(login_failure::Column::Email.eq(&email))
                .exec(&txn)
                .await?;
            let actor = UserActor {
                id: model.id,
                name: model.name.clone(),
                home_site_id: model.home_site_id,
                roles: grants_of(&txn, model.id).await?,
            };
            let event = AuditEvent {
                action: "auth.signed_in",
                object_type: "user",
                object_id: Some(model.id.to_string()),
                details: json!({ "client": client_addr }),
            };
            record(&txn, &Actor::User(actor.clone()), event, now).await?;
            Ok(actor)
        }
        _ => {
            login_failure::ActiveModel {
                at: Set(now),
                email: Set(email.clone()),
                client_addr: Set(client_addr.to_owned()),
                ..Default::default()
            }
            .insert(&txn)
            .await?;
            let event = AuditEvent {
                action: "auth.sign_in_failed",
                object_type: "user",
                object_id: found.as_ref().map(|u| u.id.to_string()),
                details: json!({ "email": email, "client": client_addr }),
            };
            record(&txn, &Actor::Anonymous, event, now).await?;
            Err(SignInRefusal::WrongCredentials)
        }
    };
    txn.commit().await?;
    Ok(outcome)
}

/// Seconds to wait when the account or the client address has too many recent failures.
async fn rate_limited(
    db: &impl ConnectionTrait,
    email: &str,
    client_addr: &str,
    now: OffsetDateTime,
) -> Result<Option<i64>, AppError> {
    let since = now - Duration::seconds(RATE_WINDOW_SECS);
    let per_account = failures_since(db, login_failure::Column::Email, email, since, now).await?;
    let per_client = failures_since(
        db,
        login_failure::Column::ClientAddr,
        client_addr,
        since,
        now,
    )
    .await?;
    let account_wait = retry_after(per_account.0, per_account.1, MAX_FAILURES_PER_ACCOUNT);
    let client_wait = retry_after(per_client.0, per_client.1, MAX_FAILURES_PER_CLIENT);
    Ok(account_wait.max(client_wait))
}

/// Count of failures matching `column = value` since `since`, and the oldest one's age.
async fn failures_since(
    db: &impl ConnectionTrait,
    column: login_failure::Column,
    value: &str,
    since: OffsetDateTime,
    now: OffsetDateTime,
) -> Result<(u64, i64), AppError> {
    let query = login_failure::Entity::find()
        .filter(column.eq(value))
        .filter(login_failure::Column::At.gt(since));
    let count = query.clone().count(db).await?;
    let oldest = query
        .order_by_asc(login_failure::Column::At)
        .one(db)
        .await?;
    let age = oldest.map_or(0, |f| (now - f.at).whole_seconds());
    Ok((count, age))
}

/// Loads the demo accounts (one per role) if missing. Needs the demo organisation first.
/// Returns how many were created.
pub async fn seed_demo_users(
    db: &DatabaseConnection,
    actor: &Actor,
    now: OffsetDateTime,
) -> Result<usize, AppError> {
    use crate::users::demo::{DEMO_PASSWORD, DEMO_USERS};
    use crate::users::domain::RoleInput;

    authorize(actor, Action::ManageUsers)?;
    let home = site_id_by_name(db, "Sandvika rådhus").await?;
    let school_sector = sector::Entity::find()
        .filter(sector::Column::Name.eq("Oppvekst skole"))
        .one(db)
        .await?
        .map(|s| s.id);
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
        create_user(db, actor, fields, DEMO_PASSWORD, now).await?;
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

/// Most users one list shows.
pub const MAX_LISTED_USERS: u64 = 200;

/// Users whose name or e-mail contains `query` (case-insensitive), by name; at most
/// [`MAX_LISTED_USERS`]. Anonymised users are listed under their replacement name.
pub async fn list_users(
    db: &impl ConnectionTrait,
    actor: &Actor,
    query: &str,
) -> Result<Vec<UserRecord>, AppError> {
    use sea_orm::sea_query::ExprTrait as _;

    authorize(actor, Action::ManageUsers)?;
    let mut select = user::Entity::find()
        .order_by_asc(user::Column::Name)
        .limit(MAX_LISTED_USERS);
    let needle = query.trim().to_lowercase();
    if !needle.is_empty() {
        let pattern = format!("%{needle}%");
        select = select.filter(
            Expr::expr(Func::lower(Expr::col(user::Column::Name)))
                .like(pattern.clone())
                .or(user::Column::Email.like(pattern)),
        );
    }
    let mut records = Vec::new();
    for model in select.all(db).await? {
        records.push(UserRecord {
            roles: grants_of(db, model.id).await?,
            id: model.id,
            name: model.name,
            email: model.email,
            home_site_id: model.home_site_id,
            active: model.active,
        });
    }
    Ok(records)
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
    let txn = db.begin().await?;
    let Some(model) = user::Entity::find_by_id(user_id).one(&txn).await? else {
        return Err(AppError::NotFound);
    };
    if model.active != active {
        let mut row: user::ActiveModel = model.into();
        row.active = Set(active);
        row.update(&txn).await?;
        let event = AuditEvent {
            action: if active {
                "user.activated"
            } else {
                "user.deactivated"
            },
            object_type: "user",
            object_id: Some(user_id.to_string()),
            details: json!({}),
        };
        record(&txn, actor, event, now).await?;
    }
    txn.commit().await?;
    Ok(())
}
