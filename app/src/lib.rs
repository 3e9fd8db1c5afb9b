//! Idéverket: the Leptos application (pages, routes, server functions), the pure domain and,
//! behind the `ssr` feature, the service layer and the database entities.
#![recursion_limit = "256"]

// Generates the `i18n` module from `locales/*.json`. Upstream deprecates this macro in favour
// of `leptos_i18n_build` in a build script, but that crate pulls in ICU's data exporter with
// networking features (hundreds of crates): too heavy for a 2-core build, for the same output.
#[allow(deprecated)]
mod i18n_generated {
    leptos_i18n::load_locales!();
}
pub use i18n_generated::i18n;

pub mod auth;
pub mod core;
pub mod ui;

/// Names every feature once and makes, from that one list, its module, its place in
/// [`FEATURES`] (its menu entries, own data, demo data, REST endpoints and downloads, walked by
/// `registry`) and its pages in the shell's [`FeatureRoutes`]. Each feature declares a
/// `FEATURE` and a `routes()` in its `mod.rs`.
macro_rules! features {
    ($($feature:ident),+ $(,)?) => {
        $(pub mod $feature;)+

        /// Every feature, in the order named: the platform first, then the strands (the order
        /// their demo data is made).
        #[cfg(feature = "ssr")]
        pub const FEATURES: &[feature::Feature] = &[$($feature::FEATURE),+];

        /// Every feature's pages, for the shell's `<Routes>`.
        #[cfg(feature = "ssr")]
        #[leptos::component(transparent)]
        pub fn FeatureRoutes() -> impl leptos_router::MatchNestedRoutes + Clone {
            ($($feature::routes(),)+)
        }
    };
}

features!(
    org,
    users,
    audit,
    notifications,
    portfolio,
    lup,
    fund,
    prize,
    posts,
);

// Islands mode: pages, the shell and the routes render on the server only. What the browser
// runs is the `#[island]` components (forms that answer in place), nothing else.
#[cfg(feature = "ssr")]
pub mod api_docs;
#[cfg(feature = "ssr")]
pub mod entities;
#[cfg(feature = "ssr")]
pub mod feature;
#[cfg(feature = "ssr")]
pub mod http;
#[cfg(feature = "ssr")]
pub mod pages;
#[cfg(feature = "ssr")]
pub mod registry;
#[cfg(feature = "ssr")]
pub mod shell;

#[cfg(feature = "ssr")]
pub use shell::{App, shell};

#[cfg(test)]
mod layering;

/// Entry point of the WebAssembly bundle: hydrates the islands of the server-rendered page.
#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    crate::core::plurals::install();
    leptos::mount::hydrate_islands();
}
