//! Every server function of the users feature (admin, profile, tokens): thin wrappers over
//! the service layer.

use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::auth::service::answer_form;
use crate::auth::tokens::ApiTokenRecord;
use crate::core::error::AppError;
#[cfg(feature = "ssr")]
use crate::core::notice::Notice;
#[cfg(feature = "ssr")]
use crate::core::paging::Paged;
#[cfg(feature = "ssr")]
use crate::org::domain::SectorWithSites;
#[cfg(feature = "ssr")]
use crate::users::domain::UserRecord;

#[cfg(feature = "ssr")]
pub async fn load_users(
    query: String,
) -> Result<(Paged<UserRecord>, Vec<SectorWithSites>), AppError> {
    let (state, actor) = crate::auth::service::acting().await?;
    let page = crate::core::paging::PageRequest::first_max();
    crate::users::service::users_page(&state.db, &actor, &query, page).await
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
) -> Result<(), AppError> {
    let (state, actor) = crate::auth::service::acting().await?;
    let form = crate::users::domain::NewUserForm {
        name,
        email,
        home_site_id,
        role,
        sector_id,
    };
    let now = crate::core::state::now();
    crate::users::service::create_user(&state.db, &actor, form, &password, now).await?;
    answer_form("new-user", Notice::Done, "/admin/brukere").await
}

#[server]
pub async fn set_user_active(user_id: i32, active: bool) -> Result<(), AppError> {
    let (state, actor) = crate::auth::service::acting().await?;
    let now = crate::core::state::now();
    crate::users::service::set_user_active(&state.db, &actor, user_id, active, now).await
}

#[server]
pub async fn import_users_csv(csv: String) -> Result<crate::core::import::ImportReport, AppError> {
    let (state, actor) = crate::auth::service::acting().await?;
    let now = crate::core::state::now();
    let report = crate::users::csv::import_users(&state.db, &actor, &csv, now).await?;
    answer_form("import-users", Notice::Imported(report), "/admin/brukere").await?;
    Ok(report)
}

/// The profile page: the reader's account, the sites to call home, and their API tokens.
#[cfg(feature = "ssr")]
pub async fn load_profile() -> Result<(UserRecord, Vec<SectorWithSites>, Vec<TokenRow>), AppError>
{
    use crate::core::timefmt::oslo_datetime;

    let (state, actor) = crate::auth::service::acting().await?;
    let (user, organisation, tokens) =
        crate::users::service::profile_page(&state.db, &actor).await?;
    let rows = tokens
        .into_iter()
        .map(|token| TokenRow {
            created: oslo_datetime(token.created_at),
            last_used: token.last_used_at.map(oslo_datetime),
            token,
        })
        .collect();
    Ok((user, organisation, rows))
}

#[server]
pub async fn update_profile(
    name: String,
    home_site_id: String,
    language: String,
) -> Result<(), AppError> {
    let (state, actor) = crate::auth::service::acting().await?;
    let form = crate::users::domain::ProfileForm {
        name,
        home_site_id,
        language,
    };
    let now = crate::core::state::now();
    let updated = crate::users::service::update_profile(&state.db, &actor, form, now).await?;
    // The chosen language applies at once, in this browser too.
    crate::core::web::set_language_cookie(updated.language.as_str());
    answer_form("profile", Notice::Done, "/profil").await
}

#[server]
pub async fn change_password(
    current_password: String,
    new_password: String,
) -> Result<(), AppError> {
    let (state, actor) = crate::auth::service::acting().await?;
    let now = crate::core::state::now();
    crate::users::service::change_password(
        &state.db,
        &actor,
        &current_password,
        &new_password,
        now,
    )
    .await?;
    let session = crate::auth::service::current_session().await?;
    crate::auth::service::keep_session_after_password_change(&state.db, &session).await?;
    answer_form("password", Notice::Done, "/profil").await
}

/// Creates one's own API token. The secret is shown once, on the page the browser is sent
/// to; it is not in this function's answer.
#[server]
pub async fn create_token(name: String) -> Result<(), AppError> {
    let (state, actor) = crate::auth::service::acting().await?;
    let now = crate::core::state::now();
    let created = crate::auth::tokens::create_own_token(&state.db, &actor, &name, now).await?;
    answer_form("token", Notice::TokenCreated(created.secret), "/profil").await
}

#[server]
pub async fn revoke_token(token_id: i32) -> Result<(), AppError> {
    let (state, actor) = crate::auth::service::acting().await?;
    let now = crate::core::state::now();
    crate::auth::tokens::revoke_own_token(&state.db, &actor, token_id, now).await
}

/// A token's dates as the list shows them (Oslo time, formatted on the server).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct TokenRow {
    pub token: ApiTokenRecord,
    pub created: String,
    pub last_used: Option<String>,
}

#[cfg(feature = "ssr")]
pub async fn load_user(user_id: i32) -> Result<(UserRecord, Vec<SectorWithSites>), AppError> {
    let (state, actor) = crate::auth::service::acting().await?;
    crate::users::service::user_page(&state.db, &actor, user_id).await
}

#[server]
pub async fn grant_user_role(user_id: i32, role: String, scope: String) -> Result<(), AppError> {
    let (state, actor) = crate::auth::service::acting().await?;
    let form = crate::users::domain::RoleForm { role, scope };
    let now = crate::core::state::now();
    crate::users::service::grant_role(&state.db, &actor, user_id, form, now).await?;
    answer_form("grant", Notice::Done, &format!("/admin/brukere/{user_id}")).await
}

#[server]
pub async fn revoke_user_role(user_id: i32, role: String, scope: String) -> Result<(), AppError> {
    let (state, actor) = crate::auth::service::acting().await?;
    let form = crate::users::domain::RoleForm { role, scope };
    let now = crate::core::state::now();
    crate::users::service::revoke_role(&state.db, &actor, user_id, form, now).await?;
    Ok(())
}

/// Anonymises a user. `confirm` must be ticked: the step cannot be undone.
#[server]
pub async fn anonymise_user(user_id: i32, confirm: Option<String>) -> Result<(), AppError> {
    let (state, actor) = crate::auth::service::acting().await?;
    let confirmation = crate::users::domain::ConfirmBox(confirm);
    let now = crate::core::state::now();
    crate::users::service::anonymise_user(
        &state.db,
        &actor,
        user_id,
        confirmation,
        &state.anonymisers,
        now,
    )
    .await?;
    answer_form(
        "anonymise",
        Notice::Done,
        &format!("/admin/brukere/{user_id}"),
    )
    .await
}

#[server]
pub async fn admin_set_password(user_id: i32, password: String) -> Result<(), AppError> {
    let (state, actor) = crate::auth::service::acting().await?;
    let now = crate::core::state::now();
    crate::users::service::set_password_by_admin(&state.db, &actor, user_id, &password, now)
        .await?;
    answer_form(
        "set-password",
        Notice::Done,
        &format!("/admin/brukere/{user_id}"),
    )
    .await
}
