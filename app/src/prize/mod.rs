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
