use crate::auth::Actor;
use crate::error::AppError;

/// The actor behind the current request. No sign-in exists yet (it comes with the identity
/// feature), so every web request is made by an anonymous visitor.
pub async fn current_actor() -> Result<Actor, AppError> {
    Ok(Actor::Anonymous)
}
