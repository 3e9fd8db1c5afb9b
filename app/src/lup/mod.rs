//! LUP, leader development for innovation (DESIGN §5): cohorts with gatherings, one leader
//! group per service site and cohort with its members and attendance, completion, and the
//! coverage of the ~200 service sites over time against targets. Shaped like the portfolio:
//! `domain` (pure rules), `service` (the only database access), `api` (server functions),
//! `pages`, and REST in the server's `api::v1::lup`.

pub mod api;
#[cfg(feature = "ssr")]
pub mod csv;
pub mod demo;
pub mod domain;
#[cfg(feature = "ssr")]
pub mod pages;
#[cfg(feature = "ssr")]
pub mod service;

use crate::auth::Action;
use crate::auth::nav::NavEntry;

/// The feature's entry in the main menu (managers, LUP coordinators, admins).
pub const NAV: &[NavEntry] = &[NavEntry {
    href: "/lup",
    label: |locale| crate::i18n::td_string!(locale, nav_lup).to_string(),
    requires: Some(Action::ViewLup),
}];

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
    demo: Some(|db, actor, _, now| Box::pin(service::seed_demo_lup(db, actor, now))),
};
