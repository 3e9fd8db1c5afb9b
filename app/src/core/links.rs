//! Links between strands that must not import one another (issue 29): a Tanketanken post
//! links to a project, a fund application or a prize nomination, and those strands in turn
//! list their posts and announce into Tanketanken, so the post cannot name them. Each strand
//! that can be linked to publishes a [`LinkTargets`] in its `Feature`; the application state
//! carries them all (`registry::link_targets()`).

use std::future::Future;
use std::pin::Pin;

use sea_orm::DatabaseConnection;

use crate::core::error::AppError;

/// An object a post links to, as every employee may see it named.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkTarget {
    pub id: i32,
    pub title: String,
    /// The object's page.
    pub href: String,
}

/// The objects `ids` that every employee may see (the strand's own rule: any project, a
/// granted application, a finalist of a published prize year); the others are left out.
pub type LinkResolver =
    for<'a> fn(
        &'a DatabaseConnection,
        &'a [i32],
    ) -> Pin<Box<dyn Future<Output = Result<Vec<LinkTarget>, AppError>> + Send + 'a>>;

/// One strand's link targets: its kind (`project`, `application`, `nomination`) and how to
/// look them up.
#[derive(Clone, Copy)]
pub struct LinkTargets {
    pub kind: &'static str,
    pub resolve: LinkResolver,
}
