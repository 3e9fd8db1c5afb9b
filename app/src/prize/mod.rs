//! The annual innovation prize (DESIGN §7, issue 14): prize years with categories, weighted
//! criteria and juries; nominations by any employee; the committee's shortlist; the jury's
//! ballots with recusal; the sealed tally, its publication and the ceremony. Shaped like the
//! portfolio and LUP: `domain` (pure rules), `service` (the only database access), `api`
//! (server functions), `pages` and REST in `rest`.

pub mod api;
pub mod ceremony;
pub mod demo;
pub mod domain;
#[cfg(feature = "ssr")]
pub mod entities;
#[cfg(feature = "ssr")]
pub mod pages;
#[cfg(feature = "ssr")]
pub mod service;

#[cfg(feature = "ssr")]
pub mod rest;

use crate::auth::nav::NavEntry;

/// The feature's entry in the main menu: everyone (visitors find the published years there).
pub const NAV: &[NavEntry] = &[NavEntry {
    href: "/pris",
    label: |locale| crate::i18n::td_string!(locale, nav_prize).to_string(),
    requires: None,
}];

/// The feature's pages, for the shell's router (through `registry`).
#[cfg(feature = "ssr")]
pub fn routes() -> impl leptos_router::MatchNestedRoutes + Clone {
    use leptos::prelude::*;
    use leptos_router::components::Route;
    use leptos_router::{ParamSegment, SsrMode, StaticSegment};

    view! {
        <Route
            path=StaticSegment("pris")
            view=crate::prize::pages::years::PrizePage
            ssr=SsrMode::Async
        />
        <Route
            path=(StaticSegment("pris"), StaticSegment("aar"), ParamSegment("id"))
            view=crate::prize::pages::years::YearPage
            ssr=SsrMode::Async
        />
        <Route
            path=(StaticSegment("pris"), StaticSegment("aar"), ParamSegment("id"), StaticSegment("resultater"))
            view=crate::prize::pages::results::ResultsPage
            ssr=SsrMode::Async
        />
        <Route
            path=(StaticSegment("pris"), StaticSegment("aar"), ParamSegment("id"), StaticSegment("seremoni"))
            view=crate::prize::pages::results::CeremonyPage
            ssr=SsrMode::Async
        />
        <Route
            path=(StaticSegment("pris"), StaticSegment("nominasjoner"))
            view=crate::prize::pages::gallery::GalleryPage
            ssr=SsrMode::Async
        />
        <Route
            path=(StaticSegment("pris"), StaticSegment("nominasjoner"), ParamSegment("id"))
            view=crate::prize::pages::nominations::NominationPage
            ssr=SsrMode::Async
        />
        <Route
            path=(StaticSegment("pris"), StaticSegment("kategorier"), ParamSegment("id"))
            view=crate::prize::pages::category::CategoryPage
            ssr=SsrMode::Async
        />
        <Route
            path=(StaticSegment("pris"), StaticSegment("kategorier"), ParamSegment("id"), StaticSegment("nominer"))
            view=crate::prize::pages::nominate::NominatePage
            ssr=SsrMode::Async
        />
    }
    .into_inner()
}

/// What the feature contributes to the shared parts (issue 25), listed in
/// `registry::FEATURES`.
#[cfg(feature = "ssr")]
pub const FEATURE: crate::feature::Feature = crate::feature::Feature {
    key: "prize",
    nav: NAV,
    menu_rank: 30,
    own_data: crate::feature::OwnData::Section(|db, user_id| {
        Box::pin(service::own_data_section(db, user_id))
    }),
    demo: Some(|db, actor, _, now, _| Box::pin(service::seed_demo_prize(db, actor, now))),
    anonymise: Some(|txn, user_id, name| {
        Box::pin(service::anonymise_nominee(txn, user_id, name))
    }),
    links: Some(crate::core::links::LinkTargets {
        kind: "nomination",
        resolve: |db, ids| Box::pin(service::link_targets(db, ids)),
    }),
    tasks: Some(|db, actor, now| Box::pin(crate::prize::service::my_tasks(db, actor, now))),
    search: Some(|db, actor, needle, now| Box::pin(crate::prize::service::search(db, actor, needle, now))),
    reminders: Some(|db, now| Box::pin(crate::prize::service::reminders(db, now))),
    rest: Some(rest::routes),
    downloads: None,
};
