//! What walks the one list of features (issue 25; `features!` in `lib.rs` names each feature
//! once, the platform then the strands): the shell's routes and menu, the server's REST API and
//! downloads, the demo seed and a user's own-data export. None of them names a feature.

use time::OffsetDateTime;

use crate::auth::nav::NavEntry;
use crate::auth::{Action, Actor, authorize};
use crate::core::error::AppError;
use crate::core::timefmt::rfc3339;
use crate::feature::{DemoSize, Feature, OwnData};

pub use crate::{FEATURES, FeatureRoutes};

/// The main menu's entries after the home page, feature by feature in menu order.
pub fn nav_entries() -> impl Iterator<Item = &'static NavEntry> {
    let mut features: Vec<&'static Feature> = FEATURES.iter().collect();
    features.sort_by_key(|f| f.menu_rank);
    features.into_iter().flat_map(|f| f.nav.iter())
}

/// Writes every feature's demo data, in the order of `FEATURES`; answers how many of its
/// main objects each made, by the feature's key.
pub async fn seed_demo(
    db: &sea_orm::DatabaseConnection,
    actor: &Actor,
    size: DemoSize,
    now: OffsetDateTime,
) -> Result<Vec<(&'static str, usize)>, AppError> {
    let mut made = Vec::new();
    let links = link_targets();
    for feature in FEATURES {
        if let Some(seed) = feature.demo {
            made.push((feature.key, seed(db, actor, size, now, &links).await?));
        }
    }
    Ok(made)
}

/// DESIGN §9 (GDPR art. 15 and 20): everything stored about the signed-in user, as one JSON
/// document: when it was made, then each feature's part under its key (the account under
/// `account`, what they did and what was done to their account under `activity`).
pub async fn export_own_data(
    db: &sea_orm::DatabaseConnection,
    actor: &Actor,
    now: OffsetDateTime,
) -> Result<serde_json::Value, AppError> {
    authorize(actor, Action::ManageOwnAccount)?;
    let user_id = actor.user_id().ok_or(AppError::Forbidden)?;
    let mut document = serde_json::Map::new();
    document.insert("exported_at".into(), rfc3339(now).into());
    // One snapshot for every part: a write between two parts cannot show in one and not in
    // the other.
    let snapshot = crate::core::txn::begin_snapshot(db).await?;
    for feature in FEATURES {
        if let OwnData::Section(part) = feature.own_data {
            document.insert(feature.key.to_owned(), part(&snapshot, user_id).await?);
        }
    }
    snapshot.commit().await?;
    Ok(serde_json::Value::Object(document))
}

/// Every feature's part of anonymising a user (for `AppState::anonymisers`).
pub fn anonymisers() -> std::sync::Arc<[crate::core::state::Anonymiser]> {
    FEATURES
        .iter()
        .filter_map(|feature| feature.anonymise)
        .collect()
}

/// What the acting user may see in every feature that matches `typed` (`/sok`): the text
/// normalised (`core::search::needle`) and bounded (422 when longer than
/// `core::search::MAX_SEARCH_CHARS`), each kind's hits in their strand's order, the kinds in
/// `HitKind`'s. Nothing for an empty search.
pub async fn search(
    db: &sea_orm::DatabaseConnection,
    actor: &Actor,
    typed: &str,
    now: OffsetDateTime,
) -> Result<Vec<crate::feature::search::Hit>, AppError> {
    // Bounded before it is normalised: a long address is refused, not worked through.
    let needle = if typed.len() > 4 * crate::core::search::MAX_SEARCH_CHARS {
        return Err(AppError::invalid(
            "q",
            crate::core::error::FieldError::TooLong,
        ));
    } else {
        crate::core::search::needle(typed)
    };
    if needle.chars().count() > crate::core::search::MAX_SEARCH_CHARS {
        return Err(AppError::invalid(
            "q",
            crate::core::error::FieldError::TooLong,
        ));
    }
    let mut hits = Vec::new();
    if needle.is_empty() {
        return Ok(hits);
    }
    for source in FEATURES.iter().filter_map(|feature| feature.search) {
        hits.extend(source(db, actor, &needle, now).await?);
    }
    // Stable: each strand's order within a kind stays.
    hits.sort_by_key(|h| h.kind);
    Ok(hits)
}

/// The acting user's tasks in every feature (the front page's "my tasks"), in
/// `feature::tasks::in_order`: none for a visitor.
pub async fn my_tasks(
    db: &sea_orm::DatabaseConnection,
    actor: &Actor,
    now: OffsetDateTime,
) -> Result<Vec<crate::feature::tasks::Task>, AppError> {
    let mut tasks = Vec::new();
    if actor.user_id().is_none() {
        return Ok(tasks);
    }
    for source in FEATURES.iter().filter_map(|feature| feature.tasks) {
        tasks.extend(source(db, actor, now).await?);
    }
    Ok(crate::feature::tasks::in_order(tasks))
}

/// Every feature's link targets (for `AppState::link_targets`).
pub fn link_targets() -> std::sync::Arc<[crate::core::links::LinkTargets]> {
    FEATURES
        .iter()
        .filter_map(|feature| feature.links)
        .collect()
}

/// Every feature's scheduled reminders (`feature::reminders`), for the scheduled job.
pub fn reminder_sources() -> Vec<crate::feature::reminders::ReminderSource> {
    FEATURES
        .iter()
        .filter_map(|feature| feature.reminders)
        .collect()
}

/// Every feature's REST endpoints, paths relative to `/api/v1`, with their OpenAPI entries.
pub fn rest_routes() -> utoipa_axum::router::OpenApiRouter<crate::core::state::AppState> {
    FEATURES
        .iter()
        .filter_map(|feature| feature.rest)
        .fold(utoipa_axum::router::OpenApiRouter::new(), |api, routes| {
            api.merge(routes())
        })
}

/// Every feature's downloads.
pub fn download_routes() -> axum::Router<crate::core::state::AppState> {
    FEATURES
        .iter()
        .filter_map(|feature| feature.downloads)
        .fold(axum::Router::new(), |all, routes| all.merge(routes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_feature_is_listed_once_under_a_key_of_its_own() {
        let mut keys: Vec<&str> = FEATURES.iter().map(|f| f.key).collect();
        keys.sort_unstable();
        let count = keys.len();
        keys.dedup();
        assert_eq!(keys.len(), count, "{keys:?}");
        assert!(!keys.contains(&"exported_at"), "the document's own key");
    }

    #[test]
    fn the_menu_keeps_its_order_the_strands_before_the_administration() {
        let hrefs: Vec<&str> = nav_entries().map(|e| e.href).collect();
        let at = |href: &str| hrefs.iter().position(|h| *h == href).unwrap_or(usize::MAX);
        assert!(
            at("/portefolje") < at("/lup") && at("/lup") < at("/pris"),
            "{hrefs:?}"
        );
        assert!(
            at("/pris") < at("/varsler") && at("/varsler") < at("/organisasjon"),
            "{hrefs:?}"
        );
        assert!(
            at("/organisasjon") < at("/admin/brukere") && at("/admin/brukere") < at("/admin/logg")
        );
    }

    #[test]
    fn a_feature_without_personal_data_says_why() {
        for feature in FEATURES {
            if let OwnData::NoPersonalData(why) = feature.own_data {
                assert!(why.len() > 20, "{}: {why}", feature.key);
            }
        }
    }
}
