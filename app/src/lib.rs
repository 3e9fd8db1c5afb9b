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

pub mod audit;
pub mod auth;
pub mod core;
pub mod lup;
pub mod notifications;
pub mod org;
pub mod portfolio;
pub mod prize;
pub mod ui;
pub mod users;

// Islands mode: pages, the shell and the routes render on the server only. What the browser
// runs is the `#[island]` components (forms that answer in place), nothing else.
#[cfg(feature = "ssr")]
pub mod api_docs;
#[cfg(feature = "ssr")]
pub mod entities;
#[cfg(feature = "ssr")]
pub mod feature;
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
    leptos::mount::hydrate_islands();
}
