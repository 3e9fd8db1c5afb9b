//! What the portfolio publishes for other features (issue 25, STYLE "Features side by side"):
//! the questions they may ask of its projects. No other feature reads the portfolio's tables
//! itself; a prize nomination or a LUP group that names a project asks here.

use std::collections::BTreeMap;

use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

use crate::core::error::AppError;
use crate::portfolio::entities::{project, project_member};

/// A project as another feature needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProjectBrief {
    pub id: i32,
    pub name: String,
    pub owner_id: i32,
    pub lead_site_id: i32,
}

/// The project `id`, if there is one.
pub async fn project_brief(
    db: &impl ConnectionTrait,
    id: i32,
) -> Result<Option<ProjectBrief>, AppError> {
    Ok(project::Entity::find_by_id(id)
        .one(db)
        .await?
        .map(|p| ProjectBrief {
            id: p.id,
            name: p.name,
            owner_id: p.owner_id,
            lead_site_id: p.lead_site_id,
        }))
}

/// The names of the projects `ids`, by id (one query; unknown ids are left out).
pub async fn project_names(
    db: &impl ConnectionTrait,
    ids: impl IntoIterator<Item = i32>,
) -> Result<BTreeMap<i32, String>, AppError> {
    let ids: Vec<i32> = ids.into_iter().collect();
    if ids.is_empty() {
        return Ok(BTreeMap::new());
    }
    Ok(project::Entity::find()
        .filter(project::Column::Id.is_in(ids))
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.id, p.name))
        .collect())
}

/// The people of the project `id`: its owner, then its members (none for no such project).
pub async fn project_people(db: &impl ConnectionTrait, id: i32) -> Result<Vec<i32>, AppError> {
    Ok(projects_people(db, [id]).await?.remove(&id).unwrap_or_default())
}

/// The people of each of the projects `ids`, by id: its owner, then its members (unknown ids
/// are left out). Two statements, whatever the number of projects.
pub async fn projects_people(
    db: &impl ConnectionTrait,
    ids: impl IntoIterator<Item = i32>,
) -> Result<BTreeMap<i32, Vec<i32>>, AppError> {
    let ids: Vec<i32> = ids.into_iter().collect();
    let mut people: BTreeMap<i32, Vec<i32>> = project::Entity::find()
        .filter(project::Column::Id.is_in(ids.clone()))
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.id, vec![p.owner_id]))
        .collect();
    for member in project_member::Entity::find()
        .filter(project_member::Column::ProjectId.is_in(ids))
        .all(db)
        .await?
    {
        if let Some(list) = people.get_mut(&member.project_id) {
            list.push(member.user_id);
        }
    }
    Ok(people)
}

/// What a Tanketanken post may link to here (`core::links`): any project (every employee
/// sees the portfolio, DESIGN §2).
pub async fn link_targets(
    db: &sea_orm::DatabaseConnection,
    ids: &[i32],
) -> Result<Vec<crate::core::links::LinkTarget>, AppError> {
    Ok(project_names(db, ids.iter().copied())
        .await?
        .into_iter()
        .map(|(id, title)| crate::core::links::LinkTarget {
            id,
            title,
            href: format!("/prosjekter/{id}"),
        })
        .collect())
}
