//! The only code that reads and writes sectors and service sites. Every function checks the
//! actor's permission first.

use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait,
    PaginatorTrait, QueryFilter, QueryOrder, Set, TransactionTrait,
};

use crate::auth::{Action, Actor, authorize};
use crate::entities::{sector, service_site};
use crate::error::{AppError, FieldError};
use crate::org::demo::demo_organisation;
use crate::org::domain::{
    NewSector, NewServiceSite, OrganisationSummary, Sector, SectorWithSites, ServiceSite,
    group_by_sector,
};

impl From<sector::Model> for Sector {
    fn from(m: sector::Model) -> Self {
        Self {
            id: m.id,
            name: m.name,
        }
    }
}

impl From<service_site::Model> for ServiceSite {
    fn from(m: service_site::Model) -> Self {
        Self {
            id: m.id,
            sector_id: m.sector_id,
            name: m.name,
            active_from: m.active_from,
            closed_on: m.closed_on,
        }
    }
}

/// Every sector (in the order they were created) with its sites (by name).
pub async fn list_organisation(
    db: &impl ConnectionTrait,
    actor: &Actor,
) -> Result<Vec<SectorWithSites>, AppError> {
    authorize(actor, Action::ViewOrganisation)?;
    let sectors = sector::Entity::find()
        .order_by_asc(sector::Column::Id)
        .all(db)
        .await?;
    let sites = service_site::Entity::find()
        .order_by_asc(service_site::Column::Name)
        .all(db)
        .await?;
    Ok(group_by_sector(
        sectors.into_iter().map(Sector::from).collect(),
        sites.into_iter().map(ServiceSite::from).collect(),
    ))
}

pub async fn organisation_summary(
    db: &impl ConnectionTrait,
    actor: &Actor,
) -> Result<OrganisationSummary, AppError> {
    authorize(actor, Action::ViewOrganisation)?;
    let sectors = sector::Entity::find().count(db).await?;
    let sites = service_site::Entity::find().count(db).await?;
    Ok(OrganisationSummary {
        sectors: i64::try_from(sectors).map_err(|_| AppError::Internal)?,
        sites: i64::try_from(sites).map_err(|_| AppError::Internal)?,
    })
}

pub async fn create_sector(
    db: &impl ConnectionTrait,
    actor: &Actor,
    input: NewSector,
) -> Result<Sector, AppError> {
    authorize(actor, Action::ManageOrganisation)?;
    if find_sector_by_name(db, &input.name).await?.is_some() {
        return Err(AppError::conflict("name", FieldError::Taken));
    }
    let model = sector::ActiveModel {
        name: Set(input.name),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(model.into())
}

pub async fn create_site(
    db: &impl ConnectionTrait,
    actor: &Actor,
    input: NewServiceSite,
) -> Result<ServiceSite, AppError> {
    authorize(actor, Action::ManageOrganisation)?;
    if sector::Entity::find_by_id(input.sector_id)
        .one(db)
        .await?
        .is_none()
    {
        return Err(AppError::invalid("sector_id", FieldError::UnknownReference));
    }
    if find_site_by_name(db, &input.name).await?.is_some() {
        return Err(AppError::conflict("name", FieldError::Taken));
    }
    let model = service_site::ActiveModel {
        sector_id: Set(input.sector_id),
        name: Set(input.name),
        active_from: Set(input.active_from),
        closed_on: Set(input.closed_on),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(model.into())
}

/// What a demo seed added.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct SeedReport {
    pub sectors_created: usize,
    pub sites_created: usize,
}

/// Loads the demo organisation. Idempotent: what already exists (by name) is left alone, so a
/// second run creates nothing. All or nothing: one transaction.
pub async fn seed_demo(db: &DatabaseConnection, actor: &Actor) -> Result<SeedReport, AppError> {
    authorize(actor, Action::ManageOrganisation)?;
    let txn = db.begin().await?;
    let mut report = SeedReport::default();
    for demo in demo_organisation() {
        let sector_id = match find_sector_by_name(&txn, demo.name).await? {
            Some(existing) => existing.id,
            None => {
                report.sectors_created += 1;
                let input = NewSector::parse(demo.name).map_err(AppError::Invalid)?;
                create_sector(&txn, actor, input).await?.id
            }
        };
        for (name, active_from) in demo.sites {
            if find_site_by_name(&txn, &name).await?.is_none() {
                let input = NewServiceSite::parse(sector_id, &name, active_from, None)
                    .map_err(AppError::Invalid)?;
                create_site(&txn, actor, input).await?;
                report.sites_created += 1;
            }
        }
    }
    txn.commit().await?;
    Ok(report)
}

async fn find_sector_by_name(
    db: &impl ConnectionTrait,
    name: &str,
) -> Result<Option<sector::Model>, AppError> {
    Ok(sector::Entity::find()
        .filter(sector::Column::Name.eq(name))
        .one(db)
        .await?)
}

async fn find_site_by_name(
    db: &impl ConnectionTrait,
    name: &str,
) -> Result<Option<service_site::Model>, AppError> {
    Ok(service_site::Entity::find()
        .filter(service_site::Column::Name.eq(name))
        .one(db)
        .await?)
}
