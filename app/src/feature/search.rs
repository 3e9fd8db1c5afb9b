//! Search across the strands (issue 30, `/sok`): each strand that holds something to find
//! publishes a [`SearchSource`] in its `Feature`: one index-backed query per kind of object
//! (`core::search::indexed` or the strand's own), filtered by what the acting user may see,
//! in its own service. `registry::search` asks them all; the page names no strand.

use std::future::Future;
use std::pin::Pin;

use sea_orm::DatabaseConnection;
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use crate::auth::Actor;
use crate::core::error::AppError;

/// What was found: decides its heading on the page and the groups' order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum HitKind {
    Project,
    Idea,
    Post,
    Application,
    Nomination,
}

/// One object found: its title and page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Hit {
    pub kind: HitKind,
    pub title: String,
    pub href: String,
}

/// How many objects of one kind a search shows: the strand's own page searches further.
pub const MAX_HITS: u64 = 10;

/// How many rows a strand reads to find [`MAX_HITS`] the reader may see, where its rule is
/// per object (a fund application's standing).
pub const MAX_WEIGHED: u64 = 200;

/// A strand's objects matching `needle` (already normalised and bounded,
/// `core::search::needle`) that the acting user may see.
pub type SearchSource =
    for<'a> fn(
        &'a DatabaseConnection,
        &'a Actor,
        &'a str,
        OffsetDateTime,
    ) -> Pin<Box<dyn Future<Output = Result<Vec<Hit>, AppError>> + Send + 'a>>;
