//! Who is acting, and what they may do. Every service function calls [`authorize`] first.

pub mod api;
pub mod demo;
pub mod domain;
pub mod nav;
#[cfg(feature = "ssr")]
pub mod pages;
#[cfg(feature = "ssr")]
pub mod password;
pub mod permission;
#[cfg(feature = "ssr")]
pub mod refused;
#[cfg(feature = "ssr")]
pub mod service;
#[cfg(feature = "ssr")]
pub mod session_store;
#[cfg(feature = "ssr")]
pub mod sign_in;
pub mod tokens;

pub use domain::{Actor, GrantError, Role, RoleGrant, Scope, UserActor};
pub use permission::{Action, Permission, authorize};

/// Where signing out leads: the sign-in page, which then says the user is signed out.
pub const SIGNED_OUT_PAGE: &str = "/logg-inn?utlogget=1";
