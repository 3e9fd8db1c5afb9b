//! Tanketanken, the sharing posts (DESIGN §8, issue 29): posts in Markdown made safe, with
//! authors, tags, images and links to the other strands; draft → published, internal or
//! public (an editor's approval); comments with the editors' moderation and reactions; the
//! public blog with its Atom and RSS feeds and sitemap. Shaped like the other strands:
//! `domain` (pure rules), `service` (the only database access), `api` (server functions),
//! `pages`, REST in `rest`, and `public` (feeds, sitemap, images, the image upload). Other
//! strands read it through `read` and announce into it through `write`.

pub mod api;
pub mod demo;
pub mod domain;
#[cfg(feature = "ssr")]
pub mod entities;
#[cfg(feature = "ssr")]
pub mod pages;
#[cfg(feature = "ssr")]
pub mod public;
pub mod read;
#[cfg(feature = "ssr")]
pub mod rest;
#[cfg(feature = "ssr")]
pub mod service;
#[cfg(feature = "ssr")]
pub mod write;

use crate::auth::nav::NavEntry;

/// The feature's entry in the main menu: for everyone (visitors read the public posts).
pub const NAV: &[NavEntry] = &[NavEntry {
    href: "/tanketanken",
    label: |locale| crate::i18n::td_string!(locale, nav_posts).to_string(),
    requires: None,
}];

/// The feature's pages, for the shell's router (through `registry`).
#[cfg(feature = "ssr")]
pub fn routes() -> impl leptos_router::MatchNestedRoutes + Clone {
    use leptos::prelude::*;
    use leptos_router::components::Route;
    use leptos_router::{ParamSegment, SsrMode, StaticSegment};

    use crate::posts::pages as p;
    let posts = StaticSegment("tanketanken");
    view! {
        <Route path=posts view=p::PostsPage ssr=SsrMode::Async />
        <Route path=(posts, StaticSegment("ny")) view=p::NewPostPage ssr=SsrMode::Async />
        <Route path=(posts, ParamSegment("id")) view=p::PostPage ssr=SsrMode::Async />
        <Route
            path=(posts, ParamSegment("id"), StaticSegment("endre"))
            view=p::EditPostPage
            ssr=SsrMode::Async
        />
    }
    .into_inner()
}

/// What the feature contributes to the shared parts (issue 25), listed in
/// `registry::FEATURES`.
#[cfg(feature = "ssr")]
pub const FEATURE: crate::feature::Feature = crate::feature::Feature {
    key: "posts",
    nav: NAV,
    menu_rank: 35,
    own_data: crate::feature::OwnData::Section(|db, user_id| {
        Box::pin(service::own_data_section(db, user_id))
    }),
    demo: Some(|db, actor, _, now, links| {
        Box::pin(service::seed_demo_posts(db, actor, links, now))
    }),
    // Posts, comments and reactions name people by id: the account's new name is all they
    // show.
    anonymise: None,
    links: None,
    tasks: Some(|db, actor, now| Box::pin(crate::posts::service::my_tasks(db, actor, now))),
    search: Some(|db, actor, needle, now| Box::pin(crate::posts::service::search(db, actor, needle, now))),
    reminders: None,
    rest: Some(rest::routes),
    downloads: Some(public::routes),
};
