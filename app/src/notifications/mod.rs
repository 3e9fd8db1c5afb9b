//! Notifications: what a user is told about their own things, such as a decision on their
//! idea with its reason (DESIGN §4). Other features write them through `service::notify`
//! inside their own transactions; the user reads them on `/varsler`.

pub mod api;
pub mod domain;
#[cfg(feature = "ssr")]
pub mod jobs;
#[cfg(feature = "ssr")]
pub mod mail;
#[cfg(feature = "ssr")]
pub mod pages;
#[cfg(feature = "ssr")]
pub mod service;
#[cfg(feature = "ssr")]
pub mod text;

use crate::auth::Action;
use crate::auth::nav::NavEntry;

/// The feature's entry in the main menu (every signed-in user).
pub const NAV: &[NavEntry] = &[NavEntry {
    href: "/varsler",
    label: |locale| crate::i18n::td_string!(locale, nav_notifications).to_string(),
    requires: Some(&Action::ManageOwnAccount),
}];

/// The feature's pages, for the shell's router (through `registry`).
#[cfg(feature = "ssr")]
pub fn routes() -> impl leptos_router::MatchNestedRoutes + Clone {
    use leptos::prelude::*;
    use leptos_router::components::Route;
    use leptos_router::{SsrMode, StaticSegment};

    view! {
        <Route
            path=StaticSegment("varsler")
            view=crate::notifications::pages::NotificationsPage
            ssr=SsrMode::Async
        />
    }
    .into_inner()
}

/// What the feature contributes to the shared parts (issue 25), listed in
/// `registry::FEATURES`.
#[cfg(feature = "ssr")]
pub const FEATURE: crate::feature::Feature = crate::feature::Feature {
    key: "notifications",
    nav: NAV,
    menu_rank: 40,
    own_data: crate::feature::OwnData::Section(|db, user_id| {
        Box::pin(service::own_data_section(db, user_id))
    }),
    demo: None,
    anonymise: Some(|txn, user_id, _| Box::pin(service::delete_for_user(txn, user_id))),
    links: None,
    tasks: None,
    search: None,
    reminders: None,
    rest: None,
    downloads: None,
};
