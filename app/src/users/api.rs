//! Server functions for user administration: thin wrappers over the service layer.

use leptos::prelude::*;

use crate::core::error::AppError;
use crate::core::paging::Paged;
use crate::users::domain::UserRecord;

#[server]
pub async fn list_users(query: String) -> Result<Paged<UserRecord>, AppError> {
    let state = crate::core::state::app_state()?;
    let actor = crate::auth::service::current_actor().await?;
    let page = crate::core::paging::PageRequest::first_max();
    crate::users::service::list_users(&state.db, &actor, &query, page).await
}

/// Creates a user from the admin form. Empty selects arrive as empty strings.
#[server]
pub async fn admin_create_user(
    name: String,
    email: String,
    password: String,
    home_site_id: String,
    role: String,
    sector_id: String,
) -> Result<i32, AppError> {
    use crate::users::domain::{NewUserFields, RoleInput};

    let state = crate::core::state::app_state()?;
    let actor = crate::auth::service::current_actor().await?;
    crate::auth::authorize(&actor, crate::auth::Action::ManageUsers)?;
    let optional_id = |raw: &str, field: &str| {
        crate::core::parse::parse_optional_id(raw).map_err(|e| AppError::invalid(field, e))
    };
    let home_site_id = optional_id(&home_site_id, "home_site_id")?;
    let roles: Vec<RoleInput> = match role.trim() {
        "" => Vec::new(),
        role => vec![RoleInput {
            role: role.to_owned(),
            sector_id: optional_id(&sector_id, "sector_id")?,
            site_id: None,
        }],
    };
    let fields = NewUserFields::parse(&name, &email, home_site_id, &roles)
        .map_err(|errors| AppError::Invalid(rename_role_errors(errors)))?;
    let now = time::OffsetDateTime::now_utc();
    let created =
        crate::users::service::create_user(&state.db, &actor, fields, &password, now).await?;
    Ok(created.id)
}

/// The form has one role field: report `roles[0]` errors against it.
#[cfg(feature = "ssr")]
fn rename_role_errors(errors: crate::core::error::FieldErrors) -> crate::core::error::FieldErrors {
    errors
        .into_iter()
        .map(|(field, error)| {
            if field.starts_with("roles[") {
                ("role".to_owned(), error)
            } else {
                (field, error)
            }
        })
        .collect()
}

#[server]
pub async fn set_user_active(user_id: i32, active: bool) -> Result<(), AppError> {
    let state = crate::core::state::app_state()?;
    let actor = crate::auth::service::current_actor().await?;
    let now = time::OffsetDateTime::now_utc();
    crate::users::service::set_user_active(&state.db, &actor, user_id, active, now).await
}

#[server]
pub async fn import_users_csv(csv: String) -> Result<crate::core::import::ImportReport, AppError> {
    let state = crate::core::state::app_state()?;
    let actor = crate::auth::service::current_actor().await?;
    let now = time::OffsetDateTime::now_utc();
    crate::users::csv::import_users(&state.db, &actor, &csv, now).await
}
