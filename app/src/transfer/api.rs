//! Server functions for CSV imports: thin wrappers over the service layer. Exports are plain
//! downloads (see the server's `downloads` module).

use leptos::prelude::*;

use crate::core::error::AppError;
use crate::transfer::domain::ImportReport;

#[server]
pub async fn import_sites_csv(csv: String) -> Result<ImportReport, AppError> {
    let state = crate::core::state::app_state()?;
    let actor = crate::auth::service::current_actor().await?;
    let now = time::OffsetDateTime::now_utc();
    crate::transfer::service::import_sites(&state.db, &actor, &csv, now).await
}

#[server]
pub async fn import_users_csv(csv: String) -> Result<ImportReport, AppError> {
    let state = crate::core::state::app_state()?;
    let actor = crate::auth::service::current_actor().await?;
    let now = time::OffsetDateTime::now_utc();
    crate::transfer::service::import_users(&state.db, &actor, &csv, now).await
}
