//! What the other strands write into Tanketanken (published, like `portfolio::write`):
//! announcements. A decided fund round and a published prize year each leave a draft for the
//! editors, linked to the grants or the winners (issue 29), written in the deciding step's
//! own transaction, once per round or year.

use sea_orm::ConnectionTrait;
use time::OffsetDateTime;

use crate::core::error::AppError;
pub use crate::posts::domain::post::LinkKind;

/// A draft announcement: `key` names what it announces (`fund_call:7`, `prize_year:3`), so it
/// is written once.
pub struct Announcement {
    pub key: String,
    /// The person whose step it announces (the draft's author).
    pub author_id: i32,
    pub title: String,
    pub summary: String,
    /// Markdown.
    pub body: String,
    pub links: Vec<(LinkKind, i32)>,
}

/// Writes the draft unless its key was announced already; answers the post's id if written.
pub async fn announce(
    txn: &impl ConnectionTrait,
    announcement: Announcement,
    now: OffsetDateTime,
) -> Result<Option<i32>, AppError> {
    crate::posts::service::insert_announcement(txn, &announcement, now).await
}

/// `text` with Markdown's punctuation escaped, for a name or title set into an
/// announcement's Markdown.
pub fn escape_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if "\\`*_{}[]()#+-.!<>|~".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}
