//! Adding and removing a project's members, participating sites, partners and funding
//! sources (DESIGN §4). Its owner and members may (or an admin); each change is one
//! transaction with its audit row.

use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait,
    PaginatorTrait, QueryFilter, Set,
};
use serde_json::json;
use time::OffsetDateTime;

use crate::auth::Actor;
use crate::core::error::{AppError, FieldError};
use crate::core::parse::{Input, name_key};
use crate::core::timefmt::oslo_date;
use crate::portfolio::entities::{project, project_funding, project_member, project_partner, project_site};
use crate::entities::service_site;
use crate::core::parse::PersonRef;
use crate::portfolio::domain::involvement::{Addition, Part};

use super::phases::editable_project;

/// At most this many of each part per project: a form posted in a loop stops here.
pub const MAX_PER_PART: u64 = 100;

/// Adds a member, a participating site, a partner or a funding source to the project.
/// Returns the id of what was added (the user, the site, the partner or the funding row).
pub async fn add_to_project(
    db: &DatabaseConnection,
    actor: &Actor,
    project_id: i32,
    input: impl Input<Parsed = Addition>,
    now: OffsetDateTime,
) -> Result<i32, AppError> {
    let txn = crate::core::txn::begin_write(db).await?;
    let found = editable_project(&txn, actor, project_id).await?;
    let addition = input.parse().map_err(AppError::Invalid)?;
    let part = addition.part();
    let (field, existing) = match part {
        Part::Members => (
            "user",
            count_of::<project_member::Entity>(&txn, project_member::Column::ProjectId, project_id)
                .await?,
        ),
        Part::Sites => (
            "site_id",
            count_of::<project_site::Entity>(&txn, project_site::Column::ProjectId, project_id)
                .await?,
        ),
        Part::Partners => (
            "name",
            count_of::<project_partner::Entity>(
                &txn,
                project_partner::Column::ProjectId,
                project_id,
            )
            .await?,
        ),
        Part::Funding => (
            "source",
            count_of::<project_funding::Entity>(
                &txn,
                project_funding::Column::ProjectId,
                project_id,
            )
            .await?,
        ),
    };
    if existing >= MAX_PER_PART {
        return Err(AppError::invalid(field, FieldError::TooMany));
    }
    let added = match addition {
        Addition::Member(who) => add_member(&txn, &found, who).await?,
        Addition::Site(site_id) => add_site(&txn, &found, site_id, now).await?,
        Addition::Partner { kind, name } => {
            let key = name_key(&name);
            let twin = project_partner::Entity::find()
                .filter(project_partner::Column::ProjectId.eq(project_id))
                .filter(project_partner::Column::Kind.eq(kind.as_str()))
                .all(&txn)
                .await?
                .into_iter()
                .any(|p| name_key(&p.name) == key);
            if twin {
                return Err(AppError::conflict("name", FieldError::Taken));
            }
            project_partner::ActiveModel {
                project_id: Set(project_id),
                kind: Set(kind.as_str().to_owned()),
                name: Set(name),
                ..Default::default()
            }
            .insert(&txn)
            .await?
            .id
        }
        Addition::Funding { source, amount } => {
            project_funding::ActiveModel {
                project_id: Set(project_id),
                source: Set(source),
                amount_nok: Set(amount.0),
                ..Default::default()
            }
            .insert(&txn)
            .await?
            .id
        }
    };
    let details = json!({ "part": part.as_str(), "id": added });
    let about = if part == Part::Members { vec![added] } else { vec![] };
    super::audit_about(
        &txn,
        actor,
        "project.involvement_added",
        ("project", project_id),
        &about,
        details,
        now,
    )
    .await?;
    super::touch(&txn, project_id, now).await?;
    txn.commit().await?;
    Ok(added)
}

async fn add_member(
    db: &impl ConnectionTrait,
    project: &project::Model,
    who: PersonRef,
) -> Result<i32, AppError> {
    let person = crate::core::people::active_user(db, &who, "user").await?;
    let already = person.id == project.owner_id
        || project_member::Entity::find_by_id((project.id, person.id))
            .one(db)
            .await?
            .is_some();
    if already {
        return Err(AppError::conflict("user", FieldError::Taken));
    }
    project_member::ActiveModel {
        project_id: Set(project.id),
        user_id: Set(person.id),
    }
    .insert(db)
    .await?;
    Ok(person.id)
}

async fn add_site(
    db: &impl ConnectionTrait,
    project: &project::Model,
    site_id: i32,
    now: OffsetDateTime,
) -> Result<i32, AppError> {
    let today = oslo_date(now);
    let site = service_site::Entity::find_by_id(site_id)
        .one(db)
        .await?
        .filter(|s| crate::org::domain::site_active_on(s.active_from, s.closed_on, today))
        .ok_or_else(|| AppError::invalid("site_id", FieldError::UnknownReference))?;
    if site.id == project.lead_site_id {
        return Err(AppError::invalid("site_id", FieldError::LeadSite));
    }
    if project_site::Entity::find_by_id((project.id, site.id))
        .one(db)
        .await?
        .is_some()
    {
        return Err(AppError::conflict("site_id", FieldError::Taken));
    }
    project_site::ActiveModel {
        project_id: Set(project.id),
        site_id: Set(site.id),
    }
    .insert(db)
    .await?;
    Ok(site.id)
}

/// How many rows of `E` the project has (`column` is its project id).
async fn count_of<E>(
    db: &impl ConnectionTrait,
    column: E::Column,
    project_id: i32,
) -> Result<u64, AppError>
where
    E: EntityTrait,
    E::Model: Sync,
{
    Ok(E::find().filter(column.eq(project_id)).count(db).await?)
}

/// Deletes the row of `E` whose columns `(project, key)` are `project_id` and `id`; how
/// many went.
async fn delete_of<E: EntityTrait>(
    db: &impl ConnectionTrait,
    (project, key): (E::Column, E::Column),
    project_id: i32,
    id: i32,
) -> Result<u64, AppError> {
    Ok(E::delete_many()
        .filter(project.eq(project_id))
        .filter(key.eq(id))
        .exec(db)
        .await?
        .rows_affected)
}

/// Removes a member (by user id), a participating site (by site id), a partner or a funding
/// source (by their ids) from the project. The owner cannot be removed. Removing what the
/// project does not have changes nothing and is not an error (a repeated request); the answer
/// says whether anything was removed.
pub async fn remove_from_project(
    db: &DatabaseConnection,
    actor: &Actor,
    project_id: i32,
    part: Part,
    id: i32,
    now: OffsetDateTime,
) -> Result<bool, AppError> {
    let txn = crate::core::txn::begin_write(db).await?;
    let found = editable_project(&txn, actor, project_id).await?;
    if part == Part::Members && id == found.owner_id {
        return Err(AppError::invalid("user", FieldError::ProjectOwner));
    }
    let removed = match part {
        Part::Members => {
            use project_member::Column as C;
            delete_of::<project_member::Entity>(&txn, (C::ProjectId, C::UserId), project_id, id)
                .await?
        }
        Part::Sites => {
            use project_site::Column as C;
            delete_of::<project_site::Entity>(&txn, (C::ProjectId, C::SiteId), project_id, id)
                .await?
        }
        Part::Partners => {
            use project_partner::Column as C;
            delete_of::<project_partner::Entity>(&txn, (C::ProjectId, C::Id), project_id, id)
                .await?
        }
        Part::Funding => {
            use project_funding::Column as C;
            delete_of::<project_funding::Entity>(&txn, (C::ProjectId, C::Id), project_id, id)
                .await?
        }
    };
    if removed == 0 {
        // Already gone (a second click, a retried request): nothing to record.
        return Ok(false);
    }
    let details = json!({ "part": part.as_str(), "id": id });
    let about = if part == Part::Members { vec![id] } else { vec![] };
    super::audit_about(
        &txn,
        actor,
        "project.involvement_removed",
        ("project", project_id),
        &about,
        details,
        now,
    )
    .await?;
    super::touch(&txn, project_id, now).await?;
    txn.commit().await?;
    Ok(true)
}
