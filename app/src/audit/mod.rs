//! The audit log (DESIGN §9): who did what to which object, when. Append-only.

#[cfg(feature = "ssr")]
pub mod api;
pub mod domain;
#[cfg(feature = "ssr")]
pub mod pages;
#[cfg(feature = "ssr")]
pub mod service;

use crate::auth::Action;
use crate::auth::nav::NavEntry;

/// The feature's entries in the main menu.
pub const NAV: &[NavEntry] = &[NavEntry {
    href: "/admin/logg",
    label: |locale| crate::i18n::td_string!(locale, nav_admin_audit).to_string(),
    requires: Some(&Action::ViewAuditLog),
}];

/// The feature's pages, for the shell's router (through `registry`).
#[cfg(feature = "ssr")]
pub fn routes() -> impl leptos_router::MatchNestedRoutes + Clone {
    use leptos::prelude::*;
    use leptos_router::components::Route;
    use leptos_router::{SsrMode, StaticSegment};

    view! {
        <Route
            path=(StaticSegment("admin"), StaticSegment("logg"))
            view=crate::audit::pages::AuditLogPage
            ssr=SsrMode::Async
        />
    }
    .into_inner()
}

/// What the feature contributes to the shared parts (issue 25), listed in
/// `registry::FEATURES`.
#[cfg(feature = "ssr")]
pub const FEATURE: crate::feature::Feature = crate::feature::Feature {
    key: "activity",
    nav: NAV,
    menu_rank: 70,
    own_data: crate::feature::OwnData::Section(|db, user_id| {
        Box::pin(service::own_data_section(db, user_id))
    }),
    demo: None,
    anonymise: None,
    links: None,
    tasks: None,
    search: None,
    reminders: None,
    rest: None,
    downloads: None,
};
