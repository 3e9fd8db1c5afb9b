//! Organisation: sectors (tjenesteområder) and service sites (tjenestesteder), DESIGN §3.

#[cfg(feature = "ssr")]
pub mod admin;
pub mod api;
#[cfg(feature = "ssr")]
pub mod choices;
#[cfg(feature = "ssr")]
pub mod csv;
pub mod demo;
#[cfg(feature = "ssr")]
pub mod directory;
pub mod domain;
#[cfg(feature = "ssr")]
pub mod pages;
#[cfg(feature = "ssr")]
pub mod service;

#[cfg(feature = "ssr")]
pub mod downloads;
#[cfg(feature = "ssr")]
pub mod rest;

use crate::auth::Action;
use crate::auth::nav::NavEntry;

/// The feature's entries in the main menu.
pub const NAV: &[NavEntry] = &[
    NavEntry {
        href: "/organisasjon",
        label: |locale| crate::i18n::td_string!(locale, nav_organisation).to_string(),
        requires: None,
    },
    NavEntry {
        href: "/admin/organisasjon",
        label: |locale| crate::i18n::td_string!(locale, nav_admin_org).to_string(),
        requires: Some(&Action::ManageOrganisation),
    },
];

/// The feature's pages, for the shell's router (through `registry`).
#[cfg(feature = "ssr")]
pub fn routes() -> impl leptos_router::MatchNestedRoutes + Clone {
    use leptos::prelude::*;
    use leptos_router::components::Route;
    use leptos_router::{ParamSegment, SsrMode, StaticSegment};

    view! {
        <Route
            path=StaticSegment("organisasjon")
            view=crate::org::pages::OrganisationPage
            ssr=SsrMode::Async
        />
        <Route
            path=(StaticSegment("admin"), StaticSegment("organisasjon"))
            view=crate::org::admin::AdminOrganisationPage
            ssr=SsrMode::Async
        />
        <Route
            path=(
                StaticSegment("admin"),
                StaticSegment("organisasjon"),
                StaticSegment("steder"),
                ParamSegment("id"),
            )
            view=crate::org::admin::AdminSitePage
            ssr=SsrMode::Async
        />
    }
    .into_inner()
}

/// What the feature contributes to the shared parts (issue 25), listed in
/// `registry::FEATURES`.
#[cfg(feature = "ssr")]
pub const FEATURE: crate::feature::Feature = crate::feature::Feature {
    key: "organisation",
    nav: NAV,
    menu_rank: 50,
    own_data: crate::feature::OwnData::NoPersonalData(
        "sectors and service sites belong to the organisation; no person is stored in them",
    ),
    demo: Some(|db, actor, _, now, _| {
        Box::pin(async move {
            service::seed_demo(db, actor, now)
                .await
                .map(|report| report.sites_created)
        })
    }),
    anonymise: None,
    links: None,
    tasks: None,
    search: None,
    reminders: None,
    rest: Some(rest::routes),
    downloads: Some(downloads::downloads),
};
