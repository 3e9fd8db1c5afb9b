//! What a Tanketanken post may link to in the fund (`core::links`): a granted application
//! (its call decided, an amount granted), which the decision made known; nothing of an
//! application still in handling.

use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};

use crate::core::error::AppError;
use crate::core::links::LinkTarget;
use crate::fund::entities::{fund_application, fund_call};

pub async fn link_targets(
    db: &DatabaseConnection,
    ids: &[i32],
) -> Result<Vec<LinkTarget>, AppError> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let applications = fund_application::Entity::find()
        .filter(fund_application::Column::Id.is_in(ids.iter().copied()))
        .filter(fund_application::Column::RecommendedNok.gt(0))
        .all(db)
        .await?;
    let calls: Vec<i32> = applications.iter().map(|a| a.call_id).collect();
    let decided: Vec<i32> = fund_call::Entity::find()
        .filter(fund_call::Column::Id.is_in(calls))
        .filter(fund_call::Column::DecidedAt.is_not_null())
        .all(db)
        .await?
        .into_iter()
        .map(|c| c.id)
        .collect();
    Ok(applications
        .into_iter()
        .filter(|a| decided.contains(&a.call_id))
        .map(|a| LinkTarget {
            id: a.id,
            title: a.title,
            href: format!("/fond/soknader/{}", a.id),
        })
        .collect())
}
