//! The notifications' server functions: thin wrappers over the service layer.

use leptos::prelude::*;

use crate::core::error::AppError;

#[cfg(feature = "ssr")]
pub async fn load_mine() -> Result<(Vec<crate::notifications::domain::Notification>, u64), AppError>
{
    let (state, actor) = crate::auth::service::acting().await?;
    crate::notifications::service::my_notifications(&state.db, &actor).await
}

#[server]
pub async fn mark_notifications_read() -> Result<(), AppError> {
    let (state, actor) = crate::auth::service::acting().await?;
    let now = crate::core::state::now();
    crate::notifications::service::mark_all_read(&state.db, &actor, now).await?;
    crate::auth::service::answer_form("read", crate::core::notice::Notice::Done, "/varsler").await
}
