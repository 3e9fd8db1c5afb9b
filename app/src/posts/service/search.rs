//! Tanketanken's part of a search across the strands (issue 30, `feature::search`): the
//! published posts the reader may see (a visitor the public ones), one index-backed query.

use sea_orm::{DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use time::OffsetDateTime;

use crate::auth::Actor;
use crate::core::error::AppError;
use crate::feature::search::{Hit, HitKind, MAX_HITS};
use crate::posts::entities::post;

pub async fn search(
    db: &DatabaseConnection,
    actor: &Actor,
    needle: &str,
    _now: OffsetDateTime,
) -> Result<Vec<Hit>, AppError> {
    if needle.is_empty() {
        return Ok(Vec::new());
    }
    Ok(post::Entity::find()
        .filter(super::read::published_for(actor))
        .filter(super::read::search(needle, db.get_database_backend()))
        .order_by_desc(post::Column::PublishedAt)
        .limit(MAX_HITS)
        .all(db)
        .await?
        .into_iter()
        .map(|p| Hit {
            kind: HitKind::Post,
            title: p.title,
            href: format!("/tanketanken/{}", p.id),
        })
        .collect())
}
