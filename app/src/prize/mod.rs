//! The annual innovation prize (DESIGN §7, issue 14): prize years with categories, weighted
//! criteria and juries; nominations by any employee; the committee's shortlist; the jury's
//! ballots with recusal; the sealed tally, its publication and the ceremony. Shaped like the
//! portfolio and LUP: `domain` (pure rules), `service` (the only database access), `api`
//! (server functions), `pages`, and REST in the server's `api::v1::prize`.

pub mod api;
pub mod ceremony;
pub mod demo;
pub mod domain;
#[cfg(feature = "ssr")]
pub mod pages;
#[cfg(feature = "ssr")]
pub mod service;

use crate::auth::Action;
use crate::auth::nav::NavEntry;

/// The feature's entry in the main menu (every employee).
pub const NAV: &[NavEntry] = &[NavEntry {
    href: "/pris",
    label: |locale| crate::i18n::td_string!(locale, nav_prize).to_string(),
    requires: Some(Action::ViewPrize),
}];

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
    demo: Some(|db, actor, _, now| Box::pin(service::seed_demo_prize(db, actor, now))),
};
