//! The research and innovation fund (DESIGN §6, issue 28): tracks with yearly budgets;
//! calls with weighted criteria and reviewers; applications with budget lines, the line
//! manager's anchoring and locking at the deadline; reviews with conflict flags; the
//! council's ranking and recommendation within the round's budget; the decision; grants and
//! their reports and payments. Shaped like the other strands: `domain` (pure rules),
//! `service` (the only database access), `api` (server functions), `pages` and REST in
//! `rest`.

pub mod api;
pub mod demo;
pub mod domain;
#[cfg(feature = "ssr")]
pub mod downloads;
#[cfg(feature = "ssr")]
pub mod entities;
#[cfg(feature = "ssr")]
pub mod pages;
#[cfg(feature = "ssr")]
pub mod rest;
#[cfg(feature = "ssr")]
pub mod service;

use crate::auth::nav::NavEntry;
use crate::fund::domain::permission::FundAction;

/// The feature's entry in the main menu (every employee).
pub const NAV: &[NavEntry] = &[NavEntry {
    href: "/fond",
    label: |locale| crate::i18n::td_string!(locale, nav_fund).to_string(),
    requires: Some(&FundAction::View),
}];

/// The feature's pages, for the shell's router (through `registry`).
#[cfg(feature = "ssr")]
pub fn routes() -> impl leptos_router::MatchNestedRoutes + Clone {
    use leptos::prelude::*;
    use leptos_router::components::Route;
    use leptos_router::{ParamSegment, SsrMode, StaticSegment};

    use crate::fund::pages as p;
    let (fund, calls, applications) = (
        StaticSegment("fond"),
        StaticSegment("utlysninger"),
        StaticSegment("soknader"),
    );
    view! {
        <Route path=fund view=p::FundPage ssr=SsrMode::Async />
        <Route path=(fund, StaticSegment("oversikt")) view=p::OverviewPage ssr=SsrMode::Async />
        <Route path=(fund, calls, StaticSegment("ny")) view=p::NewCallPage ssr=SsrMode::Async />
        <Route path=(fund, calls, ParamSegment("id")) view=p::CallPage ssr=SsrMode::Async />
        <Route
            path=(fund, calls, ParamSegment("id"), StaticSegment("sok"))
            view=p::ApplyPage
            ssr=SsrMode::Async
        />
        <Route
            path=(fund, calls, ParamSegment("id"), StaticSegment("innstilling"))
            view=p::RankingPage
            ssr=SsrMode::Async
        />
        <Route
            path=(fund, applications, ParamSegment("id"))
            view=p::ApplicationPage
            ssr=SsrMode::Async
        />
        <Route
            path=(fund, applications, ParamSegment("id"), StaticSegment("endre"))
            view=p::EditApplicationPage
            ssr=SsrMode::Async
        />
        <Route
            path=(fund, applications, ParamSegment("id"), StaticSegment("vedtak"))
            view=p::DecisionLetterPage
            ssr=SsrMode::Async
        />
    }
    .into_inner()
}

/// What the feature contributes to the shared parts (issue 25), listed in
/// `registry::FEATURES`.
#[cfg(feature = "ssr")]
pub const FEATURE: crate::feature::Feature = crate::feature::Feature {
    key: "fund",
    nav: NAV,
    menu_rank: 25,
    own_data: crate::feature::OwnData::Section(|db, user_id| {
        Box::pin(service::own_data_section(db, user_id))
    }),
    demo: Some(|db, actor, _, now, _| Box::pin(service::seed_demo_fund(db, actor, now))),
    anonymise: None,
    links: Some(crate::core::links::LinkTargets {
        kind: "application",
        resolve: |db, ids| Box::pin(service::link_targets(db, ids)),
    }),
    tasks: Some(|db, actor, now| Box::pin(crate::fund::service::my_tasks(db, actor, now))),
    search: Some(|db, actor, needle, now| Box::pin(crate::fund::service::search(db, actor, needle, now))),
    reminders: Some(|db, now| Box::pin(crate::fund::service::reminders(db, now))),
    rest: Some(rest::routes),
    downloads: Some(downloads::downloads),
};
