//! The portfolio's part of a search across the strands (issue 30, `feature::search`):
//! projects and ideas, each one index-backed query, for any employee (DESIGN §2: every
//! employee sees the portfolio).

use sea_orm::{DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use time::OffsetDateTime;

use crate::auth::{Actor, authorize};
use crate::core::error::AppError;
use crate::feature::search::{Hit, HitKind, MAX_HITS};
use crate::portfolio::domain::permission::PortfolioAction;
use crate::portfolio::entities::{idea, project};

pub async fn search(
    db: &DatabaseConnection,
    actor: &Actor,
    needle: &str,
    _now: OffsetDateTime,
) -> Result<Vec<Hit>, AppError> {
    if authorize(actor, PortfolioAction::View).is_err() || needle.is_empty() {
        return Ok(Vec::new());
    }
    let backend = db.get_database_backend();
    let projects = project::Entity::find()
        .filter(super::list::search(needle, backend))
        .order_by_asc(project::Column::Name)
        .limit(MAX_HITS)
        .all(db)
        .await?
        .into_iter()
        .map(|p| Hit {
            kind: HitKind::Project,
            title: p.name,
            href: format!("/prosjekter/{}", p.id),
        });
    let ideas = idea::Entity::find()
        .filter(idea_search(needle, backend))
        .order_by_desc(idea::Column::CreatedAt)
        .limit(MAX_HITS)
        .all(db)
        .await?
        .into_iter()
        .map(|i| Hit {
            kind: HitKind::Idea,
            title: i.title,
            href: format!("/ideer/{}", i.id),
        });
    Ok(projects.chain(ideas).collect())
}

/// Ideas whose title, problem or proposal matches (the indexes of the migration
/// `search_across_strands`).
fn idea_search(needle: &str, backend: sea_orm::DbBackend) -> sea_orm::Condition {
    crate::core::search::indexed("ideas", &["title", "problem", "proposal"], backend, needle)
}

/// The ideas' search as one statement, for reading its query plan (the tests' `EXPLAIN`).
pub fn idea_search_statement(backend: sea_orm::DbBackend, needle: &str) -> sea_orm::Statement {
    use sea_orm::QueryTrait as _;
    idea::Entity::find().filter(idea_search(needle, backend)).build(backend)
}
