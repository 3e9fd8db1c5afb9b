//! CSV import and export of users (DESIGN §2, §3).

use std::collections::{HashMap, HashSet};

use sea_orm::{ConnectionTrait, DatabaseConnection, EntityTrait, QueryOrder};
use serde_json::json;
use time::OffsetDateTime;

use crate::auth::service::grants_of_many;
use crate::auth::{Action, Actor, Scope, authorize};
use crate::core::audit_trail::{AuditEvent, record};
use crate::core::csv_file::{
    Rows, by_name, cell, row_problems, sector_names, site_names, write_csv,
};
use crate::core::error::{AppError, FieldError, FieldErrors};
use crate::core::import::ImportReport;
use crate::core::parse::Language;
use crate::entities::user;
use crate::users::domain::{NewUserFields, RoleInput};
use crate::users::service::insert_user;

/// Columns of the users file. `roles` separates roles with `|`; a manager's scope follows a
/// colon: `editor|manager:Oppvekst skole` (a sector's or a site's name).
pub const USER_COLUMNS: [&str; 5] = ["name", "email", "home_site", "language", "roles"];
/// One role token of the users file: `editor`, or `manager:Oppvekst skole`.
pub fn split_role_token(token: &str) -> (&str, Option<&str>) {
    match token.split_once(':') {
        Some((role, scope)) => (role.trim(), Some(scope.trim())),
        None => (token.trim(), None),
    }
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
            let id = sites.get(&crate::core::parse::name_key(home_site)).copied();
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
            let (sector_id, site_id) = match scope.map(crate::core::parse::name_key) {
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
        return Err(AppError::rejected(problems));
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

/// Every user as CSV, in the format [`import_users`] reads, plus whether they are active.
pub async fn export_users(db: &impl ConnectionTrait, actor: &Actor) -> Result<String, AppError> {
    authorize(actor, Action::ManageUsers)?;
    let sectors: HashMap<i32, String> = sector_names(db).await?.into_iter().collect();
    let sites: HashMap<i32, String> = site_names(db).await?.into_iter().collect();
    let mut rows = Vec::new();
    let users = user::Entity::find()
        .order_by_asc(user::Column::Name)
        .all(db)
        .await?;
    let ids: Vec<i32> = users.iter().map(|u| u.id).collect();
    let mut grants = grants_of_many(db, &ids).await?;
    for u in users {
        let roles: Vec<String> = grants
            .remove(&u.id)
            .unwrap_or_default()
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn role_tokens_carry_an_optional_scope() {
        assert_eq!(split_role_token(" editor "), ("editor", None));
        assert_eq!(
            split_role_token("manager: Oppvekst skole"),
            ("manager", Some("Oppvekst skole"))
        );
    }
}
