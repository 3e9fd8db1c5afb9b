//! Programmes (DESIGN §4): groups of projects such as Digitalt førstevalg, each with the sums
//! of its projects. Four grouped queries, whatever the number of programmes or projects.

use crate::portfolio::domain::permission::PortfolioAction;
use std::collections::HashMap;

use sea_orm::sea_query::Expr;
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, FromQueryResult, JoinType, QueryFilter, QueryOrder,
    QuerySelect, RelationDef,
};

use crate::auth::{Actor, authorize};
use crate::core::error::AppError;
use crate::core::money::Nok;
use crate::portfolio::entities::{benefit, programme, project, project_funding};
use crate::portfolio::domain::benefit::BenefitKind;
use crate::portfolio::domain::view::{Named, ProgrammeView};

/// Every programme by name, for the portfolio's filter and the project form.
pub async fn programmes(db: &impl ConnectionTrait, actor: &Actor) -> Result<Vec<Named>, AppError> {
    authorize(actor, PortfolioAction::View)?;
    programme_names(db).await
}

/// Every programme by name, for a service function that has checked its permission.
pub(super) async fn programme_names(db: &impl ConnectionTrait) -> Result<Vec<Named>, AppError> {
    Ok(programme::Entity::find()
        .order_by_asc(programme::Column::Name)
        .all(db)
        .await?
        .into_iter()
        .map(|p| Named {
            id: p.id,
            name: p.name,
        })
        .collect())
}

#[derive(FromQueryResult)]
struct Sums {
    id: i32,
    projects: i64,
    first: Option<i64>,
    second: Option<i64>,
}

/// Per programme: the number of projects and the sum of their budgets.
async fn project_sums(
    db: &impl ConnectionTrait,
    only: Option<i32>,
) -> Result<HashMap<i32, Sums>, AppError> {
    let mut query = project::Entity::find()
        .select_only()
        .column_as(project::Column::ProgrammeId, "id")
        .column_as(project::Column::Id.count(), "projects")
        // PostgreSQL sums bigints as numeric: cast back to whole numbers.
        .column_as(
            Expr::cust("CAST(SUM(projects.budget_nok) AS BIGINT)"),
            "first",
        )
        .column_as(Expr::cust("CAST(NULL AS BIGINT)"), "second")
        .filter(project::Column::ProgrammeId.is_not_null())
        .group_by(project::Column::ProgrammeId);
    if let Some(id) = only {
        query = query.filter(project::Column::ProgrammeId.eq(id));
    }
    Ok(by_id(query.into_model::<Sums>().all(db).await?))
}

/// Per programme: the sums of its projects' funding sources.
async fn funding_sums(
    db: &impl ConnectionTrait,
    only: Option<i32>,
) -> Result<HashMap<i32, Sums>, AppError> {
    let to_project: RelationDef = project_funding::Entity::belongs_to(project::Entity)
        .from(project_funding::Column::ProjectId)
        .to(project::Column::Id)
        .into();
    let mut query = project_funding::Entity::find()
        .select_only()
        .column_as(project::Column::ProgrammeId, "id")
        .column_as(project_funding::Column::Id.count(), "projects")
        .column_as(
            Expr::cust("CAST(SUM(project_funding.amount_nok) AS BIGINT)"),
            "first",
        )
        .column_as(Expr::cust("CAST(NULL AS BIGINT)"), "second")
        .join(JoinType::InnerJoin, to_project)
        .filter(project::Column::ProgrammeId.is_not_null())
        .group_by(project::Column::ProgrammeId);
    if let Some(id) = only {
        query = query.filter(project::Column::ProgrammeId.eq(id));
    }
    Ok(by_id(query.into_model::<Sums>().all(db).await?))
}

/// Per programme: the economic benefits' planned and realised gains.
async fn benefit_sums(
    db: &impl ConnectionTrait,
    only: Option<i32>,
) -> Result<HashMap<i32, Sums>, AppError> {
    let to_project: RelationDef = benefit::Entity::belongs_to(project::Entity)
        .from(benefit::Column::ProjectId)
        .to(project::Column::Id)
        .into();
    let mut query = benefit::Entity::find()
        .select_only()
        .column_as(project::Column::ProgrammeId, "id")
        .column_as(benefit::Column::Id.count(), "projects")
        .column_as(Expr::cust(super::benefits::PLANNED_GAIN_SQL), "first")
        .column_as(Expr::cust(super::benefits::REALISED_GAIN_SQL), "second")
        .join(JoinType::InnerJoin, to_project)
        .filter(benefit::Column::Kind.eq(BenefitKind::Economic.as_str()))
        .filter(project::Column::ProgrammeId.is_not_null())
        .group_by(project::Column::ProgrammeId);
    if let Some(id) = only {
        query = query.filter(project::Column::ProgrammeId.eq(id));
    }
    Ok(by_id(query.into_model::<Sums>().all(db).await?))
}

fn by_id(rows: Vec<Sums>) -> HashMap<i32, Sums> {
    rows.into_iter().map(|r| (r.id, r)).collect()
}

/// The programmes (all, or the one `only`), each with its sums.
async fn with_sums(
    db: &impl ConnectionTrait,
    found: Vec<programme::Model>,
    only: Option<i32>,
) -> Result<Vec<ProgrammeView>, AppError> {
    let projects = project_sums(db, only).await?;
    let funding = funding_sums(db, only).await?;
    let benefits = benefit_sums(db, only).await?;
    Ok(found
        .into_iter()
        .map(|p| {
            let of = |sums: &HashMap<i32, Sums>| {
                sums.get(&p.id).map_or((0, 0, 0), |s| {
                    (s.projects, s.first.unwrap_or(0), s.second.unwrap_or(0))
                })
            };
            let (count, budget, _) = of(&projects);
            let (_, funded, _) = of(&funding);
            let (_, planned, realised) = of(&benefits);
            ProgrammeView {
                id: p.id,
                name: p.name,
                description: p.description,
                projects: u64::try_from(count).unwrap_or(0),
                budget: Nok(budget),
                funding: Nok(funded),
                planned_gain_nok: planned,
                realised_gain_nok: realised,
            }
        })
        .collect())
}

/// Every programme by name with the sums of its projects.
pub async fn list_programmes(
    db: &impl ConnectionTrait,
    actor: &Actor,
) -> Result<Vec<ProgrammeView>, AppError> {
    authorize(actor, PortfolioAction::View)?;
    let found = programme::Entity::find()
        .order_by_asc(programme::Column::Name)
        .all(db)
        .await?;
    with_sums(db, found, None).await
}

/// One programme with the sums of its projects.
pub async fn get_programme(
    db: &impl ConnectionTrait,
    actor: &Actor,
    programme_id: i32,
) -> Result<ProgrammeView, AppError> {
    authorize(actor, PortfolioAction::View)?;
    let found = programme::Entity::find_by_id(programme_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    with_sums(db, vec![found], Some(programme_id))
        .await?
        .pop()
        .ok_or(AppError::Internal)
}
