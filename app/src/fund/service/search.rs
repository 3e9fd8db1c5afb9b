//! The fund's part of a search across the strands (issue 30, `feature::search`): the
//! applications the reader may open (their own and their team's; submitted ones for their
//! line managers, reviewers and the council), one index-backed query, then the fund's own
//! rule per application.

use sea_orm::{DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use time::OffsetDateTime;

use crate::auth::{Actor, authorize};
use crate::core::error::AppError;
use crate::feature::search::{Hit, HitKind, MAX_HITS, MAX_WEIGHED};
use crate::fund::entities::fund_application;

use super::access::Stands;

pub async fn search(
    db: &DatabaseConnection,
    actor: &Actor,
    needle: &str,
    _now: OffsetDateTime,
) -> Result<Vec<Hit>, AppError> {
    if actor.user().is_none() || needle.is_empty() {
        return Ok(Vec::new());
    }
    // The fund's rule narrows in the database (so an employee's own application is found
    // however many others match), and judges each row again.
    let stands = Stands::of(db, actor).await?;
    let council = authorize(actor, crate::fund::domain::permission::FundAction::Recommend).is_ok();
    let found = fund_application::Entity::find()
        .filter(application_search(needle, db.get_database_backend()))
        .filter(stands.visible(council))
        .order_by_desc(fund_application::Column::UpdatedAt)
        .limit(MAX_WEIGHED)
        .all(db)
        .await?;
    Ok(found
        .into_iter()
        .filter(|a| authorize(actor, stands.to(a).view(a)).is_ok())
        .take(usize::try_from(MAX_HITS).unwrap_or(usize::MAX))
        .map(|a| Hit {
            kind: HitKind::Application,
            title: a.title,
            href: format!("/fond/soknader/{}", a.id),
        })
        .collect())
}

fn application_search(needle: &str, backend: sea_orm::DbBackend) -> sea_orm::Condition {
    crate::core::search::indexed("fund_applications", &["title", "summary"], backend, needle)
}

/// The applications' search as one statement, for reading its query plan (`EXPLAIN`).
pub fn application_search_statement(
    backend: sea_orm::DbBackend,
    needle: &str,
) -> sea_orm::Statement {
    use sea_orm::QueryTrait as _;
    fund_application::Entity::find()
        .filter(application_search(needle, backend))
        .build(backend)
}
