//! The innovation portfolio (DESIGN §4): ideas from employees becoming projects that move
//! through KS' phases, with benefits planned and realised and what each project lets the
//! municipality stop doing. Shaped like every feature: `domain` (pure rules), `service` (the
//! only database access), `api` (server functions), `pages`, and REST in the server's
//! `api::v1::portfolio`.

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
pub mod read;
#[cfg(feature = "ssr")]
pub mod write;
#[cfg(feature = "ssr")]
pub mod service;

#[cfg(feature = "ssr")]
pub mod downloads;
#[cfg(feature = "ssr")]
pub mod rest;

use crate::portfolio::domain::permission::PortfolioAction;
use crate::auth::nav::NavEntry;

/// The feature's entries in the main menu (every employee).
pub const NAV: &[NavEntry] = &[
    NavEntry {
        href: "/portefolje",
        label: |locale| crate::i18n::td_string!(locale, nav_portfolio).to_string(),
        requires: Some(&PortfolioAction::View),
    },
    NavEntry {
        href: "/ideer",
        label: |locale| crate::i18n::td_string!(locale, nav_ideas).to_string(),
        requires: Some(&PortfolioAction::View),
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
            path=StaticSegment("portefolje")
            view=crate::portfolio::pages::portfolio::PortfolioPage
            ssr=SsrMode::Async
        />
        <Route
            path=(StaticSegment("portefolje"), StaticSegment("faser"))
            view=crate::portfolio::pages::programmes::PhasesPage
            ssr=SsrMode::Async
        />
        <Route
            path=StaticSegment("programmer")
            view=crate::portfolio::pages::programmes::ProgrammesPage
            ssr=SsrMode::Async
        />
        <Route
            path=(StaticSegment("programmer"), ParamSegment("id"))
            view=crate::portfolio::pages::programmes::ProgrammePage
            ssr=SsrMode::Async
        />
        <Route
            path=(StaticSegment("prosjekter"), ParamSegment("id"))
            view=crate::portfolio::pages::project::ProjectPage
            ssr=SsrMode::Async
        />
        <Route
            path=(
                StaticSegment("prosjekter"),
                ParamSegment("id"),
                StaticSegment("endre"),
                ParamSegment("section"),
            )
            view=crate::portfolio::pages::project::ProjectSectionPage
            ssr=SsrMode::Async
        />
        <Route
            path=StaticSegment("ideer")
            view=crate::portfolio::pages::ideas::IdeasPage
            ssr=SsrMode::Async
        />
        <Route
            path=(StaticSegment("ideer"), StaticSegment("ny"))
            view=crate::portfolio::pages::ideas::NewIdeaPage
            ssr=SsrMode::Async
        />
        <Route
            path=(StaticSegment("ideer"), ParamSegment("id"))
            view=crate::portfolio::pages::ideas::IdeaPage
            ssr=SsrMode::Async
        />
    }
    .into_inner()
}

/// What the feature contributes to the shared parts (issue 25), listed in
/// `registry::FEATURES`.
#[cfg(feature = "ssr")]
pub const FEATURE: crate::feature::Feature = crate::feature::Feature {
    key: "portfolio",
    nav: NAV,
    menu_rank: 10,
    own_data: crate::feature::OwnData::Section(|db, user_id| {
        Box::pin(service::own_data_section(db, user_id))
    }),
    demo: Some(|db, actor, size, now, _| {
        Box::pin(service::seed_demo_portfolio(db, actor, size.projects, now))
    }),
    anonymise: None,
    links: Some(crate::core::links::LinkTargets {
        kind: "project",
        resolve: |db, ids| Box::pin(crate::portfolio::read::link_targets(db, ids)),
    }),
    tasks: Some(|db, actor, now| Box::pin(crate::portfolio::service::my_tasks(db, actor, now))),
    search: Some(|db, actor, needle, now| Box::pin(crate::portfolio::service::search(db, actor, needle, now))),
    reminders: Some(|db, now| Box::pin(crate::portfolio::service::reminders(db, now))),
    rest: Some(rest::routes),
    downloads: Some(downloads::downloads),
};
