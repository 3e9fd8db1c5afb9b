//! Sessions: who is signed in, sign-in and sign-out (DESIGN §9).

use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, JoinType, QueryFilter, QueryOrder, QuerySelect,
    RelationTrait,
};
use serde::{Deserialize, Serialize};
use time::{Duration, OffsetDateTime};
use tower_sessions::Session;

use crate::auth::{Actor, Role, RoleGrant, UserActor};
use crate::core::error::AppError;
use crate::entities::{user, user_role};

/// A user's roles with their scopes, oldest grant first.
pub async fn grants_of(
    db: &impl ConnectionTrait,
    user_id: i32,
) -> Result<Vec<RoleGrant>, AppError> {
    Ok(grants_of_many(db, &[user_id])
        .await?
        .remove(&user_id)
        .unwrap_or_default())
}

/// The roles of each of `user_ids`, oldest grant first, in one query (lists and exports: no
/// query per user).
pub async fn grants_of_many(
    db: &impl ConnectionTrait,
    user_ids: &[i32],
) -> Result<std::collections::HashMap<i32, Vec<RoleGrant>>, AppError> {
    let mut grants: std::collections::HashMap<i32, Vec<RoleGrant>> =
        user_ids.iter().map(|id| (*id, Vec::new())).collect();
    if user_ids.is_empty() {
        return Ok(grants);
    }
    let rows = user_role::Entity::find()
        .filter(user_role::Column::UserId.is_in(user_ids.iter().copied()))
        .order_by_asc(user_role::Column::Id)
        .all(db)
        .await?;
    for row in rows {
        if let (Some(grant), Some(list)) = (grant_of(&row), grants.get_mut(&row.user_id)) {
            list.push(grant);
        }
    }
    Ok(grants)
}

/// The grant a role row holds (none for a role this version does not know).
fn grant_of(row: &user_role::Model) -> Option<RoleGrant> {
    Role::parse(&row.role).and_then(|role| RoleGrant::new(role, row.sector_id, row.site_id).ok())
}

/// The user `user_id` with their roles, oldest grant first, in one statement: every request
/// of a signed-in user asks this (issue 27).
async fn user_with_grants(
    db: &impl ConnectionTrait,
    user_id: i32,
) -> Result<Option<(user::Model, Vec<RoleGrant>)>, AppError> {
    let mut rows = user::Entity::find_by_id(user_id)
        .join(JoinType::LeftJoin, user_role::Relation::User.def().rev())
        .select_also(user_role::Entity)
        .order_by_asc(user_role::Column::Id)
        .all(db)
        .await?
        .into_iter();
    let Some((model, first)) = rows.next() else {
        return Ok(None);
    };
    let grants = first
        .into_iter()
        .chain(rows.filter_map(|(_, role)| role))
        .filter_map(|row| grant_of(&row))
        .collect();
    Ok(Some((model, grants)))
}

/// The signed-in user behind a session, if the account is still active.
pub async fn load_user_actor(
    db: &impl ConnectionTrait,
    user_id: i32,
) -> Result<Option<UserActor>, AppError> {
    Ok(user_with_grants(db, user_id)
        .await?
        .and_then(|(model, roles)| active_user_actor(model, roles)))
}

/// The user as an actor, if the account is still active.
fn active_user_actor(model: user::Model, roles: Vec<RoleGrant>) -> Option<UserActor> {
    (model.active && model.anonymised_at.is_none()).then_some(UserActor {
        id: model.id,
        name: model.name,
        home_site_id: model.home_site_id,
        roles,
    })
}

/// A session ends after this long without a request (set on the session layer).
pub const IDLE_TIMEOUT: Duration = Duration::hours(2);
/// A session ends this long after sign-in, however active.
pub const ABSOLUTE_TIMEOUT: Duration = Duration::hours(12);

const AUTH_KEY: &str = "auth";

#[derive(Debug, Serialize, Deserialize)]
struct SessionAuth {
    user_id: i32,
    #[serde(with = "time::serde::timestamp")]
    signed_in_at: OffsetDateTime,
    /// The user's session generation at sign-in; a password change moves the user's on and
    /// so ends every session still on the old one (issue 11).
    #[serde(default)]
    generation: i32,
}

fn session_error(err: tower_sessions::session::Error) -> AppError {
    tracing::error!(error = %err, "session store error");
    AppError::Unavailable
}

/// The actor behind a session: anonymous without a sign-in, or when the sign-in is older than
/// [`ABSOLUTE_TIMEOUT`], or when the account was deactivated since (the session then ends).
pub async fn actor_from_session(
    db: &impl ConnectionTrait,
    session: &Session,
    now: OffsetDateTime,
) -> Result<Actor, AppError> {
    let Some(auth) = session
        .get::<SessionAuth>(AUTH_KEY)
        .await
        .map_err(session_error)?
    else {
        return Ok(Actor::Anonymous);
    };
    if now - auth.signed_in_at > ABSOLUTE_TIMEOUT {
        session.flush().await.map_err(session_error)?;
        return Ok(Actor::Anonymous);
    }
    let user = user_with_grants(db, auth.user_id)
        .await?
        .filter(|(model, _)| model.session_generation == auth.generation)
        .and_then(|(model, roles)| active_user_actor(model, roles));
    match user {
        Some(user) => Ok(Actor::User(user)),
        None => {
            session.flush().await.map_err(session_error)?;
            Ok(Actor::Anonymous)
        }
    }
}

/// The user's current session generation (0 for an unknown user).
async fn session_generation(db: &impl ConnectionTrait, user_id: i32) -> Result<i32, AppError> {
    Ok(user::Entity::find_by_id(user_id)
        .one(db)
        .await?
        .map_or(0, |u| u.session_generation))
}

/// After the signed-in user changed their own password: this session carries on under the
/// new generation, while their other sessions have ended.
pub async fn keep_session_after_password_change(
    db: &impl ConnectionTrait,
    session: &Session,
) -> Result<(), AppError> {
    let Some(mut auth) = session
        .get::<SessionAuth>(AUTH_KEY)
        .await
        .map_err(session_error)?
    else {
        return Ok(());
    };
    auth.generation = session_generation(db, auth.user_id).await?;
    session.insert(AUTH_KEY, auth).await.map_err(session_error)
}

/// Marks the session as signed in, under a new session id (no session fixation).
pub async fn start_session(
    db: &impl ConnectionTrait,
    session: &Session,
    user: &UserActor,
    now: OffsetDateTime,
) -> Result<(), AppError> {
    session.cycle_id().await.map_err(session_error)?;
    let auth = SessionAuth {
        user_id: user.id,
        signed_in_at: now,
        generation: session_generation(db, user.id).await?,
    };
    session.insert(AUTH_KEY, auth).await.map_err(session_error)
}

/// Where the session's key for the provider's sign-out address is kept (issue 31).
pub const PROVIDER_SIGN_OUT_KEY: &str = "sso_sign_out";

/// The provider's sign-out address for this session, if it was signed in through one that
/// publishes an `end_session_endpoint` (written at sign-in by the server's SSO pages).
pub async fn provider_sign_out(session: &Session) -> Option<String> {
    session
        .get::<String>(PROVIDER_SIGN_OUT_KEY)
        .await
        .ok()
        .flatten()
}

/// Ends the session: its row is deleted and the cookie cleared.
pub async fn end_session(session: &Session) -> Result<(), AppError> {
    session.flush().await.map_err(session_error)
}

/// The actor behind the current request (page rendering and server functions).
pub async fn current_actor() -> Result<Actor, AppError> {
    Ok(acting().await?.1)
}

/// What every server function starts with: the shared state and who is acting.
pub async fn acting() -> Result<(crate::core::state::AppState, Actor), AppError> {
    // At start-up the router renders the app once with a mock request and without the state,
    // to list its routes; the header's reads then have nothing to read, which is no fault to
    // log (`app_state()` logs a missing state everywhere else).
    let Some(state) = leptos::prelude::use_context::<crate::core::state::AppState>() else {
        return Err(AppError::Unavailable);
    };
    // The router resolves the actor once, before the page renders (`ResolvedActor`): a page's
    // loaders run concurrently, and one of them ending a session (`flush`) while another
    // waited on the session's lock left the request hanging for good (issue 11).
    if let Some(resolved) = leptos::prelude::use_context::<axum::http::request::Parts>()
        .and_then(|parts| parts.extensions.get::<ResolvedActor>().cloned())
    {
        return Ok((state, resolved.0));
    }
    // Not resolved (the database did not answer then): from the session, here.
    let session = current_session().await?;
    let actor = actor_from_session(&state.db, &session, state.clock.now()).await?;
    Ok((state, actor))
}

/// The acting user of a request, resolved from its session by the router before any handler
/// or page runs (in the request's extensions).
#[derive(Clone)]
pub struct ResolvedActor(pub Actor);

pub async fn current_session() -> Result<Session, AppError> {
    leptos_axum::extract::<Session>().await.map_err(|err| {
        tracing::error!(error = %err, "no session layer in front of the app");
        AppError::Internal
    })
}

pub const FLASH_KEY: &str = "flash";

/// Answers an accepted form: keeps `notice` in the session for the next page view only and
/// sends the browser to `to` (post/redirect/get). Without JavaScript the browser follows the
/// redirect; an island's form follows it too (the server-function client navigates). A new
/// token's secret travels this way rather than in the URL, which would leak it into logs and
/// history.
pub async fn answer_form(
    form: &str,
    notice: crate::core::notice::Notice,
    to: &str,
) -> Result<(), AppError> {
    let flash = crate::core::notice::Flash {
        form: form.to_owned(),
        notice,
    };
    current_session()
        .await?
        .insert(FLASH_KEY, flash)
        .await
        .map_err(session_error)?;
    leptos_axum::redirect(to);
    Ok(())
}

/// The notice left by [`answer_form`], removed as it is read (shown once).
pub async fn take_flash() -> Result<Option<crate::core::notice::Flash>, AppError> {
    current_session()
        .await?
        .remove::<crate::core::notice::Flash>(FLASH_KEY)
        .await
        .map_err(session_error)
}
