//! Every server function of the organisation feature: thin wrappers over the service layer.

use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::auth::service::answer_form;
use crate::core::error::AppError;
#[cfg(feature = "ssr")]
use crate::core::notice::Notice;

/// Where an accepted organisation form sends the browser.
#[cfg(feature = "ssr")]
const ADMIN_PAGE: &str = "/admin/organisasjon";
#[cfg(feature = "ssr")]
use crate::org::domain::{OrganisationSummary, SectorWithSites, ServiceSite};

#[cfg(feature = "ssr")]
pub async fn list_organisation() -> Result<Vec<SectorWithSites>, AppError> {
    let (state, actor) = crate::auth::service::acting().await?;
    crate::org::service::list_organisation(&state.db, &actor).await
}

#[cfg(feature = "ssr")]
pub async fn get_organisation_summary() -> Result<OrganisationSummary, AppError> {
    let (state, actor) = crate::auth::service::acting().await?;
    crate::org::service::organisation_summary(&state.db, &actor).await
}

#[server]
pub async fn import_sites_csv(csv: String) -> Result<crate::core::import::ImportReport, AppError> {
    let (state, actor) = crate::auth::service::acting().await?;
    let now = crate::core::state::now();
    let report = crate::org::csv::import_sites(&state.db, &actor, &csv, now).await?;
    answer_form("import-sites", Notice::Imported(report), ADMIN_PAGE).await?;
    Ok(report)
}

/// Ok for an administrator of the organisation, Forbidden for anyone else.
#[cfg(feature = "ssr")]
pub async fn load_admin_page() -> Result<Vec<SectorWithSites>, AppError> {
    let (state, actor) = crate::auth::service::acting().await?;
    crate::org::service::admin_page(&state.db, &actor).await
}

#[server]
pub async fn admin_create_sector(name: String) -> Result<(), AppError> {
    let (state, actor) = crate::auth::service::acting().await?;
    let now = crate::core::state::now();
    let name = crate::org::domain::SectorName(&name);
    crate::org::service::create_sector(&state.db, &actor, name, now).await?;
    answer_form("new-sector", Notice::Done, ADMIN_PAGE).await
}

#[server]
pub async fn admin_rename_sector(sector_id: String, name: String) -> Result<(), AppError> {
    let (state, actor) = crate::auth::service::acting().await?;
    let sector = crate::core::parse::ChosenId {
        field: "sector_id",
        raw: &sector_id,
    };
    let name = crate::org::domain::SectorName(&name);
    let now = crate::core::state::now();
    crate::org::service::rename_sector(&state.db, &actor, sector, name, now).await?;
    answer_form("rename-sector", Notice::Done, ADMIN_PAGE).await
}

#[server]
pub async fn admin_create_site(
    name: String,
    sector_id: String,
    active_from: String,
    closed_on: String,
) -> Result<(), AppError> {
    let (state, actor) = crate::auth::service::acting().await?;
    let form = crate::org::domain::SiteForm {
        name,
        sector_id,
        active_from,
        closed_on,
    };
    let now = crate::core::state::now();
    crate::org::service::create_site(&state.db, &actor, form, now).await?;
    answer_form("new-site", Notice::Done, ADMIN_PAGE).await
}

#[cfg(feature = "ssr")]
pub async fn load_site_edit(
    site_id: i32,
) -> Result<(ServiceSite, Vec<SectorWithSites>), AppError> {
    let (state, actor) = crate::auth::service::acting().await?;
    crate::org::service::site_edit_page(&state.db, &actor, site_id).await
}

#[server]
pub async fn admin_update_site(
    site_id: i32,
    name: String,
    sector_id: String,
    active_from: String,
    closed_on: String,
) -> Result<(), AppError> {
    let (state, actor) = crate::auth::service::acting().await?;
    let form = crate::org::domain::SiteEditForm(crate::org::domain::SiteForm {
        name,
        sector_id,
        active_from,
        closed_on,
    });
    let now = crate::core::state::now();
    crate::org::service::update_site(&state.db, &actor, site_id, form, now).await?;
    answer_form("site", Notice::Done, ADMIN_PAGE).await
}
