//! Users: accounts, roles, profiles (DESIGN §2, §9). Sign-in itself is in `auth`.

pub mod api;
#[cfg(feature = "ssr")]
pub mod csv;
#[cfg(feature = "ssr")]
pub mod detail;
pub mod domain;
#[cfg(feature = "ssr")]
pub mod pages;
#[cfg(feature = "ssr")]
pub mod profile;
#[cfg(feature = "ssr")]
pub mod service;

use crate::auth::Action;
use crate::auth::nav::NavEntry;

/// The feature's entries in the main menu.
pub const NAV: &[NavEntry] = &[NavEntry {
    href: "/admin/brukere",
    label: |locale| crate::i18n::td_string!(locale, nav_admin).to_string(),
    requires: Some(Action::ManageUsers),
}];
