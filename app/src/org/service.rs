//! The only code that reads and writes sectors and service sites. Every function checks the
//! actor's permission first.

use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait,
    PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Set, TransactionSession,
    TransactionTrait,
};
use serde_json::json;
use time::OffsetDateTime;

use crate::core::audit_trail::{AuditEvent, record};
use crate::core::paging::{PageRequest, Paged};
use crate::core::parse::{Input, name_key, parse_both};

use crate::auth::{Action, Actor, authorize};
use crate::core::error::{AppError, FieldError};
use crate::entities::{sector, service_site};
use crate::org::demo::demo_organisation;
use crate::org::domain::{
    NewSector, NewServiceSite, OrganisationSummary, Sector, SectorWithSites, ServiceSite,
    SitePatch,
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
    Ok(crate::org::directory::Directory::load(db)
        .await?
        .sectors_with_sites())
}

/// The organisation's admin page (issue 25: a page asks once): every sector with its sites,
/// for admins only.
pub async fn admin_page(
    db: &impl ConnectionTrait,
    actor: &Actor,
) -> Result<Vec<SectorWithSites>, AppError> {
    authorize(actor, Action::ManageOrganisation)?;
    Ok(crate::org::directory::Directory::load(db)
        .await?
        .sectors_with_sites())
}

/// A site's edit page: the site, and the sectors it may belong to; for admins only.
pub async fn site_edit_page(
    db: &impl ConnectionTrait,
    actor: &Actor,
    site_id: i32,
) -> Result<(ServiceSite, Vec<SectorWithSites>), AppError> {
    authorize(actor, Action::ManageOrganisation)?;
    let directory = crate::org::directory::Directory::load(db).await?;
    let site = directory
        .sites
        .get(&site_id)
        .cloned()
        .ok_or(AppError::NotFound)?;
    Ok((site, directory.sectors_with_sites()))
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

/// Sectors in the order they were created, one page.
pub async fn list_sectors(
    db: &impl ConnectionTrait,
    actor: &Actor,
    page: impl Input<Parsed = PageRequest>,
) -> Result<Paged<Sector>, AppError> {
    authorize(actor, Action::ViewOrganisation)?;
    let page = page.parse().map_err(AppError::Invalid)?;
    let query = sector::Entity::find().order_by_asc(sector::Column::Id);
    let total = query.clone().count(db).await?;
    let items = query.offset(page.offset).limit(page.limit).all(db).await?;
    Ok(Paged {
        items: items.into_iter().map(Sector::from).collect(),
        total,
        limit: page.limit,
        offset: page.offset,
    })
}

/// Service sites by name, optionally of one sector, one page.
pub async fn list_sites(
    db: &impl ConnectionTrait,
    actor: &Actor,
    sector_id: Option<i32>,
    page: impl Input<Parsed = PageRequest>,
) -> Result<Paged<ServiceSite>, AppError> {
    authorize(actor, Action::ViewOrganisation)?;
    let page = page.parse().map_err(AppError::Invalid)?;
    let mut query = service_site::Entity::find()
        .order_by_asc(service_site::Column::Name)
        .order_by_asc(service_site::Column::Id);
    if let Some(sector_id) = sector_id {
        query = query.filter(service_site::Column::SectorId.eq(sector_id));
    }
    let total = query.clone().count(db).await?;
    let items = query.offset(page.offset).limit(page.limit).all(db).await?;
    Ok(Paged {
        items: items.into_iter().map(ServiceSite::from).collect(),
        total,
        limit: page.limit,
        offset: page.offset,
    })
}

/// One service site.
pub async fn get_site(
    db: &impl ConnectionTrait,
    actor: &Actor,
    site_id: i32,
) -> Result<ServiceSite, AppError> {
    authorize(actor, Action::ViewOrganisation)?;
    service_site::Entity::find_by_id(site_id)
        .one(db)
        .await?
        .map(ServiceSite::from)
        .ok_or(AppError::NotFound)
}

/// Creates a sector (audited). Works on a connection or inside a caller's transaction.
pub async fn create_sector<C>(
    db: &C,
    actor: &Actor,
    input: impl Input<Parsed = NewSector>,
    now: OffsetDateTime,
) -> Result<Sector, AppError>
where
    C: ConnectionTrait + TransactionTrait,
{
    authorize(actor, Action::ManageOrganisation)?;
    let input = input.parse().map_err(AppError::Invalid)?;
    let txn = crate::core::txn::begin_write(db).await?;
    crate::core::txn::take_turn(&txn, crate::core::txn::Turn::Names).await?;
    let created = insert_sector(&txn, input).await?;
    let event = AuditEvent {
        action: "sector.created",
        object_type: "sector",
        object_id: Some(created.id.to_string()),
        details: json!({ "name": created.name }),
    };
    record(&txn, actor, event, now).await?;
    txn.commit().await?;
    Ok(created)
}

/// Renames a sector (audited).
pub async fn rename_sector(
    db: &DatabaseConnection,
    actor: &Actor,
    sector_id: impl Input<Parsed = i32>,
    input: impl Input<Parsed = NewSector>,
    now: OffsetDateTime,
) -> Result<Sector, AppError> {
    authorize(actor, Action::ManageOrganisation)?;
    let (sector_id, input) = parse_both(sector_id, input).map_err(AppError::Invalid)?;
    let txn = crate::core::txn::begin_write(db).await?;
    crate::core::txn::take_turn(&txn, crate::core::txn::Turn::Names).await?;
    let current = sector::Entity::find_by_id(sector_id)
        .one(&txn)
        .await?
        .ok_or_else(|| AppError::invalid("sector_id", FieldError::UnknownReference))?;
    if current.name != input.name {
        if find_sector_by_name(&txn, &input.name).await?.is_some() {
            return Err(AppError::conflict("name", FieldError::Taken));
        }
        let before = current.name.clone();
        let mut row: sector::ActiveModel = current.into();
        row.name = Set(input.name.clone());
        row.update(&txn).await?;
        let event = AuditEvent {
            action: "sector.renamed",
            object_type: "sector",
            object_id: Some(sector_id.to_string()),
            details: json!({ "before": before, "after": input.name }),
        };
        record(&txn, actor, event, now).await?;
    }
    txn.commit().await?;
    Ok(Sector {
        id: sector_id,
        name: input.name,
    })
}

async fn insert_sector(db: &impl ConnectionTrait, input: NewSector) -> Result<Sector, AppError> {
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

/// Creates a service site (audited). Works on a connection or inside a caller's transaction.
pub async fn create_site<C>(
    db: &C,
    actor: &Actor,
    input: impl Input<Parsed = NewServiceSite>,
    now: OffsetDateTime,
) -> Result<ServiceSite, AppError>
where
    C: ConnectionTrait + TransactionTrait,
{
    authorize(actor, Action::ManageOrganisation)?;
    let input = input.parse().map_err(AppError::Invalid)?;
    let txn = crate::core::txn::begin_write(db).await?;
    crate::core::txn::take_turn(&txn, crate::core::txn::Turn::Names).await?;
    let created = insert_site(&txn, input).await?;
    let event = AuditEvent {
        action: "site.created",
        object_type: "service_site",
        object_id: Some(created.id.to_string()),
        details: site_details(&created),
    };
    record(&txn, actor, event, now).await?;
    txn.commit().await?;
    Ok(created)
}

async fn insert_site(
    db: &impl ConnectionTrait,
    input: NewServiceSite,
) -> Result<ServiceSite, AppError> {
    check_sector(db, input.sector_id).await?;
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

async fn check_sector(db: &impl ConnectionTrait, sector_id: i32) -> Result<(), AppError> {
    if sector::Entity::find_by_id(sector_id)
        .one(db)
        .await?
        .is_none()
    {
        return Err(AppError::invalid("sector_id", FieldError::UnknownReference));
    }
    Ok(())
}

fn site_details(site: &ServiceSite) -> serde_json::Value {
    json!({
        "name": site.name,
        "sector_id": site.sector_id,
        "active_from": site.active_from.to_string(),
        "closed_on": site.closed_on.map(|d| d.to_string()),
    })
}

/// Changes a service site: rename, move to another sector, change its dates, or close it on
/// a date (DESIGN §3: coverage then stops counting it from that day). Audited.
pub async fn update_site(
    db: &DatabaseConnection,
    actor: &Actor,
    site_id: i32,
    patch: impl Input<Parsed = SitePatch>,
    now: OffsetDateTime,
) -> Result<ServiceSite, AppError> {
    authorize(actor, Action::ManageOrganisation)?;
    // Read before the write turn is taken, judged after the site is found (issue 26: 404
    // before 422, and a bad body waits on no lock).
    let parsed = patch.parse();
    let txn = crate::core::txn::begin_write(db).await?;
    crate::core::txn::take_turn(&txn, crate::core::txn::Turn::Names).await?;
    let current: ServiceSite = service_site::Entity::find_by_id(site_id)
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?
        .into();
    let patch = parsed.map_err(AppError::Invalid)?;
    let next = patch.apply(&current).map_err(AppError::Invalid)?;
    if next.sector_id != current.sector_id {
        check_sector(&txn, next.sector_id).await?;
    }
    if next.name != current.name
        && find_site_by_name(&txn, &next.name)
            .await?
            .is_some_and(|other| other.id != site_id)
    {
        return Err(AppError::conflict("name", FieldError::Taken));
    }
    let row = service_site::ActiveModel {
        id: Set(site_id),
        sector_id: Set(next.sector_id),
        name: Set(next.name),
        active_from: Set(next.active_from),
        closed_on: Set(next.closed_on),
    };
    let updated: ServiceSite = row.update(&txn).await?.into();
    if updated != current {
        let event = AuditEvent {
            action: "site.updated",
            object_type: "service_site",
            object_id: Some(site_id.to_string()),
            details: json!({ "before": site_details(&current), "after": site_details(&updated) }),
        };
        record(&txn, actor, event, now).await?;
    }
    txn.commit().await?;
    Ok(updated)
}

/// What a demo seed added.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct SeedReport {
    pub sectors_created: usize,
    pub sites_created: usize,
}

/// Loads the demo organisation. Idempotent: what already exists (by name) is left alone, so a
/// second run creates nothing. All or nothing: one transaction.
pub async fn seed_demo(
    db: &DatabaseConnection,
    actor: &Actor,
    now: OffsetDateTime,
) -> Result<SeedReport, AppError> {
    authorize(actor, Action::ManageOrganisation)?;
    let txn = crate::core::txn::begin_write(db).await?;
    let mut report = SeedReport::default();
    // The organisation is read once and the missing sites go in as one statement: a site at a
    // time, each checked against every site, was 800 statements (issue 27: a second of every
    // test that seeds the demo).
    let mut sectors: std::collections::HashMap<String, i32> = sector::Entity::find()
        .all(&txn)
        .await?
        .into_iter()
        .map(|s| (name_key(&s.name), s.id))
        .collect();
    let mut sites: std::collections::HashSet<String> = service_site::Entity::find()
        .all(&txn)
        .await?
        .into_iter()
        .map(|s| name_key(&s.name))
        .collect();
    let mut missing = Vec::new();
    for demo in demo_organisation() {
        let sector_id = match sectors.get(&name_key(demo.name)) {
            Some(existing) => *existing,
            None => {
                report.sectors_created += 1;
                let input = NewSector::parse(demo.name).map_err(AppError::Invalid)?;
                let created = insert_sector(&txn, input).await?.id;
                sectors.insert(name_key(demo.name), created);
                created
            }
        };
        for (name, active_from) in demo.sites {
            let input = NewServiceSite::parse(sector_id, &name, active_from, None)
                .map_err(AppError::Invalid)?;
            if sites.insert(name_key(&input.name)) {
                missing.push(service_site::ActiveModel {
                    sector_id: Set(input.sector_id),
                    name: Set(input.name),
                    active_from: Set(input.active_from),
                    closed_on: Set(input.closed_on),
                    ..Default::default()
                });
            }
        }
    }
    report.sites_created = missing.len();
    if !missing.is_empty() {
        service_site::Entity::insert_many(missing).exec(&txn).await?;
    }
    // One audit row for the whole seed, not one per site.
    if report != SeedReport::default() {
        let event = AuditEvent {
            action: "org.demo_seeded",
            object_type: "organisation",
            object_id: None,
            details: json!({
                "sectors_created": report.sectors_created,
                "sites_created": report.sites_created,
            }),
        };
        record(&txn, actor, event, now).await?;
    }
    txn.commit().await?;
    Ok(report)
}

/// The sector whose name is `name` but for case and spaces (issue 11: uniqueness compares
/// `core::parse::name_key`). The table is small (DESIGN §3: eight sectors); SQLite's
/// `lower()` knows only ASCII, so the keys are compared here rather than in SQL.
async fn find_sector_by_name(
    db: &impl ConnectionTrait,
    name: &str,
) -> Result<Option<sector::Model>, AppError> {
    let key = name_key(name);
    Ok(sector::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .find(|s| name_key(&s.name) == key))
}

/// The service site whose name is `name` but for case and spaces (about 200 rows).
async fn find_site_by_name(
    db: &impl ConnectionTrait,
    name: &str,
) -> Result<Option<service_site::Model>, AppError> {
    let key = name_key(name);
    Ok(service_site::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .find(|s| name_key(&s.name) == key))
}
