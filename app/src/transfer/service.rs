//! The only code that reads and writes CSV files of sites and users.

use std::collections::{HashMap, HashSet};

use sea_orm::{
    ActiveModelTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryOrder, Set,
};
use serde_json::json;
use time::OffsetDateTime;

use crate::auth::service::grants_of;
use crate::auth::{Action, Actor, Scope, authorize};
use crate::core::audit_trail::{AuditEvent, record};
use crate::core::error::{AppError, FieldError, FieldErrors, RowProblem};
use crate::core::parse::Language;
use crate::entities::{sector, service_site, user};
use crate::org::domain::{NewServiceSite, parse_site_dates};
use crate::transfer::domain::{
    ImportReport, MAX_IMPORT_BYTES, SITE_COLUMNS, USER_COLUMNS, detect_delimiter, file_problem,
    split_role_token,
};
use crate::users::domain::{NewUserFields, RoleInput};
use crate::users::service::insert_user;

/// A read CSV file: each data row with its line number, its cells by column name.
struct Rows(Vec<(u64, HashMap<String, String>)>);

impl Rows {
    /// Reads `text`, requiring the `required` columns (header names are case-insensitive).
    fn read(text: &str, required: &[&str]) -> Result<Self, AppError> {
        if text.len() > MAX_IMPORT_BYTES {
            return Err(AppError::ImportRejected(vec![RowProblem {
                line: 0,
                field: "file".into(),
                error: FieldError::TooLong,
            }]));
        }
        let text = text.trim_start_matches('\u{feff}');
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(detect_delimiter(text))
            .trim(csv::Trim::All)
            .from_reader(text.as_bytes());
        let headers: Vec<String> = reader
            .headers()
            .map_err(|_| AppError::ImportRejected(vec![file_problem(1)]))?
            .iter()
            .map(str::to_lowercase)
            .collect();
        let missing: Vec<RowProblem> = required
            .iter()
            .filter(|c| !headers.iter().any(|h| h == *c))
            .map(|c| RowProblem {
                line: 1,
                field: (*c).to_owned(),
                error: FieldError::InvalidCsv,
            })
            .collect();
        if !missing.is_empty() {
            return Err(AppError::ImportRejected(missing));
        }
        let mut rows = Vec::new();
        let mut problems = Vec::new();
        for record in reader.records() {
            match record {
                Ok(record) => {
                    let line = record.position().map_or(0, |p| p.line());
                    if record.iter().all(str::is_empty) {
                        continue;
                    }
                    let cells = headers
                        .iter()
                        .cloned()
                        .zip(record.iter().map(str::to_owned))
                        .collect();
                    rows.push((line, cells));
                }
                Err(err) => {
                    let line = err.position().map_or(0, |p| p.line());
                    problems.push(file_problem(line));
                }
            }
        }
        if problems.is_empty() {
            Ok(Self(rows))
        } else {
            Err(AppError::ImportRejected(problems))
        }
    }
}

/// (id, name) of every sector.
async fn sector_names(db: &impl ConnectionTrait) -> Result<Vec<(i32, String)>, AppError> {
    Ok(sector::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|s| (s.id, s.name))
        .collect())
}

/// (id, name) of every service site.
async fn site_names(db: &impl ConnectionTrait) -> Result<Vec<(i32, String)>, AppError> {
    Ok(service_site::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|s| (s.id, s.name))
        .collect())
}

/// Lower-cased name → id, for matching the names typed in a file.
fn by_name(names: &[(i32, String)]) -> HashMap<String, i32> {
    names
        .iter()
        .map(|(id, name)| (name.to_lowercase(), *id))
        .collect()
}

fn cell<'a>(cells: &'a HashMap<String, String>, column: &str) -> &'a str {
    cells.get(column).map_or("", String::as_str)
}

fn row_problems(line: u64, errors: FieldErrors, rename: &[(&str, &str)]) -> Vec<RowProblem> {
    errors
        .into_iter()
        .map(|(field, error)| {
            let field = rename
                .iter()
                .find(|(from, _)| field.starts_with(from))
                .map_or(field.clone(), |(_, to)| (*to).to_owned());
            RowProblem { line, field, error }
        })
        .collect()
}

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
    let sectors = by_name(&sector_names(&txn).await?);
    let existing: HashMap<String, service_site::Model> = service_site::Entity::find()
        .all(&txn)
        .await?
        .into_iter()
        .map(|s| (s.name.to_lowercase(), s))
        .collect();
    let mut problems = Vec::new();
    let mut seen = HashSet::new();
    let mut accepted = Vec::new();
    for (line, cells) in &rows.0 {
        let mut errors = FieldErrors::new();
        let sector_id = sectors.get(&cell(cells, "sector").to_lowercase()).copied();
        if sector_id.is_none() {
            errors.insert("sector".into(), FieldError::UnknownReference);
        }
        let dates = parse_site_dates(
            cell(cells, "active_from"),
            cell(cells, "closed_on"),
            &mut errors,
        );
        let name = cell(cells, "name");
        if !name.is_empty() && !seen.insert(name.to_lowercase()) {
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
        return Err(AppError::ImportRejected(problems));
    }
    let mut report = ImportReport {
        created: 0,
        updated: 0,
    };
    for site in accepted {
        match existing.get(&site.name.to_lowercase()) {
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

/// Imports users (new e-mail addresses only). Imported users have no password: they cannot
/// sign in with one until it is set. Every row is checked first; one bad row and nothing is
/// written.
pub async fn import_users(
    db: &DatabaseConnection,
    actor: &Actor,
    text: &str,
    now: OffsetDateTime,
) -> Result<ImportReport, AppError> {
    authorize(actor, Action::ManageUsers)?;
    let rows = Rows::read(text, &USER_COLUMNS[..2])?;
    let txn = crate::core::txn::begin_write(db).await?;
    let sectors = by_name(&sector_names(&txn).await?);
    let sites = by_name(&site_names(&txn).await?);
    let emails: HashSet<String> = user::Entity::find()
        .all(&txn)
        .await?
        .into_iter()
        .map(|u| u.email)
        .collect();
    let mut problems = Vec::new();
    let mut seen = HashSet::new();
    let mut accepted = Vec::new();
    for (line, cells) in &rows.0 {
        let mut errors = FieldErrors::new();
        let home_site = cell(cells, "home_site");
        let home_site_id = if home_site.is_empty() {
            None
        } else {
            let id = sites.get(&home_site.to_lowercase()).copied();
            if id.is_none() {
                errors.insert("home_site".into(), FieldError::UnknownReference);
            }
            id
        };
        let language = match cell(cells, "language") {
            "" => Some(Language::Nb),
            code => Language::parse(&code.to_lowercase()),
        };
        if language.is_none() {
            errors.insert("language".into(), FieldError::InvalidChoice);
        }
        let mut roles = Vec::new();
        for token in cell(cells, "roles")
            .split('|')
            .filter(|t| !t.trim().is_empty())
        {
            let (role, scope) = split_role_token(token);
            let (sector_id, site_id) = match scope.map(str::to_lowercase) {
                None => (None, None),
                Some(name) => match (sectors.get(&name), sites.get(&name)) {
                    (Some(sector), _) => (Some(*sector), None),
                    (None, Some(site)) => (None, Some(*site)),
                    (None, None) => {
                        errors.insert("roles".into(), FieldError::UnknownReference);
                        continue;
                    }
                },
            };
            roles.push(RoleInput {
                role: role.to_owned(),
                sector_id,
                site_id,
            });
        }
        match NewUserFields::parse(
            cell(cells, "name"),
            cell(cells, "email"),
            home_site_id,
            &roles,
        ) {
            Ok(mut fields) => {
                if emails.contains(fields.email.as_str()) {
                    errors.insert("email".into(), FieldError::Taken);
                } else if !seen.insert(fields.email.as_str().to_owned()) {
                    errors.insert("email".into(), FieldError::DuplicateInFile);
                }
                if let Some(language) = language {
                    fields.language = language;
                }
                if errors.is_empty() {
                    accepted.push(fields);
                }
            }
            Err(more) => {
                for (field, error) in more {
                    errors.entry(field).or_insert(error);
                }
            }
        }
        problems.extend(row_problems(*line, errors, &[("roles[", "roles")]));
    }
    if !problems.is_empty() {
        return Err(AppError::ImportRejected(problems));
    }
    for fields in &accepted {
        insert_user(&txn, fields, None, now).await?;
    }
    let event = AuditEvent {
        action: "users.imported",
        object_type: "user",
        object_id: None,
        details: json!({ "created": accepted.len() }),
    };
    record(&txn, actor, event, now).await?;
    txn.commit().await?;
    Ok(ImportReport {
        created: accepted.len(),
        updated: 0,
    })
}

fn write_csv(header: &[&str], rows: Vec<Vec<String>>) -> Result<String, AppError> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    let internal = |e: csv::Error| {
        tracing::error!(error = %e, "csv export failed");
        AppError::Internal
    };
    writer.write_record(header).map_err(internal)?;
    for row in rows {
        writer.write_record(&row).map_err(internal)?;
    }
    let bytes = writer.into_inner().map_err(|e| {
        tracing::error!(error = %e, "csv export failed");
        AppError::Internal
    })?;
    String::from_utf8(bytes).map_err(|_| AppError::Internal)
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

/// Every user as CSV, in the format [`import_users`] reads, plus whether they are active.
pub async fn export_users(db: &impl ConnectionTrait, actor: &Actor) -> Result<String, AppError> {
    authorize(actor, Action::ManageUsers)?;
    let sectors: HashMap<i32, String> = sector_names(db).await?.into_iter().collect();
    let sites: HashMap<i32, String> = site_names(db).await?.into_iter().collect();
    let mut rows = Vec::new();
    for u in user::Entity::find()
        .order_by_asc(user::Column::Name)
        .all(db)
        .await?
    {
        let roles: Vec<String> = grants_of(db, u.id)
            .await?
            .into_iter()
            .map(|g| match g.scope {
                Scope::Everywhere => g.role.as_str().to_owned(),
                Scope::Sector(id) => format!(
                    "{}:{}",
                    g.role.as_str(),
                    sectors.get(&id).cloned().unwrap_or_default()
                ),
                Scope::Site(id) => format!(
                    "{}:{}",
                    g.role.as_str(),
                    sites.get(&id).cloned().unwrap_or_default()
                ),
            })
            .collect();
        rows.push(vec![
            u.name,
            u.email,
            u.home_site_id
                .and_then(|id| sites.get(&id).cloned())
                .unwrap_or_default(),
            u.language,
            roles.join("|"),
            u.active.to_string(),
        ]);
    }
    let mut header = USER_COLUMNS.to_vec();
    header.push("active");
    write_csv(&header, rows)
}
