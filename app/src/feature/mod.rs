//! What a feature contributes to the shared parts of the application (issue 25): its menu
//! entries, its part of a user's own data, its demo data, its REST endpoints and its
//! downloads (and, through `<feature>::routes()`, its pages). Each feature declares one
//! [`Feature`] in its `mod.rs`; `registry` names every feature once, and the shell's routes
//! and menu, the server's API and downloads, the own-data export and the demo seed walk that
//! list, so none of them names a feature.

pub mod reminders;
pub mod search;
pub mod tasks;

use std::{future::Future, pin::Pin};

use sea_orm::DatabaseConnection;
use time::OffsetDateTime;

use crate::auth::Actor;
use crate::auth::nav::NavEntry;
use crate::core::error::AppError;
use crate::core::state::AppState;

/// One feature's contributions.
pub struct Feature {
    /// Its key in shared documents (the own-data export's section).
    pub key: &'static str,
    /// Its entries in the main menu, with the permission each needs.
    pub nav: &'static [NavEntry],
    /// Where its entries stand in the menu (lower first): the strands before the platform's
    /// administration, whatever the order of `FEATURES`.
    pub menu_rank: u8,
    /// Its part of a user's own data (DESIGN §9, GDPR art. 15 and 20).
    pub own_data: OwnData,
    /// Its demo data (`serve --demo`, `seed`), if it has any: written in the order of
    /// `FEATURES`, so a feature's demo can use the demo of the features listed before it.
    pub demo: Option<DemoSeed>,
    /// Its part of anonymising a departed user, where it keeps a person's name as text
    /// (a nominee's name); `None`: it refers to people by id only, so the account's new name
    /// is all it shows.
    pub anonymise: Option<crate::core::state::Anonymiser>,
    /// What a Tanketanken post can link to in it (`core::links`), if anything.
    pub links: Option<crate::core::links::LinkTargets>,
    /// What it gives a person to do now, for the front page's "my tasks" (`feature::tasks`).
    pub tasks: Option<crate::feature::tasks::TaskSource>,
    /// What a search across the strands finds in it (`/sok`, `feature::search`).
    pub search: Option<crate::feature::search::SearchSource>,
    /// What it reminds people of on a schedule (`feature::reminders`).
    pub reminders: Option<crate::feature::reminders::ReminderSource>,
    /// Its REST endpoints (`<feature>/rest`), paths relative to `/api/v1`, each with its
    /// OpenAPI entry.
    pub rest: Option<fn() -> utoipa_axum::router::OpenApiRouter<AppState>>,
    /// Its file downloads (`<feature>/downloads.rs`): plain GET routes behind the session.
    pub downloads: Option<fn() -> axum::Router<AppState>>,
}

/// How much demo data to make where a feature lets it vary.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DemoSize {
    pub projects: usize,
}

/// A feature's demo seed: writes its demo data unless it is there already; answers how many
/// of its main objects it made (sites, users, projects, groups, nominations). It gets every
/// strand's link targets (`core::links`), which a strand cannot import.
pub type DemoSeed =
    for<'a> fn(
        &'a DatabaseConnection,
        &'a Actor,
        DemoSize,
        OffsetDateTime,
        &'a [crate::core::links::LinkTargets],
    ) -> Pin<Box<dyn Future<Output = Result<usize, AppError>> + Send + 'a>>;

/// A future of a feature's own-data part, borrowing the connection.
pub type OwnDataFuture<'a> =
    Pin<Box<dyn Future<Output = Result<serde_json::Value, AppError>> + Send + 'a>>;

/// A feature's answer to "what do you hold about this user?": there is no third answer, so
/// a feature cannot be registered without one.
pub enum OwnData {
    /// Everything the feature stores about the user `user_id`, read by the feature's service
    /// inside the export's one read-only snapshot.
    Section(for<'a> fn(&'a sea_orm::DatabaseTransaction, i32) -> OwnDataFuture<'a>),
    /// The feature stores nothing about a person; why.
    NoPersonalData(&'static str),
}
