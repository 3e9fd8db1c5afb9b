//! What the posts' pages and API show: plain data made by the service for one reader.

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use crate::core::named::Named;
use crate::posts::domain::post::{Status, Visibility};

/// An uploaded image, under its content-hashed address.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImageView {
    pub url: String,
    pub alt: String,
    pub width: i32,
    pub height: i32,
}

/// A post in a list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PostRow {
    pub id: i32,
    pub title: String,
    pub summary: String,
    pub status: Status,
    pub visibility: Visibility,
    pub featured: bool,
    pub authors: Vec<Named>,
    pub tags: Vec<String>,
    pub sector: Option<Named>,
    pub cover: Option<ImageView>,
    pub published_at: Option<OffsetDateTime>,
    pub updated_at: OffsetDateTime,
}

/// A linked project, application or nomination.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LinkView {
    pub kind: String,
    pub id: i32,
    pub title: String,
    pub href: String,
}

/// A comment as its reader sees it: a hidden one only by its author (with the editor's
/// reason) and the editors.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommentView {
    pub id: i32,
    pub author: Named,
    pub body: String,
    pub created_at: OffsetDateTime,
    pub hidden_reason: Option<String>,
    pub own: bool,
}

/// A change in the edit history: who, when, which fields.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RevisionView {
    pub editor: Named,
    pub at: OffsetDateTime,
    pub fields: Vec<String>,
}

/// How many reacted with each reaction, and the reader's own.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reactions {
    pub counts: Vec<(String, u64)>,
    pub mine: Option<String>,
}

/// What the reader may do with the post.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct PostPermissions {
    pub edit: bool,
    pub publish: bool,
    pub make_public: bool,
    pub moderate: bool,
    pub take_part: bool,
}

/// One post as its page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PostView {
    pub row: PostRow,
    /// The Markdown as written (its authors and editors, for the form).
    pub body: String,
    /// The sanitised HTML made from it.
    pub body_html: String,
    pub links: Vec<LinkView>,
    pub related: Vec<PostRow>,
    pub comments: Vec<CommentView>,
    pub reactions: Reactions,
    pub history: Vec<RevisionView>,
    pub images: Vec<ImageView>,
    pub may: PostPermissions,
    /// The co-authors' e-mail addresses (for the form).
    pub co_author_emails: Vec<String>,
    /// When anything public last changed (the public pages' validator).
    pub stamp: Option<OffsetDateTime>,
    /// Whether the reader is signed in (a visitor's page is the same for every visitor).
    pub signed_in: bool,
}

/// The filters of the posts' list.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct PostFilter {
    pub tag: Option<String>,
    pub sector_id: Option<i32>,
    pub author_id: Option<i32>,
    pub query: Option<String>,
}

/// Tanketanken's front page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FrontPage {
    pub featured: Vec<PostRow>,
    pub posts: Vec<PostRow>,
    pub total: u64,
    pub offset: u64,
    pub limit: u64,
    /// The reader's own drafts and the editors' announcement drafts.
    pub drafts: Vec<PostRow>,
    pub tags: Vec<(String, u64)>,
    pub sectors: Vec<Named>,
    pub filter: PostFilter,
    pub may_write: bool,
    pub signed_in: bool,
    pub stamp: Option<OffsetDateTime>,
}
