//! LUP, leader development for innovation (DESIGN §5): cohorts with gatherings, one leader
//! group per service site and cohort with its members and attendance, completion, and the
//! coverage of the ~200 service sites over time against targets. Shaped like the portfolio:
//! `domain` (pure rules), `service` (the only database access), `api` (server functions),
//! `pages`, REST in `rest` and downloads in `downloads`.

pub mod api;
#[cfg(feature = "ssr")]
pub mod csv;
pub mod demo;
pub mod domain;
#[cfg(feature = "ssr")]
pub mod entities;
#[cfg(feature = "ssr")]
pub mod pages;
#[cfg(feature = "ssr")]
pub mod service;

#[cfg(feature = "ssr")]
pub mod downloads;
#[cfg(feature = "ssr")]
pub mod rest;

use crate::lup::domain::permission::LupAction;
use crate::auth::nav::NavEntry;

/// The feature's entry in the main menu (managers, LUP coordinators, admins).
pub const NAV: &[NavEntry] = &[NavEntry {
    href: "/lup",
    label: |locale| crate::i18n::td_string!(locale, nav_lup).to_string(),
    requires: Some(&LupAction::View),
}];

/// The feature's pages, for the shell's router (through `registry`).
#[cfg(feature = "ssr")]
pub fn routes() -> impl leptos_router::MatchNestedRoutes + Clone {
    use leptos::prelude::*;
    use leptos_router::components::Route;
    use leptos_router::{ParamSegment, SsrMode, StaticSegment};

    view! {
        <Route
            path=StaticSegment("lup")
            view=crate::lup::pages::dashboard::LupDashboardPage
            ssr=SsrMode::Async
        />
        <Route
            path=(StaticSegment("lup"), StaticSegment("kull"))
            view=crate::lup::pages::cohorts::CohortsPage
            ssr=SsrMode::Async
        />
        <Route
            path=(StaticSegment("lup"), StaticSegment("kull"), ParamSegment("id"))
            view=crate::lup::pages::cohorts::CohortPage
            ssr=SsrMode::Async
        />
        <Route
            path=(StaticSegment("lup"), StaticSegment("grupper"), ParamSegment("id"))
            view=crate::lup::pages::group::GroupPage
            ssr=SsrMode::Async
        />
    }
    .into_inner()
}

/// What the feature contributes to the shared parts (issue 25), listed in
/// `registry::FEATURES`.
#[cfg(feature = "ssr")]
pub const FEATURE: crate::feature::Feature = crate::feature::Feature {
    key: "lup",
    nav: NAV,
    menu_rank: 20,
    own_data: crate::feature::OwnData::Section(|db, user_id| {
        Box::pin(service::own_data_section(db, user_id))
    }),
    demo: Some(|db, actor, _, now, _| Box::pin(service::seed_demo_lup(db, actor, now))),
    anonymise: None,
    links: None,
    tasks: None,
    search: None,
    reminders: None,
    rest: Some(rest::routes),
    downloads: Some(downloads::downloads),
};
