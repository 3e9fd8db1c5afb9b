//! Server functions for the organisation pages: thin wrappers over the service layer.

use leptos::prelude::*;

use crate::core::error::AppError;
use crate::org::domain::{OrganisationSummary, SectorWithSites};

#[server]
pub async fn list_organisation() -> Result<Vec<SectorWithSites>, AppError> {
    let state = crate::core::state::app_state()?;
    let actor = crate::auth::service::current_actor().await?;
    crate::org::service::list_organisation(&state.db, &actor).await
}

#[server]
pub async fn get_organisation_summary() -> Result<OrganisationSummary, AppError> {
    let state = crate::core::state::app_state()?;
    let actor = crate::auth::service::current_actor().await?;
    crate::org::service::organisation_summary(&state.db, &actor).await
}

#[server]
pub async fn import_sites_csv(csv: String) -> Result<crate::core::import::ImportReport, AppError> {
    let state = crate::core::state::app_state()?;
    let actor = crate::auth::service::current_actor().await?;
    let now = time::OffsetDateTime::now_utc();
    crate::org::csv::import_sites(&state.db, &actor, &csv, now).await
}
