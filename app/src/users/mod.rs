//! Users: accounts, roles, profiles (DESIGN §2, §9). Sign-in itself is in `auth`.

pub mod api;
#[cfg(feature = "ssr")]
pub mod csv;
#[cfg(feature = "ssr")]
pub mod detail;
pub mod domain;
#[cfg(feature = "ssr")]
pub mod pages;
#[cfg(feature = "ssr")]
pub mod profile;
#[cfg(feature = "ssr")]
pub mod service;
#[cfg(feature = "ssr")]
pub mod sso;

#[cfg(feature = "ssr")]
pub mod downloads;
#[cfg(feature = "ssr")]
pub mod rest;

use crate::auth::Action;
use crate::auth::nav::NavEntry;

/// The feature's entries in the main menu.
pub const NAV: &[NavEntry] = &[NavEntry {
    href: "/admin/brukere",
    label: |locale| crate::i18n::td_string!(locale, nav_admin).to_string(),
    requires: Some(&Action::ManageUsers),
}];

/// The feature's pages, for the shell's router (through `registry`).
#[cfg(feature = "ssr")]
pub fn routes() -> impl leptos_router::MatchNestedRoutes + Clone {
    use leptos::prelude::*;
    use leptos_router::components::Route;
    use leptos_router::{ParamSegment, SsrMode, StaticSegment};

    view! {
        <Route
            path=(StaticSegment("admin"), StaticSegment("brukere"))
            view=crate::users::pages::AdminUsersPage
            ssr=SsrMode::Async
        />
        <Route
            path=(StaticSegment("admin"), StaticSegment("brukere"), ParamSegment("id"))
            view=crate::users::detail::AdminUserPage
            ssr=SsrMode::Async
        />
        <Route
            path=StaticSegment("profil")
            view=crate::users::profile::ProfilePage
            ssr=SsrMode::Async
        />
    }
    .into_inner()
}

/// What the feature contributes to the shared parts (issue 25), listed in
/// `registry::FEATURES`.
#[cfg(feature = "ssr")]
pub const FEATURE: crate::feature::Feature = crate::feature::Feature {
    key: "account",
    nav: NAV,
    menu_rank: 60,
    own_data: crate::feature::OwnData::Section(|db, user_id| {
        Box::pin(service::own_data_section(db, user_id))
    }),
    demo: Some(|db, actor, _, now, _| Box::pin(service::seed_demo_users(db, actor, now))),
    anonymise: None,
    links: None,
    tasks: None,
    search: None,
    reminders: None,
    rest: Some(rest::routes),
    downloads: Some(downloads::downloads),
};
