//! CSV import and export of service sites (DESIGN §3).

use std::collections::{HashMap, HashSet};

use sea_orm::{
    ActiveModelTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryOrder, Set,
};
use serde_json::json;
use time::OffsetDateTime;

use crate::auth::{Action, Actor, authorize};
use crate::core::audit_trail::{AuditEvent, record};
use crate::core::csv_file::{Rows, by_name, cell, row_problems, sector_names, write_csv};
use crate::core::error::{AppError, FieldError, FieldErrors};
use crate::core::import::ImportReport;
use crate::core::parse::name_key;
use crate::entities::service_site;
use crate::org::domain::{NewServiceSite, parse_site_dates};

/// Columns of the sites file, in export order. Import reads them by name, in any order.
pub const SITE_COLUMNS: [&str; 4] = ["name", "sector", "active_from", "closed_on"];
/// Imports service sites: a row whose name exists updates that site, any other row creates
/// one. Every row is checked first; one bad row and nothing is written.
pub async fn import_sites(
    db: &DatabaseConnection,
    actor: &Actor,
    text: &str,
    now: OffsetDateTime,
) -> Result<ImportReport, AppError> {
    authorize(actor, Action::ManageOrganisation)?;
    let rows = Rows::read(text, &SITE_COLUMNS[..3])?;
    let txn = crate::core::txn::begin_write(db).await?;
    crate::core::txn::take_turn(&txn, crate::core::txn::Turn::Names).await?;
    let sectors = by_name(&sector_names(&txn).await?);
    let existing: HashMap<String, service_site::Model> = service_site::Entity::find()
        .all(&txn)
        .await?
        .into_iter()
        .map(|s| (name_key(&s.name), s))
        .collect();
    let mut problems = Vec::new();
    let mut seen = HashSet::new();
    let mut accepted = Vec::new();
    for (line, cells) in &rows.0 {
        let mut errors = FieldErrors::new();
        let sector_id = sectors.get(&name_key(cell(cells, "sector"))).copied();
        if sector_id.is_none() {
            errors.insert("sector".into(), FieldError::UnknownReference);
        }
        let dates = parse_site_dates(
            cell(cells, "active_from"),
            cell(cells, "closed_on"),
            &mut errors,
        );
        let name = cell(cells, "name");
        if !name.is_empty() && !seen.insert(name_key(name)) {
            errors.insert("name".into(), FieldError::DuplicateInFile);
        }
        if let (Some(sector_id), Some((active_from, closed_on))) = (sector_id, dates) {
            match NewServiceSite::parse(sector_id, name, active_from, closed_on) {
                Ok(site) if errors.is_empty() => accepted.push(site),
                Ok(_) => {}
                Err(more) => errors.extend(more),
            }
        }
        problems.extend(row_problems(*line, errors, &[]));
    }
    if !problems.is_empty() {
        return Err(AppError::rejected(problems));
    }
    let mut report = ImportReport {
        created: 0,
        updated: 0,
    };
    for site in accepted {
        match existing.get(&name_key(&site.name)) {
            Some(current) => {
                let unchanged = current.sector_id == site.sector_id
                    && current.active_from == site.active_from
                    && current.closed_on == site.closed_on;
                if !unchanged {
                    let mut row: service_site::ActiveModel = current.clone().into();
                    row.sector_id = Set(site.sector_id);
                    row.active_from = Set(site.active_from);
                    row.closed_on = Set(site.closed_on);
                    row.update(&txn).await?;
                    report.updated += 1;
                }
            }
            None => {
                service_site::ActiveModel {
                    sector_id: Set(site.sector_id),
                    name: Set(site.name),
                    active_from: Set(site.active_from),
                    closed_on: Set(site.closed_on),
                    ..Default::default()
                }
                .insert(&txn)
                .await?;
                report.created += 1;
            }
        }
    }
    let event = AuditEvent {
        action: "sites.imported",
        object_type: "service_site",
        object_id: None,
        details: json!({ "created": report.created, "updated": report.updated }),
    };
    record(&txn, actor, event, now).await?;
    txn.commit().await?;
    Ok(report)
}

/// Every service site as CSV, in the format [`import_sites`] reads.
pub async fn export_sites(db: &impl ConnectionTrait, actor: &Actor) -> Result<String, AppError> {
    authorize(actor, Action::ManageOrganisation)?;
    let sectors: HashMap<i32, String> = sector_names(db).await?.into_iter().collect();
    let rows = service_site::Entity::find()
        .order_by_asc(service_site::Column::Name)
        .all(db)
        .await?
        .into_iter()
        .map(|s| {
            vec![
                s.name,
                sectors.get(&s.sector_id).cloned().unwrap_or_default(),
                s.active_from.to_string(),
                s.closed_on.map(|d| d.to_string()).unwrap_or_default(),
            ]
        })
        .collect();
    write_csv(&SITE_COLUMNS, rows)
}
