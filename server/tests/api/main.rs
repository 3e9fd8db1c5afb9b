//! The server's integration tests, one binary (zero2prod's layout): nine test files used to
//! link nine ~100 MB binaries against the whole app on 2 cores; one link serves them all.
//! Each module runs its tests once on SQLite and once on PostgreSQL (`on_both_backends!`),
//! each test with a database of its own; cargo-nextest runs every test in its own process.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[macro_use]
mod common;

mod accounts_service;
mod api_http;
mod auth_http;
mod delivery_http;
mod form_injection;
mod fund_http;
mod fund_matrix;
mod fund_service;
mod guards;
mod hardening;
mod http;
mod lup_http;
mod lup_scope;
mod lup_service;
mod mail;
mod my_tasks;
mod openapi_contract;
mod org_service;
mod own_data;
mod page_models;
mod permissions;
mod person_chooser;
mod portfolio_http;
mod portfolio_involvement;
mod portfolio_pages;
mod portfolio_programmes;
mod portfolio_service;
mod portfolio_settings;
mod portfolio_view;
mod posts_http;
mod posts_matrix;
mod posts_service;
mod prize_http;
mod prize_matrix;
mod prize_public;
mod prize_rules;
mod prize_service;
mod races;
mod rest;
mod search_across;
mod search_plan;
mod sessions;
mod sso_http;
mod sso_service;
mod transfer_service;
mod users_service;
