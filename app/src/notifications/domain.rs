//! A notification as stored and shown: what happened, about what, and why.

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

/// What a notification tells.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NotificationKind {
    /// A manager or the council decided on the reader's idea (status and reason).
    IdeaAssessed,
    /// A colleague nominated the reader for the innovation prize (DESIGN §7: they are told).
    Nominated,
    /// A colleague named the reader as a co-author of a Tanketanken post (issue 29: their name
    /// stands on it, so they are told).
    CoAuthor,
}

impl NotificationKind {
    pub fn as_str(self) -> &'static str {
        match self {
            NotificationKind::IdeaAssessed => "idea_assessed",
            NotificationKind::Nominated => "prize_nominated",
            NotificationKind::CoAuthor => "post_co_author",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        match raw {
            "idea_assessed" => Some(NotificationKind::IdeaAssessed),
            "prize_nominated" => Some(NotificationKind::Nominated),
            "post_co_author" => Some(NotificationKind::CoAuthor),
            _ => None,
        }
    }
}

/// One notification of the reader's.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Notification {
    pub id: i32,
    pub kind: NotificationKind,
    /// What it is about (an idea's title).
    pub subject: String,
    /// The new state (an idea's status key).
    pub status: String,
    /// Why (the decision's reason).
    pub detail: String,
    /// Where to read more (a local path).
    pub link: String,
    pub created_at: OffsetDateTime,
    pub read: bool,
}

/// A notification to write, for one user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewNotification<'a> {
    pub user_id: i32,
    pub kind: NotificationKind,
    pub subject: &'a str,
    pub status: &'a str,
    pub detail: &'a str,
    pub link: &'a str,
}

#[cfg(test)]
mod tests {
    use super::NotificationKind;

    #[test]
    fn a_kind_reads_back_from_its_name() {
        for kind in [NotificationKind::IdeaAssessed, NotificationKind::Nominated] {
            assert_eq!(NotificationKind::parse(kind.as_str()), Some(kind));
        }
        assert_eq!(NotificationKind::parse("ukjent"), None);
    }
}
