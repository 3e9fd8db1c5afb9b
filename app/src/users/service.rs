//! The only code that reads and writes users and their roles (sign-in and its failures are
//! in `auth::sign_in`).

use sea_orm::sea_query::{Expr, Func};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait,
    PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Set,
};
use serde_json::json;
use time::OffsetDateTime;

use crate::auth::password::{Password, hash_password, verify_password};
use crate::auth::service::grants_of;
use crate::auth::{Action, Actor, Role, RoleGrant, authorize};
use crate::core::audit_trail::{AuditEvent, record};
use crate::core::error::{AppError, FieldError, FieldErrors};
use crate::core::paging::{PageRequest, Paged};
use crate::core::parse::{Email, Language};
use crate::entities::{sector, service_site, user, user_role};
use crate::users::domain::{
    NewUserFields, ProfileFields, UserRecord, anonymised_email, anonymised_name,
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

    let txn = crate::core::txn::begin_write(db).await?;
    check_references(&txn, fields.home_site_id, &fields.roles).await?;
    if find_by_email(&txn, &fields.email).await?.is_some() {
        return Err(AppError::conflict("email", FieldError::Taken));
    }
    let hash = hash_password(&password).await?;
    let created = insert_user(&txn, &fields, Some(hash), now).await?;
    let roles: Vec<&str> = fields.roles.iter().map(|g| g.role.as_str()).collect();
    // The e-mail is not copied into the log: the log outlives anonymisation.
    let details = json!({ "roles": roles });
    audit_user(&txn, actor, "user.created", created.id, details, now).await?;
    let created = record_of(&txn, created).await?;
    txn.commit().await?;
    Ok(created)
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
async fn audit_user(
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
async fn find_user(db: &impl ConnectionTrait, user_id: i32) -> Result<user::Model, AppError> {
    user::Entity::find_by_id(user_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)
}

/// The admin's view of one stored user.
async fn record_of(db: &impl ConnectionTrait, model: user::Model) -> Result<UserRecord, AppError> {
    Ok(UserRecord {
        roles: grants_of(db, model.id).await?,
        id: model.id,
        name: model.name,
        email: model.email,
        home_site_id: model.home_site_id,
        language: Language::parse(&model.language).unwrap_or_default(),
        active: model.active,
        anonymised: model.anonymised_at.is_some(),
    })
}

/// Unknown sites and sectors are refused before anything is written.
async fn check_references(
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

/// Users whose name or e-mail contains `query` (case-insensitive), by name, one page.
/// Anonymised users are listed under their replacement name.
pub async fn list_users(
    db: &impl ConnectionTrait,
    actor: &Actor,
    query: &str,
    page: PageRequest,
) -> Result<Paged<UserRecord>, AppError> {
    use sea_orm::sea_query::ExprTrait as _;

    authorize(actor, Action::ManageUsers)?;
    let mut select = user::Entity::find()
        .order_by_asc(user::Column::Name)
        .order_by_asc(user::Column::Id);
    let needle = query.trim().to_lowercase();
    if !needle.is_empty() {
        let pattern = format!("%{needle}%");
        select = select.filter(
            Expr::expr(Func::lower(Expr::col(user::Column::Name)))
                .like(pattern.clone())
                .or(user::Column::Email.like(pattern)),
        );
    }
    let total = select.clone().count(db).await?;
    let mut items = Vec::new();
    for model in select.offset(page.offset).limit(page.limit).all(db).await? {
        items.push(record_of(db, model).await?);
    }
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

/// Gives `user_id` one more role (a no-op if they hold it already). Audited.
pub async fn grant_role(
    db: &DatabaseConnection,
    actor: &Actor,
    user_id: i32,
    grant: RoleGrant,
    now: OffsetDateTime,
) -> Result<UserRecord, AppError> {
    authorize(actor, Action::ManageUsers)?;
    let txn = crate::core::txn::begin_write(db).await?;
    let model = find_user(&txn, user_id).await?;
    if model.anonymised_at.is_some() {
        return Err(AppError::NotFound);
    }
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
    grant: RoleGrant,
    now: OffsetDateTime,
) -> Result<UserRecord, AppError> {
    authorize(actor, Action::ManageUsers)?;
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

fn grant_details(grant: &RoleGrant) -> serde_json::Value {
    json!({
        "role": grant.role.as_str(),
        "sector_id": grant.sector_id(),
        "site_id": grant.site_id(),
    })
}

/// DESIGN §9: replaces a departed user's name and e-mail, removes their password, roles and
/// tokens and deactivates them. Their id stays, so every decision they took keeps its actor.
/// Irreversible; not for one's own account.
pub async fn anonymise_user(
    db: &DatabaseConnection,
    actor: &Actor,
    user_id: i32,
    now: OffsetDateTime,
) -> Result<UserRecord, AppError> {
    authorize(actor, Action::ManageUsers)?;
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
        audit_user(&txn, actor, "user.anonymised", user_id, json!({}), now).await?;
    }
    let model = find_user(&txn, user_id).await?;
    let updated = record_of(&txn, model).await?;
    txn.commit().await?;
    Ok(updated)
}

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
    fields: ProfileFields,
    now: OffsetDateTime,
) -> Result<UserRecord, AppError> {
    authorize(actor, Action::ManageOwnAccount)?;
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
    let mut row: user::ActiveModel = model.into();
    row.password_hash = Set(Some(hash));
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
    let mut row: user::ActiveModel = model.into();
    row.password_hash = Set(Some(hash));
    row.update(&txn).await?;
    audit_user(&txn, actor, "user.password_set", user_id, json!({}), now).await?;
    txn.commit().await?;
    Ok(())
}

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
    }))
}

fn rfc3339(at: OffsetDateTime) -> String {
    at.format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default()
}
