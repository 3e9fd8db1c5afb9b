//! Organisation: sectors (tjenesteområder) and service sites (tjenestesteder), DESIGN §3.

#[cfg(feature = "ssr")]
pub mod admin;
pub mod api;
#[cfg(feature = "ssr")]
pub mod csv;
pub mod demo;
#[cfg(feature = "ssr")]
pub mod directory;
pub mod domain;
#[cfg(feature = "ssr")]
pub mod pages;
#[cfg(feature = "ssr")]
pub mod service;

use crate::auth::Action;
use crate::auth::nav::NavEntry;

/// The feature's entries in the main menu.
pub const NAV: &[NavEntry] = &[
    NavEntry {
        href: "/organisasjon",
        label: |locale| crate::i18n::td_string!(locale, nav_organisation).to_string(),
        requires: None,
    },
    NavEntry {
        href: "/admin/organisasjon",
        label: |locale| crate::i18n::td_string!(locale, nav_admin_org).to_string(),
        requires: Some(Action::ManageOrganisation),
    },
];

/// What the feature contributes to the shared parts (issue 25), listed in
/// `registry::FEATURES`.
#[cfg(feature = "ssr")]
pub const FEATURE: crate::feature::Feature = crate::feature::Feature {
    key: "organisation",
    nav: NAV,
    menu_rank: 50,
    own_data: crate::feature::OwnData::NoPersonalData(
        "sectors and service sites belong to the organisation; no person is stored in them",
    ),
    demo: Some(|db, actor, _, now| {
        Box::pin(async move {
            service::seed_demo(db, actor, now)
                .await
                .map(|report| report.sites_created)
        })
    }),
};
