//! What a Tanketanken post may link to in the prize (`core::links`): a finalist of a year
//! whose results are published (DESIGN §2: winners are known once announced); nothing of a
//! year still sealed.

use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};

use crate::core::error::AppError;
use crate::core::links::LinkTarget;
use crate::prize::entities::{prize_category, prize_nomination, prize_year};

pub async fn link_targets(
    db: &DatabaseConnection,
    ids: &[i32],
) -> Result<Vec<LinkTarget>, AppError> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let nominations = prize_nomination::Entity::find()
        .filter(prize_nomination::Column::Id.is_in(ids.iter().copied()))
        .filter(prize_nomination::Column::Finalist.eq(true))
        .all(db)
        .await?;
    let categories = prize_category::Entity::find()
        .filter(prize_category::Column::Id.is_in(nominations.iter().map(|n| n.category_id)))
        .all(db)
        .await?;
    let published: Vec<i32> = prize_year::Entity::find()
        .filter(prize_year::Column::Id.is_in(categories.iter().map(|c| c.year_id)))
        .filter(prize_year::Column::PublishedAt.is_not_null())
        .all(db)
        .await?
        .into_iter()
        .map(|y| y.id)
        .collect();
    Ok(nominations
        .into_iter()
        .filter(|n| {
            categories
                .iter()
                .any(|c| c.id == n.category_id && published.contains(&c.year_id))
        })
        .map(|n| LinkTarget {
            id: n.id,
            title: n.title,
            href: format!("/pris/nominasjoner/{}", n.id),
        })
        .collect())
}
