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
    let now = time::OffsetDateTime::now_utc();
    let report = crate::org::csv::import_sites(&state.db, &actor, &csv, now).await?;
    answer_form("import-sites", Notice::Imported(report), ADMIN_PAGE).await?;
    Ok(report)
}

/// Parses a sector id from a select; empty or not a number is "choose a valid option".
#[cfg(feature = "ssr")]
fn sector_id(raw: &str) -> Result<i32, crate::core::error::FieldErrors> {
    use crate::core::error::FieldError;
    match crate::core::parse::parse_optional_id(raw) {
        Ok(Some(id)) => Ok(id),
        Ok(None) => Err(FieldError::UnknownReference),
        Err(e) => Err(e),
    }
    .map_err(|e| crate::core::error::FieldErrors::from([("sector_id".to_owned(), e)]))
}

/// Parses the sector and date fields of the site forms, reporting every bad one at once.
#[cfg(feature = "ssr")]
fn site_form(
    sector_id: &str,
    active_from: &str,
    closed_on: &str,
) -> Result<(i32, time::Date, Option<time::Date>), AppError> {
    let mut errors = crate::core::error::FieldErrors::new();
    let sector = self::sector_id(sector_id)
        .map_err(|e| errors.extend(e))
        .ok();
    let dates = crate::org::domain::parse_site_dates(active_from, closed_on, &mut errors);
    match (sector, dates) {
        (Some(sector), Some((from, closed))) => Ok((sector, from, closed)),
        _ => Err(AppError::Invalid(errors)),
    }
}

/// Ok for an administrator of the organisation, Forbidden for anyone else.
#[cfg(feature = "ssr")]
pub async fn check_org_admin() -> Result<(), AppError> {
    let actor = crate::auth::service::current_actor().await?;
    crate::auth::authorize(&actor, crate::auth::Action::ManageOrganisation)
}

#[server]
pub async fn admin_create_sector(name: String) -> Result<(), AppError> {
    let (state, actor) = crate::auth::service::acting().await?;
    crate::auth::authorize(&actor, crate::auth::Action::ManageOrganisation)?;
    let input = crate::org::domain::NewSector::parse(&name).map_err(AppError::Invalid)?;
    let now = time::OffsetDateTime::now_utc();
    crate::org::service::create_sector(&state.db, &actor, input, now).await?;
    answer_form("new-sector", Notice::Done, ADMIN_PAGE).await
}

#[server]
pub async fn admin_rename_sector(sector_id: String, name: String) -> Result<(), AppError> {
    let (state, actor) = crate::auth::service::acting().await?;
    crate::auth::authorize(&actor, crate::auth::Action::ManageOrganisation)?;
    let sector = self::sector_id(&sector_id).map_err(AppError::Invalid)?;
    let input = crate::org::domain::NewSector::parse(&name).map_err(AppError::Invalid)?;
    let now = time::OffsetDateTime::now_utc();
    crate::org::service::rename_sector(&state.db, &actor, sector, input, now).await?;
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
    crate::auth::authorize(&actor, crate::auth::Action::ManageOrganisation)?;
    let (sector, from, closed) = site_form(&sector_id, &active_from, &closed_on)?;
    let input = crate::org::domain::NewServiceSite::parse(sector, &name, from, closed)
        .map_err(AppError::Invalid)?;
    let now = time::OffsetDateTime::now_utc();
    crate::org::service::create_site(&state.db, &actor, input, now).await?;
    answer_form("new-site", Notice::Done, ADMIN_PAGE).await
}

#[cfg(feature = "ssr")]
pub async fn get_site(site_id: i32) -> Result<ServiceSite, AppError> {
    let (state, actor) = crate::auth::service::acting().await?;
    crate::org::service::get_site(&state.db, &actor, site_id).await
}

#[server]
pub async fn admin_update_site(
    site_id: i32,
    name: String,
    sector_id: String,
    active_from: String,
    closed_on: String,
) -> Result<(), AppError> {
    use crate::org::domain::SitePatch;

    let (state, actor) = crate::auth::service::acting().await?;
    crate::auth::authorize(&actor, crate::auth::Action::ManageOrganisation)?;
    let (sector, from, closed) = site_form(&sector_id, &active_from, &closed_on)?;
    let patch = SitePatch {
        name: Some(name),
        sector_id: Some(sector),
        active_from: Some(from),
        closed_on: Some(closed),
    };
    let now = time::OffsetDateTime::now_utc();
    crate::org::service::update_site(&state.db, &actor, site_id, patch, now).await?;
    answer_form("site", Notice::Done, ADMIN_PAGE).await
}
