//! A notification as stored and shown: what happened, about what, and why.

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

/// What a notification tells.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NotificationKind {
    /// A manager or the council decided on the reader's idea (status and reason).
    IdeaAssessed,
    /// A colleague nominated the reader for the innovation prize (DESIGN §7: they are told).
    Nominated,
    /// A colleague named the reader as a co-author of a Tanketanken post (issue 29: their name
    /// stands on it, so they are told).
    CoAuthor,
    /// The council decided the call the reader applied to: granted (with the amount) or not.
    FundDecided,
    /// Reminder: a benefit the reader answers for is due a measurement.
    MeasurementDue,
    /// Reminder: a report on the reader's grant is due.
    ReportDue,
    /// Reminder: the jury's deadline is near and the reader has ballots to cast.
    JuryDeadline,
    /// Reminder from a manager: the reader's site has not started LUP (DESIGN §5).
    LupNotStarted,
}

impl NotificationKind {
    /// Every kind, in the order the e-mail settings list them.
    pub const ALL: [NotificationKind; 8] = [
        NotificationKind::IdeaAssessed,
        NotificationKind::FundDecided,
        NotificationKind::Nominated,
        NotificationKind::CoAuthor,
        NotificationKind::JuryDeadline,
        NotificationKind::ReportDue,
        NotificationKind::MeasurementDue,
        NotificationKind::LupNotStarted,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            NotificationKind::IdeaAssessed => "idea_assessed",
            NotificationKind::Nominated => "prize_nominated",
            NotificationKind::CoAuthor => "post_co_author",
            NotificationKind::FundDecided => "fund_decided",
            NotificationKind::MeasurementDue => "measurement_due",
            NotificationKind::ReportDue => "report_due",
            NotificationKind::JuryDeadline => "jury_deadline",
            NotificationKind::LupNotStarted => "lup_not_started",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|kind| kind.as_str() == raw)
    }
}

/// The status a fund decision's notification has for a grant ("declined" otherwise).
pub const GRANTED: &str = "granted";

/// Where a notification's e-mail stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MailState {
    /// No e-mail: the person opted out of the kind, or has no address.
    Off,
    /// To be sent (by the next delivery on any instance, when SMTP is configured).
    Pending,
    Sent,
    /// Given up after [`MAX_MAIL_ATTEMPTS`] failures.
    Failed,
    /// Not sent within [`MAIL_FRESH_FOR`]: news that old is not sent (SMTP was off, say).
    Expired,
}

impl MailState {
    pub fn as_str(self) -> &'static str {
        match self {
            MailState::Off => "off",
            MailState::Pending => "pending",
            MailState::Sent => "sent",
            MailState::Failed => "failed",
            MailState::Expired => "expired",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        [
            MailState::Off,
            MailState::Pending,
            MailState::Sent,
            MailState::Failed,
            MailState::Expired,
        ]
        .into_iter()
        .find(|state| state.as_str() == raw)
    }
}

/// Failures after which an e-mail is given up.
pub const MAX_MAIL_ATTEMPTS: i32 = 5;

/// How long a pending e-mail is worth sending.
pub const MAIL_FRESH_FOR: time::Duration = time::Duration::days(3);

/// When to try again after the `attempts`-th failure: 1, 5, 30 minutes, then 2 hours; `None`
/// once [`MAX_MAIL_ATTEMPTS`] have failed.
pub fn retry_after(attempts: i32) -> Option<time::Duration> {
    match attempts {
        ..=1 => Some(time::Duration::minutes(1)),
        2 => Some(time::Duration::minutes(5)),
        3 => Some(time::Duration::minutes(30)),
        a if a < MAX_MAIL_ATTEMPTS => Some(time::Duration::hours(2)),
        _ => None,
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
    use super::*;

    #[test]
    fn a_kind_reads_back_from_its_name() {
        for kind in NotificationKind::ALL {
            assert_eq!(NotificationKind::parse(kind.as_str()), Some(kind));
        }
        assert_eq!(NotificationKind::parse("ukjent"), None);
        for state in [MailState::Off, MailState::Pending, MailState::Sent, MailState::Failed] {
            assert_eq!(MailState::parse(state.as_str()), Some(state));
        }
    }

    #[test]
    fn a_failed_mail_is_tried_again_later_each_time_then_given_up() {
        let waits: Vec<_> = (1..=MAX_MAIL_ATTEMPTS).map(retry_after).collect();
        assert_eq!(
            waits,
            [
                Some(time::Duration::minutes(1)),
                Some(time::Duration::minutes(5)),
                Some(time::Duration::minutes(30)),
                Some(time::Duration::hours(2)),
                None,
            ]
        );
        assert_eq!(retry_after(MAX_MAIL_ATTEMPTS + 3), None);
    }
}
