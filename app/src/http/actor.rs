//! Who is calling the API: the owner of a Bearer token, or an anonymous caller.

use crate::auth::tokens::{actor_from_token, bearer_secret};
use crate::auth::{Actor, UserActor};
use crate::core::error::AppError;
use crate::core::state::AppState;
use axum::extract::FromRequestParts;
use axum::http::header;
use axum::http::request::Parts;

use crate::http::problem::ApiError;

/// The acting user of an API request. No `Authorization` header: anonymous (who may read
/// what is public); a header with an unknown, revoked or malformed token: 401 at once.
pub struct ApiActor(pub Actor);

impl ApiActor {
    /// Turns a service result into the API's answer: a refusal for an anonymous caller is
    /// "authenticate first" (401), for a signed-in one "not allowed" (403).
    pub fn answer<T>(&self, result: Result<T, AppError>) -> Result<T, ApiError> {
        result.map_err(|error| match (error, &self.0) {
            (AppError::Forbidden, Actor::Anonymous) => ApiError::Unauthorized,
            (error, _) => ApiError::App(error),
        })
    }

    /// The signed-in user, or 401.
    pub fn user(&self) -> Result<&UserActor, ApiError> {
        self.0.user().ok_or(ApiError::Unauthorized)
    }
}

impl FromRequestParts<AppState> for ApiActor {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let Some(value) = parts.headers.get(header::AUTHORIZATION) else {
            return Ok(Self(Actor::Anonymous));
        };
        let secret = value
            .to_str()
            .ok()
            .and_then(bearer_secret)
            .ok_or(ApiError::Unauthorized)?;
        match actor_from_token(&state.db, secret, state.clock.now()).await? {
            Some(user) => Ok(Self(Actor::User(user))),
            None => Err(ApiError::Unauthorized),
        }
    }
}
