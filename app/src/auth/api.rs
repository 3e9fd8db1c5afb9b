//! Server functions for signing in and out: thin wrappers over the service layer.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::core::error::AppError;

/// What the header shows about the person signed in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignedInUser {
    pub name: String,
    pub is_admin: bool,
}

/// A demo account, listed on the sign-in page only when the server runs in demo mode.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DemoAccount {
    pub email: String,
    pub password: String,
    /// None: an employee with no further role.
    pub role: Option<crate::auth::Role>,
}

/// Who is signed in, for the header (read by the server-rendered shell, not an endpoint).
#[cfg(feature = "ssr")]
pub async fn current_user() -> Result<Option<SignedInUser>, AppError> {
    let actor = crate::auth::service::current_actor().await?;
    Ok(actor.user().map(|u| SignedInUser {
        name: u.name.clone(),
        is_admin: u.has_role(crate::auth::Role::Admin),
    }))
}

#[server]
pub async fn sign_in(
    email: String,
    password: String,
    next: Option<String>,
) -> Result<(), AppError> {
    let state = crate::core::state::app_state()?;
    if state.settings.passwords_off {
        return Err(AppError::Forbidden);
    }
    let session = crate::auth::service::current_session().await?;
    let client = crate::core::state::client_addr().await;
    let now = crate::core::state::now();
    let user = crate::auth::sign_in::authenticate(&state.db, &email, &password, &client, now)
        .await?
        .map_err(AppError::SignIn)?;
    crate::auth::service::start_session(&state.db, &session, &user, now).await?;
    // The pages then speak the language the user chose on their profile.
    let language = crate::auth::sign_in::preferred_language(&state.db, user.id).await?;
    crate::core::web::set_language_cookie(language.as_str());
    let target = crate::core::web::safe_local_path(next.as_deref().unwrap_or("/"));
    leptos_axum::redirect(&target);
    Ok(())
}

#[server]
pub async fn sign_out() -> Result<(), AppError> {
    let session = crate::auth::service::current_session().await?;
    // Signed in through the provider: its sign-out follows (RP-initiated logout), and it
    // sends the browser back to the sign-in page's confirmation.
    let at_provider = crate::auth::service::provider_sign_out(&session).await;
    crate::auth::service::end_session(&session).await?;
    // The sign-in page confirms it (issue 10: signing out was never confirmed).
    leptos_axum::redirect(
        at_provider
            .as_deref()
            .unwrap_or(crate::auth::SIGNED_OUT_PAGE),
    );
    Ok(())
}

/// The demo accounts for the sign-in page, when the server runs in demo mode.
#[cfg(feature = "ssr")]
pub async fn demo_accounts() -> Result<Vec<DemoAccount>, AppError> {
    let state = crate::core::state::app_state()?;
    // The demo passwords are for signing in with them: not listed where passwords are off.
    if !state.settings.demo || state.settings.passwords_off {
        return Ok(Vec::new());
    }
    Ok(crate::auth::demo::DEMO_USERS
        .iter()
        .map(|u| DemoAccount {
            email: u.email.to_owned(),
            password: crate::auth::demo::DEMO_PASSWORD.to_owned(),
            role: u.role,
        })
        .collect())
}
