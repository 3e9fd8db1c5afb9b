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
pub mod pages;
#[cfg(feature = "ssr")]
pub mod service;

use crate::auth::Action;
use crate::auth::nav::NavEntry;

/// The feature's entries in the main menu (every employee).
pub const NAV: &[NavEntry] = &[
    NavEntry {
        href: "/portefolje",
        label: |locale| crate::i18n::td_string!(locale, nav_portfolio).to_string(),
        requires: Some(Action::ViewPortfolio),
    },
    NavEntry {
        href: "/ideer",
        label: |locale| crate::i18n::td_string!(locale, nav_ideas).to_string(),
        requires: Some(Action::ViewPortfolio),
    },
];
