//! The prize's part of a search across the strands (issue 30, `feature::search`):
//! nominations by title or nominee, one index-backed query: every submitted one for an
//! employee (DESIGN §7: all employees learn from every entry), a published year's finalists
//! for a visitor.

use sea_orm::sea_query::{ExprTrait as _, Query};
use sea_orm::{ColumnTrait, Condition, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use time::OffsetDateTime;

use crate::auth::{Actor, authorize};
use crate::core::error::AppError;
use crate::feature::search::{Hit, HitKind, MAX_HITS};
use crate::prize::domain::nomination::NominationStatus;
use crate::prize::domain::permission::PrizeAction;
use crate::prize::entities::{prize_category, prize_nomination, prize_year};

pub async fn search(
    db: &DatabaseConnection,
    actor: &Actor,
    needle: &str,
    _now: OffsetDateTime,
) -> Result<Vec<Hit>, AppError> {
    if needle.is_empty() {
        return Ok(Vec::new());
    }
    let mut seen = Condition::all()
        .add(prize_nomination::Column::Status.eq(NominationStatus::Submitted.as_str()));
    if authorize(actor, PrizeAction::View).is_err() {
        // Outside the municipality: the finalists of the published years.
        let published_categories = Query::select()
            .column((prize_category::Entity, prize_category::Column::Id))
            .from(prize_category::Entity)
            .inner_join(
                prize_year::Entity,
                sea_orm::sea_query::Expr::col((prize_year::Entity, prize_year::Column::Id))
                    .equals((prize_category::Entity, prize_category::Column::YearId)),
            )
            .and_where(prize_year::Column::PublishedAt.is_not_null())
            .to_owned();
        // The index holds the nominee's name: a finalist whose colleague declined to be
        // shown publicly is left out, or a visitor could find it by that name.
        seen = seen
            .add(prize_nomination::Column::Finalist.eq(true))
            .add(prize_nomination::Column::ShownPublicly.eq(true))
            .add(prize_nomination::Column::CategoryId.in_subquery(published_categories));
    }
    Ok(prize_nomination::Entity::find()
        .filter(seen)
        .filter(nomination_search(needle, db.get_database_backend()))
        .order_by_desc(prize_nomination::Column::CreatedAt)
        .limit(MAX_HITS)
        .all(db)
        .await?
        .into_iter()
        .map(|n| Hit {
            kind: HitKind::Nomination,
            title: n.title,
            href: format!("/pris/nominasjoner/{}", n.id),
        })
        .collect())
}

/// By title or nominee.
fn nomination_search(needle: &str, backend: sea_orm::DbBackend) -> Condition {
    crate::core::search::indexed("prize_nominations", &["title", "nominee"], backend, needle)
}

/// The nominations' search as one statement, for reading its query plan (`EXPLAIN`).
pub fn nomination_search_statement(
    backend: sea_orm::DbBackend,
    needle: &str,
) -> sea_orm::Statement {
    use sea_orm::QueryTrait as _;
    prize_nomination::Entity::find()
        .filter(nomination_search(needle, backend))
        .build(backend)
}
